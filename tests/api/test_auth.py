"""Personal tokens, the browser session with its CSRF header, and JSON refusals."""

from datetime import timedelta

import pytest
import time_machine

from tests.api.conftest import bearer
from tests.conftest import csrf_token_from, sign_in
from tests.factories import OfficialFactory
from tracker.core.actor import SYSTEM
from tracker.core.errors import NotFound, PermissionDenied, SignInRefused, ValidationFailed
from tracker.extensions import db
from tracker.org.models import ApiToken
from tracker.org.services import set_active
from tracker.org.tokens import authenticate_token, create_token, list_tokens, revoke_token


def test_a_token_keeps_only_the_hash_of_its_secret(db_session):
    me = OfficialFactory()
    token, secret = create_token(db_session, me, me, "  Bảng tính   tổng hợp ")
    assert token.name == "Bảng tính tổng hợp" and len(secret) >= 43
    assert secret not in (token.token_hash, token.name) and len(token.token_hash) == 64
    assert authenticate_token(db_session, secret) == me
    assert list_tokens(db_session, me, me) == [token]


def test_tokens_are_personal(db_session):
    me, colleague = OfficialFactory(), OfficialFactory()
    with pytest.raises(PermissionDenied):
        create_token(db_session, colleague, me, "của người khác")
    token, _secret = create_token(db_session, me, me, "của tôi")
    with pytest.raises(NotFound):
        revoke_token(db_session, colleague, token)
    assert token.revoked_at is None


def test_revoked_unknown_and_inactive_are_refused(db_session):
    me = OfficialFactory()
    token, secret = create_token(db_session, me, me, "máy chủ báo cáo")
    with pytest.raises(SignInRefused):
        authenticate_token(db_session, secret + "x")
    revoke_token(db_session, me, token)
    with pytest.raises(SignInRefused):
        authenticate_token(db_session, secret)
    _token, other = create_token(db_session, SYSTEM, me, "khác")
    me.active = False
    with pytest.raises(SignInRefused):
        authenticate_token(db_session, other)


def test_last_use_is_written_at_most_once_a_minute(db_session):
    me = OfficialFactory()
    token, secret = create_token(db_session, me, me, "cron")
    with time_machine.travel("2023-03-20 09:00 +07:00", tick=False) as traveller:
        authenticate_token(db_session, secret)
        first = token.last_used_at
        traveller.shift(timedelta(seconds=30))
        authenticate_token(db_session, secret)
        assert token.last_used_at == first
        traveller.shift(timedelta(seconds=31))
        authenticate_token(db_session, secret)
        assert token.last_used_at == first + timedelta(seconds=61)


def test_api_answers_401_in_json_without_a_redirect(client, commune):
    for headers in ({}, {"Authorization": "Bearer sai"}, {"Authorization": "Basic eDp5"}):
        response = client.get("/api/v1/tasks", headers=headers)
        assert response.status_code == 401, headers
        assert response.is_json and response.json["message"]
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_revoked_token_and_inactive_official_get_401(client, commune):
    auth = commune.lead_auth
    assert client.get("/api/v1/tasks", headers=auth).status_code == 200
    for token in db.session.query(ApiToken).filter_by(official_id=commune.lead.id):
        revoke_token(db.session, commune.lead, token)
    assert client.get("/api/v1/tasks", headers=auth).status_code == 401
    other = bearer(commune.other)
    commune.other.active = False
    db.session.flush()
    assert client.get("/api/v1/tasks", headers=other).status_code == 401


def test_the_browser_session_reads_and_needs_the_csrf_header_to_write(client, commune):
    sign_in(client, "tuphap1")
    task = commune.task
    assert client.get(f"/api/v1/tasks/{task.id}").status_code == 200
    body = {"percent": 30, "note": "Đã rà soát", "version": task.version}
    response = client.post(f"/api/v1/tasks/{task.id}/progress", json=body)
    assert response.status_code == 400 and "X-CSRFToken" in response.json["message"]
    assert client.post(f"/api/v1/tasks/{task.id}/progress", json=body,
                       headers={"X-CSRFToken": "sai"}).status_code == 400
    db.session.refresh(task)
    assert task.progress_percent == 0
    token = csrf_token_from(client.get("/profile").get_data(as_text=True))
    response = client.post(f"/api/v1/tasks/{task.id}/progress", json=body,
                           headers={"X-CSRFToken": token})
    assert response.status_code == 200 and response.json["progress_percent"] == 30


def test_a_token_request_needs_no_csrf_and_ignores_the_session(client, commune):
    sign_in(client, "chutich")
    task = commune.task
    response = client.post(f"/api/v1/tasks/{task.id}/progress", headers=commune.lead_auth,
                           json={"percent": 10, "note": "", "version": task.version})
    assert response.status_code == 200
    assert response.json["progress"][-1]["author"]["id"] == commune.lead.id


def test_the_profile_page_creates_shows_once_and_revokes_a_token(client, commune):
    sign_in(client, "vanphong1")
    html = client.get("/profile").get_data(as_text=True)
    assert "Khóa API" in html and 'data-testid="new-token"' not in html
    response = client.post("/profile/tokens", data={"csrf_token": csrf_token_from(html),
                                                    "name": "Bảng tính của tôi"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'data-testid="new-token"' in html
    secret = html.split('data-testid="new-token"')[1].split('value="')[1].split('"')[0]
    assert client.get("/api/v1/tasks", headers={"Authorization": f"Bearer {secret}"}
                      ).status_code == 200
    html = client.get("/profile").get_data(as_text=True)
    assert secret not in html and "Bảng tính của tôi" in html
    token = db.session.query(ApiToken).filter_by(name="Bảng tính của tôi").one()
    client.post(f"/profile/tokens/{token.id}/revoke", data={"csrf_token": csrf_token_from(html)})
    db.session.refresh(token)
    assert token.revoked_at is not None
    assert client.get("/api/v1/tasks", headers={"Authorization": f"Bearer {secret}"}
                      ).status_code == 401


def test_the_profile_refuses_an_empty_name_and_someone_elses_token(client, commune):
    sign_in(client, "vanphong1")
    token = csrf_token_from(client.get("/profile").get_data(as_text=True))
    response = client.post("/profile/tokens", data={"csrf_token": token, "name": " "})
    assert response.status_code == 422
    theirs = db.session.query(ApiToken).filter_by(official_id=commune.lead.id).first()
    response = client.post(f"/profile/tokens/{theirs.id}/revoke", data={"csrf_token": token})
    db.session.refresh(theirs)
    assert response.status_code == 404 and theirs.revoked_at is None


def _profile_post(client, path: str, data: dict):
    token = csrf_token_from(client.get("/profile").get_data(as_text=True))
    return client.post(path, data={"csrf_token": token, **data})


@pytest.mark.parametrize(("path", "data"), [
    ("/profile/password", {"current_password": "mat-khau-thu-nghiem",
                           "new_password": "mat-khau-moi-2023",
                           "confirm_password": "mat-khau-moi-2023"}),
    ("/sign-out-everywhere", {}),
])
def test_tokens_are_refused_after_a_password_change_or_sign_out_everywhere(
        client, commune, path, data):
    sign_in(client, "tuphap1")
    assert client.get("/api/v1/tasks", headers=commune.lead_auth).status_code == 200
    assert _profile_post(client, path, data).status_code == 302
    assert client.get("/api/v1/tasks", headers=commune.lead_auth).status_code == 401
    assert client.get("/api/v1/tasks", headers=commune.other_auth).status_code == 200


def test_tokens_are_refused_once_the_official_is_deactivated(client, commune):
    set_active(db.session, SYSTEM, commune.lead, False)
    commune.lead.active = True  # reactivated: the old token stays revoked
    db.session.flush()
    assert client.get("/api/v1/tasks", headers=commune.lead_auth).status_code == 401


def test_a_token_is_refused_after_its_expiry(client, commune):
    with time_machine.travel("2023-03-20 09:00 +07:00", tick=False) as traveller:
        _token, secret = create_token(db.session, commune.lead, commune.lead, "cron",
                                      valid_days=30)
        auth = {"Authorization": f"Bearer {secret}"}
        traveller.shift(timedelta(days=29, hours=23))
        assert client.get("/api/v1/tasks", headers=auth).status_code == 200
        traveller.shift(timedelta(hours=1))
        assert client.get("/api/v1/tasks", headers=auth).status_code == 401
        assert "cron" not in {t.name for t in list_tokens(db.session, commune.lead, commune.lead)}


def test_only_the_offered_lifetimes_are_accepted(db_session):
    me = OfficialFactory()
    with pytest.raises(ValidationFailed) as refused:
        create_token(db_session, me, me, "mãi mãi", valid_days=10_000)
    assert "valid_days" in refused.value.errors


def test_the_profile_creates_a_token_for_the_chosen_time_and_shows_its_expiry(client, commune):
    with time_machine.travel("2023-03-20 09:00 +07:00", tick=False):
        sign_in(client, "vanphong1")
        html = client.get("/profile").get_data(as_text=True)
        assert '<option selected value="365">1 năm</option>' in html
        _profile_post(client, "/profile/tokens", {"name": "Báo cáo quý", "valid_days": "90"})
        token = db.session.query(ApiToken).filter_by(name="Báo cáo quý").one()
        assert token.expires_at - token.created_at == timedelta(days=90)
        html = client.get("/profile").get_data(as_text=True)
        assert "hết hạn 18/06/2023" in html
        response = _profile_post(client, "/profile/tokens", {"name": "X", "valid_days": "7"})
        assert response.status_code == 422

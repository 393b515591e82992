import re

import pytest
from sqlalchemy import select

from tests.conftest import sign_in
from tests.factories import OfficialFactory
from tracker.core.roles import Role
from tracker.demo.loader import load_demo
from tracker.documents.models import Document
from tracker.extensions import db
from tracker.org.models import Official, Unit
from tracker.reports.services import create_report
from tracker.tasks.models import Task

PASSWORD = "demo-tieu-de"
# What the Content-Security-Policy refuses to run; a page that still has one breaks.
INLINE_CODE = re.compile(
    r"<script(?![^>]*\bsrc=)|<style\b|<[^>]*\s(?:on[a-z]+|style)\s*=|=\s*[\"']?\s*javascript:",
    re.IGNORECASE)


@pytest.fixture
def demo(db_session):
    load_demo(db_session, password=PASSWORD)


@pytest.fixture
def chairman(client, demo):
    sign_in(client, "chutich", PASSWORD)
    return client


@pytest.fixture
def admin(app, demo):
    client = app.test_client()
    sign_in(client, "quantri", PASSWORD)
    return client


@pytest.fixture
def province_admin(app, demo):
    """The province's admin: the only one who sees its communes' page (/units)."""
    province = db.session.scalars(select(Unit).where(Unit.code == "quang-ngai")).one()
    OfficialFactory(unit=province, username="qt.tinh", role=Role.ADMIN)
    client = app.test_client()
    sign_in(client, "qt.tinh")
    return client


def _assert_security_headers(response) -> None:
    policy = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'",
                      "frame-ancestors 'none'", "object-src 'none'"):
        assert directive in policy.split("; ")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]


def _assert_no_inline_code(response, path: str) -> None:
    found = INLINE_CODE.search(response.get_data(as_text=True))
    assert found is None, f"{path}: {found.group(0)}"


def _pages(app) -> list[str]:
    """Every page a GET without parameters reaches, and a task's, a document's and a
    report's."""
    simple = [rule.rule for rule in app.url_map.iter_rules()
              if "GET" in rule.methods and not rule.arguments
              and not rule.rule.startswith("/api/") and not rule.rule.endswith(".xlsx")
              and rule.endpoint not in ("health.health", "auth.sign_in", "reports.build")]
    task = db.session.scalars(select(Task).where(Task.title.contains("hội nghị"))).first()
    document = db.session.scalars(select(Document)).first()
    chairman = db.session.scalars(select(Official).where(Official.username == "chutich")).one()
    report = create_report(db.session, chairman, chairman.unit, "2025-Y")
    return [*simple, f"/tasks/{task.id}", f"/tasks/{task.id}/edit", f"/documents/{document.id}",
            f"/reports/{report.id}", f"/reports/{report.id}/preview",
            "/reports/build?period=2025-Q3"]


def test_every_page_has_the_headers_no_store_and_no_inline_code(app, chairman, admin,
                                                                province_admin):
    for path in _pages(app):
        response = chairman.get(path)
        if response.status_code == 403:  # the unit's settings: the administrator's page
            response = admin.get(path)
        if response.status_code == 403:  # the communes below: the province admin's page
            response = province_admin.get(path)
        assert response.status_code == 200, path
        _assert_security_headers(response)
        assert response.headers["Cache-Control"] == "no-store", path
        _assert_no_inline_code(response, path)


def test_an_api_answer_has_the_headers_and_is_not_kept(chairman):
    response = chairman.get("/api/v1/tasks")
    assert response.status_code == 200 and response.is_json
    _assert_security_headers(response)
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/tasks/2147483000", "/no-such-page"])
def test_an_error_page_has_the_headers(chairman, path):
    response = chairman.get(path)
    assert response.status_code == 404
    _assert_security_headers(response)
    assert response.headers["Cache-Control"] == "no-store"
    _assert_no_inline_code(response, path)


def test_the_sign_in_page_has_the_headers_and_is_not_kept(client, db_session):
    response = client.get("/sign-in")
    _assert_security_headers(response)
    assert response.headers["Cache-Control"] == "no-store"
    _assert_no_inline_code(response, "/sign-in")


@pytest.mark.parametrize("path", ["/static/tracker.css", "/bootstrap/static/css/bootstrap.min.css",
                                  "/bootstrap/static/js/bootstrap.min.js"])
def test_static_files_have_the_headers_and_stay_cacheable(chairman, path):
    response = chairman.get(path)
    assert response.status_code == 200
    _assert_security_headers(response)
    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_strict_transport_security_only_over_https(app, client, db_session):
    assert "Strict-Transport-Security" not in client.get("/sign-in").headers
    secure = client.get("/sign-in", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_strict_transport_security_when_cookies_are_https_only_behind_a_proxy(
        app, client, db_session, monkeypatch):
    monkeypatch.setitem(app.config, "SESSION_COOKIE_SECURE", True)
    assert client.get("/sign-in").headers["Strict-Transport-Security"] == "max-age=31536000"

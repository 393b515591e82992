"""Handing over work through the API: the same rules as the page, answered in JSON."""

import pytest

from tests.api.conftest import bearer
from tests.factories import OfficialFactory
from tracker.core.roles import Role
from tracker.extensions import db

pytestmark = pytest.mark.usefixtures("on_20_march_2023")


def _url(official) -> str:
    return f"/api/v1/officials/{official.id}/handover"


def test_dry_run_counts_then_the_chairman_moves_the_work(client, commune):
    body = {"to": commune.other.id, "dry_run": True}
    response = client.post(_url(commune.lead), headers=commune.chairman_auth, json=body)
    assert response.status_code == 200, response.json
    assert response.json["applied"] is False and response.json["counts"] == {
        "lead": 1, "coordinator": 0, "follower": 0}
    response = client.post(_url(commune.lead), headers=commune.chairman_auth,
                           json={"to": commune.other.id})
    assert response.status_code == 200 and response.json["applied"] is True
    assert response.json["task_ids"]["lead"] == [commune.task.id]
    db.session.refresh(commune.task)
    # The receiver coordinated the task: now its lead, and no longer a coordinator of it.
    assert commune.task.lead_id == commune.other.id and commune.task.coordinators == []


def test_the_unit_admin_may_hand_over_work(client, commune):
    admin = OfficialFactory(unit=commune.unit, role=Role.ADMIN)
    response = client.post(_url(commune.lead), headers=bearer(admin),
                           json={"to": commune.other.id})
    assert response.status_code == 200 and response.json["task_count"] == 1


@pytest.mark.parametrize("who", ["lead", "viewer"])
def test_other_roles_are_refused(client, commune, who):
    response = client.post(_url(commune.lead), headers=getattr(commune, f"{who}_auth"),
                           json={"to": commune.other.id})
    assert response.status_code == 403


def test_another_units_chairman_does_not_find_the_official(client, commune):
    response = client.post(_url(commune.lead), headers=commune.stranger_auth,
                           json={"to": commune.other.id})
    assert response.status_code == 404


@pytest.mark.parametrize("make_body, field", [
    (lambda c: {"to": OfficialFactory(unit=c.unit, active=False).id}, "to"),
    (lambda c: {"to": c.stranger.id}, "to"),
    (lambda c: {"to": c.lead.id}, "to"),
    (lambda c: {"to": "mot"}, "to"),
    (lambda c: {"to": c.other.id, "dry_run": "co"}, "dry_run"),
    (lambda c: {}, "to"),
], ids=["inactive", "another-unit", "same-person", "not-a-number", "bad-flag", "missing"])
def test_bad_input_is_refused_by_field_and_nothing_moves(client, commune, make_body, field):
    response = client.post(_url(commune.lead), headers=commune.chairman_auth,
                           json=make_body(commune))
    assert response.status_code == 422, response.json
    assert field in response.json["errors"]
    db.session.refresh(commune.task)
    assert commune.task.lead_id == commune.lead.id

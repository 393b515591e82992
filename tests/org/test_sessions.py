"""Sign-in sessions on the server: idle time, absolute lifetime, ending them."""

from datetime import timedelta

import pytest
import time_machine

from tests.factories import OfficialFactory
from tests.helpers import audit_actions
from tracker.core.errors import PermissionDenied, ValidationFailed
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.org.models import SignInSession
from tracker.org.sessions import (
    end_all_sessions,
    end_session,
    list_sessions,
    load_signed_in,
    start_session,
)
from tracker.org.settings import update_unit_settings

WEEK = timedelta(days=7)


@pytest.fixture
def official(db_session):
    return OfficialFactory()


def _start(official, device="Firefox trên Windows"):
    return start_session(db.session, official, user_agent=device, address="10.1.2.3")


def _load(secret):
    return load_signed_in(db.session, secret, absolute_lifetime=WEEK)


def test_only_the_hash_of_the_secret_is_kept(official):
    secret = _start(official)
    row = db.session.query(SignInSession).one()
    assert len(secret) >= 43 and secret != row.secret_hash and len(row.secret_hash) == 64
    assert _load(secret) is official and official.get_id() == secret


@pytest.mark.parametrize("secret", [None, "", "abc", "1:1"])
def test_unknown_or_old_style_session_ids_load_nobody(db_session, secret):
    assert _load(secret) is None


def test_a_visit_keeps_the_session_alive_until_the_idle_time_passes_without_one(official):
    with time_machine.travel("2023-03-20 08:00 +07:00", tick=False) as traveller:
        secret = _start(official)
        for _ in range(3):
            traveller.shift(timedelta(hours=7, minutes=59))
            assert _load(secret) is official
        traveller.shift(timedelta(hours=8))
        assert _load(secret) is None


def test_the_last_visit_is_written_at_most_once_a_minute(official):
    with time_machine.travel("2023-03-20 08:00 +07:00", tick=False) as traveller:
        secret = _start(official)
        row = db.session.query(SignInSession).one()
        started = row.last_seen_at
        traveller.shift(timedelta(seconds=59))
        _load(secret)
        db.session.refresh(row)
        assert row.last_seen_at == started
        traveller.shift(timedelta(seconds=2))
        _load(secret)
        db.session.refresh(row)
        assert row.last_seen_at == started + timedelta(seconds=61)


def test_the_absolute_lifetime_ends_even_a_busy_session(official):
    with time_machine.travel("2023-03-20 08:00 +07:00", tick=False) as traveller:
        secret = _start(official)
        for _ in range(23):  # 23 × 7 h = 161 h, each visit within the idle time
            traveller.shift(timedelta(hours=7))
            assert _load(secret) is official
        traveller.shift(timedelta(hours=7))
        assert _load(secret) is None


def test_signing_out_ends_only_this_browsers_session(official):
    laptop, phone = _start(official, "laptop"), _start(official, "phone")
    assert _load(laptop) is official
    end_session(db.session, official)
    assert _load(laptop) is None and _load(phone) is official
    assert audit_actions(official) == ["sign_out"]


def test_sign_out_everywhere_needs_the_official_or_their_admin(official):
    secret = _start(official)
    with pytest.raises(PermissionDenied):
        end_all_sessions(db.session, OfficialFactory(unit=official.unit), official)
    end_all_sessions(db.session, OfficialFactory(unit=official.unit, role=Role.ADMIN), official)
    assert _load(secret) is None
    assert audit_actions(official) == ["sign_out_everywhere"]


def test_an_inactive_official_has_no_session(official):
    secret = _start(official)
    official.active = False
    assert _load(secret) is None


def test_the_profile_lists_live_sessions_the_latest_seen_first(official):
    with time_machine.travel("2023-03-20 08:00 +07:00", tick=False) as traveller:
        _start(official, "cũ")
        traveller.shift(timedelta(hours=9))
        _start(official, "điện thoại")
        traveller.shift(timedelta(minutes=5))
        _load(_start(official, "máy tính"))
        devices = [row.user_agent for row in
                   list_sessions(db.session, official, official, absolute_lifetime=WEEK)]
    assert devices == ["máy tính", "điện thoại"]


@pytest.mark.parametrize(("hours", "accepted"), [(0, False), (1, True), (72, True), (73, False)])
def test_the_admin_sets_the_idle_time_between_one_hour_and_three_days(official, hours, accepted):
    admin = OfficialFactory(unit=official.unit, role=Role.ADMIN)
    if accepted:
        update_unit_settings(db.session, admin, official.unit, session_idle_hours=hours)
        assert official.unit.settings.session_idle_hours == hours
    else:
        with pytest.raises(ValidationFailed):
            update_unit_settings(db.session, admin, official.unit, session_idle_hours=hours)

"""The password check at sign-in and its throttle."""

import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import time_machine
from flask_migrate import upgrade
from sqlalchemy import func, select

from tests.conftest import TEST_PASSWORD
from tests.databases import fresh_database
from tests.factories import OfficialFactory, UnitFactory
from tests.helpers import audit_actions
from tracker import create_app
from tracker.audit.models import AuditEntry
from tracker.core.actor import SYSTEM
from tracker.core.errors import SignInRefused, TooManyAttempts, ValidationFailed
from tracker.extensions import db
from tracker.org.models import SignInAttempts
from tracker.org.services import create_official
from tracker.org.sessions import load_signed_in, start_session
from tracker.org.sign_in import Throttle, authenticate, change_own_password
from tracker.org.tokens import authenticate_token, create_token
from tracker.org.units import create_unit

THROTTLE = Throttle(max_failures=5, account_max_failures=12, window=timedelta(minutes=15))
HOME = "192.0.2.10"


@pytest.fixture
def official(db_session):
    return OfficialFactory(unit=UnitFactory(), username="vanphong1", email="vp1@xa.example.vn")


def _authenticate(login, password=TEST_PASSWORD, address=HOME):
    return authenticate(db.session, login, password, address=address, throttle=THROTTLE)


def _fail(login, times=1, address=HOME):
    for _ in range(times):
        with pytest.raises(SignInRefused):
            _authenticate(login, "sai-mat-khau", address)


def test_sign_in_by_username_or_email_case_insensitive(official):
    assert _authenticate("VanPhong1") is official
    assert _authenticate(" vp1@xa.example.vn ") is official


def test_wrong_password_unknown_login_and_inactive_account_get_one_message(official):
    OfficialFactory(username="nghiviec", active=False)
    messages = set()
    for login, password in [("vanphong1", "sai"), ("khong-co-ai", "sai"), ("nghiviec", None)]:
        with pytest.raises(SignInRefused) as refused:
            _authenticate(login, password or TEST_PASSWORD)
        messages.add(str(refused.value.message))
    assert messages == {"Tên đăng nhập hoặc mật khẩu không đúng."}


def test_after_five_failures_even_the_right_password_waits_for_a_quiet_window(official):
    with time_machine.travel("2023-03-20 08:00 +07:00", tick=False) as traveller:
        _fail("vanphong1", 5)
        with pytest.raises(TooManyAttempts):
            _authenticate("vanphong1")
        traveller.shift(timedelta(minutes=14))
        with pytest.raises(TooManyAttempts):
            _authenticate("vanphong1")  # each attempt restarts the quiet window
        traveller.shift(timedelta(minutes=15))
        assert _authenticate("vanphong1") is official


def test_username_and_email_count_as_one_account(official):
    _fail("vanphong1", 3)
    _fail("vp1@xa.example.vn", 2)
    with pytest.raises(TooManyAttempts):
        _authenticate("vanphong1")


def test_an_unknown_login_is_locked_like_a_real_one(db_session):
    _fail("khong-co-ai", 5)
    with pytest.raises(TooManyAttempts):
        _authenticate("khong-co-ai", "sai-mat-khau")


def test_a_strangers_failures_lock_only_the_strangers_address(official):
    _fail("vanphong1", 5, address="198.51.100.9")
    with pytest.raises(TooManyAttempts):
        _authenticate("vanphong1", address="198.51.100.9")
    assert _authenticate("vanphong1") is official


def test_guessing_from_many_addresses_meets_the_ceiling_of_the_account(official):
    for n in range(3):
        for _ in range(7):
            with pytest.raises((SignInRefused, TooManyAttempts)):
                _authenticate("vanphong1", "sai-mat-khau", f"198.51.100.{n}")
    everywhere = db.session.scalar(select(SignInAttempts.attempts).where(
        SignInAttempts.login_key == f"#{official.id}", SignInAttempts.address == "*"))
    assert everywhere == 15  # each address adds at most 5, however long it keeps trying
    with pytest.raises(TooManyAttempts):
        _authenticate("vanphong1")  # 15 > 12 from everywhere: the owner waits too


def test_a_right_password_clears_its_addresss_count(official):
    _fail("vanphong1", 4)
    _authenticate("vanphong1")
    _fail("vanphong1", 4)
    assert _authenticate("vanphong1") is official


def test_attempts_are_audited_on_the_account_or_on_the_login_typed(official):
    _authenticate("vanphong1")
    _fail("vanphong1", 5)
    for _ in range(2):  # the lock is recorded once, not at every try
        with pytest.raises(TooManyAttempts):
            _authenticate("vanphong1")
    assert audit_actions(official) == ["sign_in"] + ["sign_in_failed"] * 5 + ["sign_in_locked"]
    _fail("khong-co-ai")
    unknown = db.session.scalar(select(SignInAttempts).where(
        SignInAttempts.login_key == "khong-co-ai", SignInAttempts.address == HOME))
    assert audit_actions(unknown) == ["sign_in_failed"]


def test_every_refusal_takes_as_long_as_a_password_check(official):
    def median_seconds(login, address):
        durations = []
        for _ in range(3):
            started = time.perf_counter()
            with pytest.raises((SignInRefused, TooManyAttempts)):
                _authenticate(login, "sai-mat-khau", address)
            durations.append(time.perf_counter() - started)
        return statistics.median(durations)

    _fail("vanphong1", 5, address="198.51.100.5")
    wrong = median_seconds("vanphong1", "198.51.100.6")
    unknown = median_seconds("khong-co-ai", HOME)
    locked = median_seconds("vanphong1", "198.51.100.5")
    assert min(unknown, locked) > 0.4 * wrong


def test_changing_ones_own_password_keeps_this_session_and_ends_the_rest(official):
    here = start_session(db.session, official, user_agent="laptop", address=HOME)
    there = start_session(db.session, official, user_agent="phone", address=HOME)
    _token, api_secret = create_token(db.session, official, official, "bảng tính")
    official.session_secret = here
    with pytest.raises(ValidationFailed) as refused:
        change_own_password(db.session, official, current="doan-sai-1", new="mat-khau-moi-99",
                            address=HOME, throttle=THROTTLE)
    assert "current_password" in refused.value.errors
    change_own_password(db.session, official, current=TEST_PASSWORD, new="mat-khau-moi-99",
                        address=HOME, throttle=THROTTLE)
    week = timedelta(days=7)
    assert load_signed_in(db.session, here, absolute_lifetime=week) is official
    assert load_signed_in(db.session, there, absolute_lifetime=week) is None
    with pytest.raises(SignInRefused):
        authenticate_token(db.session, api_secret)
    assert audit_actions(official)[-3:] == ["sign_in_failed", "sign_in", "set_password"]


def test_a_burst_of_wrong_passwords_checks_at_most_five(database_url, tmp_path):
    """20 requests at once, each in its own worker thread and database connection."""
    with fresh_database(database_url, tmp_path) as url:
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x",
                          "WTF_CSRF_ENABLED": False})
        with app.app_context():
            upgrade()
            unit = create_unit(db.session, SYSTEM, code="xa", name="UBND xã Thử",
                               place_name="Thử", level="commune")
            create_official(db.session, SYSTEM, unit, username="vanphong1",
                            password=TEST_PASSWORD, full_name="Trần Thị Mai", role="officer")
            db.session.commit()
        statuses = _burst(app, {"login": "vanphong1", "password": "sai-mat-khau"}, 20)
        with app.app_context():
            checked = db.session.scalar(select(func.count()).select_from(AuditEntry)
                                        .where(AuditEntry.action == "sign_in_failed"))
            db.engine.dispose()
    assert sorted(statuses) == [401] * 5 + [429] * 15
    assert checked == 5


def _burst(app, form: dict, size: int) -> list[int]:
    start = threading.Barrier(size)

    def attempt(_n: int) -> int:
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = "203.0.113.20"
        start.wait()
        return client.post("/sign-in", data=form).status_code

    with ThreadPoolExecutor(size) as pool:
        return list(pool.map(attempt, range(size)))

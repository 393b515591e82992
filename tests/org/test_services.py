from datetime import timedelta

import pytest
import time_machine

from tests.conftest import TEST_PASSWORD
from tests.factories import DepartmentFactory, OfficialFactory, UnitFactory
from tests.helpers import audit_actions, count_rows
from tracker.core.actor import SYSTEM
from tracker.core.errors import PermissionDenied, SignInRefused, TooManyAttempts, ValidationFailed
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.org.models import Official
from tracker.org.services import (
    authenticate,
    change_own_password,
    create_official,
    create_unit,
    load_signed_in,
    set_password,
)


@pytest.fixture
def unit(db_session):
    return UnitFactory()


def _create(actor, unit, **changes):
    fields = {"username": "tuphap1", "password": "mat-khau-du-dai", "full_name": "Võ Thị Hạnh",
              "role": "officer"}
    return create_official(db.session, actor, unit, **(fields | changes))


def _authenticate(login, password=TEST_PASSWORD):
    return authenticate(db.session, login, password, max_failures=3, lock_minutes=15)


def test_admin_creates_an_official_and_it_is_audited(unit):
    admin = OfficialFactory(unit=unit, role=Role.ADMIN)
    department = DepartmentFactory(unit=unit, name="Tư pháp - Hộ tịch")
    official = _create(admin, unit, email="Hanh@PhoPhong.example.vn", department=department)
    assert official.username == "tuphap1" and official.email == "hanh@phophong.example.vn"
    assert official.name_key == "vo thi hanh"
    assert official.password_hash.startswith("scrypt:")
    assert audit_actions(official) == ["create"]


def test_accounts_that_share_a_password_share_its_hash(unit):
    first = _create(SYSTEM, unit)
    second = _create(SYSTEM, unit, username="tuphap2", password=None,
                     password_hash=first.password_hash)
    assert second.password_hash == first.password_hash
    assert _authenticate("tuphap2", "mat-khau-du-dai") == second
    with pytest.raises(ValidationFailed):
        _create(SYSTEM, unit, username="tuphap3", password=None)


@pytest.mark.parametrize("role", [Role.CHAIRMAN, Role.OFFICER, Role.VIEWER])
def test_only_the_admin_manages_officials(unit, role):
    with pytest.raises(PermissionDenied):
        _create(OfficialFactory(unit=unit, role=role), unit)


def test_admin_of_another_unit_cannot_create_here(unit):
    with pytest.raises(PermissionDenied):
        _create(OfficialFactory(role=Role.ADMIN), unit)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"role": "boss"}, "role"),
        ({"username": "Tư Pháp"}, "username"),
        ({"password": "ngan"}, "password"),
        ({"full_name": " "}, "full_name"),
        ({"email": "khong-phai-email"}, "email"),
    ],
)
def test_bad_official_input_is_refused_with_field_messages(unit, changes, field):
    before = count_rows(Official)
    with pytest.raises(ValidationFailed) as refused:
        _create(SYSTEM, unit, **changes)
    assert field in refused.value.errors
    assert count_rows(Official) == before


def test_unknown_role_message_is_vietnamese(unit):
    with pytest.raises(ValidationFailed) as refused:
        _create(SYSTEM, unit, role="boss")
    assert str(refused.value.errors["role"][0]) == "Vai trò không hợp lệ."


def test_taken_username_is_refused(unit):
    OfficialFactory(unit=unit, username="tuphap1")
    with pytest.raises(ValidationFailed) as refused:
        _create(SYSTEM, unit)
    assert "đã có" in str(refused.value.errors["username"][0])


def test_unit_codes_are_unique_and_only_the_system_creates_units(unit):
    with pytest.raises(ValidationFailed):
        create_unit(db.session, SYSTEM, code=unit.code, name="X", place_name="X", level="commune")
    with pytest.raises(PermissionDenied):
        create_unit(db.session, OfficialFactory(unit=unit, role=Role.ADMIN), code="moi",
                    name="UBND xã Mới", place_name="Mới", level="commune")


def test_sign_in_by_username_or_email_case_insensitive(unit):
    official = OfficialFactory(unit=unit, username="vanphong1", email="vp1@xa.example.vn")
    assert _authenticate("VanPhong1") is official
    assert _authenticate(" vp1@xa.example.vn ") is official


def test_wrong_password_and_unknown_login_give_the_same_message(unit):
    OfficialFactory(unit=unit, username="vanphong1")
    with pytest.raises(SignInRefused) as wrong:
        _authenticate("vanphong1", "sai-mat-khau")
    with pytest.raises(SignInRefused) as unknown:
        _authenticate("khong-co-ai", "sai-mat-khau")
    assert str(wrong.value.message) == str(unknown.value.message) == (
        "Tên đăng nhập hoặc mật khẩu không đúng.")


def test_inactive_official_cannot_sign_in(unit):
    OfficialFactory(unit=unit, username="nghiviec", active=False)
    with pytest.raises(SignInRefused):
        _authenticate("nghiviec")


def test_repeated_failures_lock_the_account_for_a_while(unit):
    OfficialFactory(unit=unit, username="vanphong1")
    with time_machine.travel("2023-03-20 08:00 +07:00", tick=False) as traveller:
        for _ in range(3):
            with pytest.raises(SignInRefused):
                _authenticate("vanphong1", "sai-mat-khau")
        with pytest.raises(TooManyAttempts):
            _authenticate("vanphong1")  # even the right password waits
        traveller.shift(timedelta(minutes=16))
        assert _authenticate("vanphong1").failed_sign_ins == 0


def test_password_change_ends_old_sessions(unit):
    official = OfficialFactory(unit=unit)
    old_session_id = official.get_id()
    assert load_signed_in(db.session, old_session_id) is official
    set_password(db.session, official, official, "mat-khau-moi-123")
    assert load_signed_in(db.session, old_session_id) is None
    assert load_signed_in(db.session, official.get_id()) is official
    assert audit_actions(official) == ["set_password"]


@pytest.mark.parametrize("session_id", ["", "abc", "1", "1:x", "999999:1"])
def test_malformed_or_unknown_session_ids_load_nobody(db_session, session_id):
    assert load_signed_in(db.session, session_id) is None


def test_officer_cannot_reset_anothers_password(unit):
    officer, other = OfficialFactory(unit=unit), OfficialFactory(unit=unit)
    with pytest.raises(PermissionDenied):
        set_password(db.session, officer, other, "mat-khau-moi-123")


def test_changing_ones_own_password_proves_the_current_one_and_counts_guesses(db_session):
    official = OfficialFactory()
    with pytest.raises(ValidationFailed) as refused:
        change_own_password(db_session, official, current="doan-sai-1", new="mat-khau-moi-99",
                            max_failures=5, lock_minutes=15)
    assert "current_password" in refused.value.errors
    assert official.failed_sign_ins == 1 and official.session_version == 1
    change_own_password(db_session, official, current=TEST_PASSWORD, new="mat-khau-moi-99",
                        max_failures=5, lock_minutes=15)
    assert official.session_version == 2 and official.failed_sign_ins == 0

from datetime import timedelta

import pytest
from werkzeug.security import check_password_hash

from tests.factories import DepartmentFactory, OfficialFactory, UnitFactory
from tests.helpers import audit_actions, count_rows
from tracker.core.actor import SYSTEM
from tracker.core.errors import PermissionDenied, SignInRefused, ValidationFailed
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.org.models import Official
from tracker.org.services import create_official, set_active, set_password
from tracker.org.sessions import load_signed_in, start_session
from tracker.org.tokens import authenticate_token, create_token
from tracker.org.units import create_unit


@pytest.fixture
def unit(db_session):
    return UnitFactory()


def _create(actor, unit, **changes):
    fields = {"username": "tuphap1", "password": "mat-khau-du-dai", "full_name": "Võ Thị Hạnh",
              "role": "officer"}
    return create_official(db.session, actor, unit, **(fields | changes))


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
    assert check_password_hash(second.password_hash, "mat-khau-du-dai")
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


def test_officer_cannot_reset_anothers_password(unit):
    officer, other = OfficialFactory(unit=unit), OfficialFactory(unit=unit)
    with pytest.raises(PermissionDenied):
        set_password(db.session, officer, other, "mat-khau-moi-123")


def test_a_password_reset_ends_every_session_and_revokes_every_token(unit):
    official = OfficialFactory(unit=unit)
    secret = start_session(db.session, official, user_agent="Firefox", address="10.0.0.5")
    _token, api_secret = create_token(db.session, official, official, "bảng tính")
    set_password(db.session, OfficialFactory(unit=unit, role=Role.ADMIN), official,
                 "mat-khau-moi-123")
    assert load_signed_in(db.session, secret, absolute_lifetime=timedelta(days=7)) is None
    with pytest.raises(SignInRefused):
        authenticate_token(db.session, api_secret)
    assert audit_actions(official)[-1] == "set_password"


def test_deactivation_ends_sessions_and_tokens_and_only_the_admin_may(unit):
    official = OfficialFactory(unit=unit)
    secret = start_session(db.session, official, user_agent="", address="")
    _token, api_secret = create_token(db.session, official, official, "máy chủ")
    with pytest.raises(PermissionDenied):
        set_active(db.session, official, official, False)
    set_active(db.session, SYSTEM, official, False)
    official.active = True  # even back on, the old credentials stay dead
    assert load_signed_in(db.session, secret, absolute_lifetime=timedelta(days=7)) is None
    with pytest.raises(SignInRefused):
        authenticate_token(db.session, api_secret)
    assert audit_actions(official)[-1] == "update"

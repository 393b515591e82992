"""The admin's work on officials: details, roles, deactivation, new passwords, unlocking;
the rules that keep a unit run; the list's search and filters; the audit log."""

from datetime import timedelta

import pytest
from sqlalchemy import select
from werkzeug.security import check_password_hash

from tests.factories import DepartmentFactory, OfficialFactory, UnitFactory
from tests.helpers import count_rows
from tracker.audit.models import AuditEntry
from tracker.core.actor import SYSTEM
from tracker.core.errors import PermissionDenied, ValidationFailed
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.org.accounts import reset_password, unlock
from tracker.org.models import Official, SignInAttempts, UnitLevel
from tracker.org.queries import (
    COMMON_POSITIONS,
    OfficialFilters,
    position_suggestions,
    search_officials,
    units_managed_by,
)
from tracker.org.services import create_official, set_active, set_password, update_official
from tracker.org.sessions import load_signed_in, start_session
from tracker.org.sign_in import Throttle, authenticate, recent_failures
from tracker.org.tokens import authenticate_token, create_token

LIFETIME = timedelta(days=7)
THROTTLE = Throttle(max_failures=5, account_max_failures=30, window=timedelta(minutes=15))


@pytest.fixture
def unit(db_session):
    return UnitFactory(name="UBND xã Phổ Phong")


@pytest.fixture
def admin(unit):
    return OfficialFactory(unit=unit, username="quantri", role=Role.ADMIN)


@pytest.fixture
def officer(unit):
    return OfficialFactory(unit=unit, username="tuphap1", full_name="Võ Thị Hạnh",
                           email="hanh@phophong.example.vn")


def _audit(official) -> list[tuple[str, dict]]:
    rows = db.session.scalars(select(AuditEntry).where(
        AuditEntry.entity_type == "officials", AuditEntry.entity_id == official.id)
        .order_by(AuditEntry.id))
    return [(row.action, row.changes) for row in rows]


def _credentials(official) -> tuple[str, str]:
    session_secret = start_session(db.session, official, user_agent="", address="")
    _token, token_secret = create_token(db.session, official, official, "thử")
    return session_secret, token_secret


def _refused(session_secret: str, token_secret: str) -> bool:
    signed_in = load_signed_in(db.session, session_secret, absolute_lifetime=LIFETIME)
    try:
        authenticate_token(db.session, token_secret)
    except Exception:
        return signed_in is None
    return False


def test_admin_edits_an_officials_details_and_the_audit_keeps_before_and_after(
        unit, admin, officer):
    room = DepartmentFactory(unit=unit, name="Phòng Văn hóa - Xã hội")
    update_official(db.session, admin, officer, full_name="  Võ Thị  Mỹ Hạnh ",
                    position="Chuyên viên", department=room, phone="0255 3 845 123",
                    email="MyHanh@PhoPhong.example.vn")
    assert (officer.full_name, officer.name_key, officer.email) == (
        "Võ Thị Mỹ Hạnh", "vo thi my hanh", "myhanh@phophong.example.vn")
    action, changes = _audit(officer)[-1]
    assert action == "update"
    assert changes["full_name"] == ["Võ Thị Hạnh", "Võ Thị Mỹ Hạnh"]
    assert changes["department_id"] == [None, room.id]
    assert changes["position"] == ["Công chức", "Chuyên viên"]


def test_bad_details_are_refused_per_field_and_nothing_changes(unit, admin, officer):
    OfficialFactory(unit=unit, email="taken@phophong.example.vn")
    elsewhere = DepartmentFactory(name="Bộ phận xã khác")
    with pytest.raises(ValidationFailed) as refused:
        update_official(db.session, admin, officer, full_name=" ",
                        email="taken@phophong.example.vn", department=elsewhere,
                        phone="gọi tôi", role="boss", position="x" * 151)
    assert set(refused.value.errors) == {"full_name", "email", "department", "phone", "role",
                                         "position"}
    db.session.refresh(officer)
    assert officer.full_name == "Võ Thị Hạnh" and officer.department is None
    assert [action for action, _ in _audit(officer)] == []


def test_a_closed_department_is_refused_for_a_new_member_but_kept_by_an_old_one(unit, admin):
    closed = DepartmentFactory(unit=unit, name="Địa chính - Xây dựng", active=False)
    member = OfficialFactory(unit=unit, department=closed)
    update_official(db.session, admin, member, position="Chuyên viên")  # stays in it
    with pytest.raises(ValidationFailed) as refused:
        update_official(db.session, admin, OfficialFactory(unit=unit), department=closed)
    assert "department" in refused.value.errors


def test_the_username_is_not_edited_here(admin, officer):
    with pytest.raises(ValidationFailed) as refused:
        update_official(db.session, admin, officer, username="khac")
    assert "username" in refused.value.errors


@pytest.mark.parametrize("role", [Role.CHAIRMAN, Role.VICE_CHAIRMAN, Role.OFFICER, Role.VIEWER])
def test_only_the_admin_changes_officials(unit, officer, role):
    actor = OfficialFactory(unit=unit, role=role)
    for change in (lambda: update_official(db.session, actor, officer, position="X"),
                   lambda: set_active(db.session, actor, officer, False),
                   lambda: reset_password(db.session, actor, officer),
                   lambda: unlock(db.session, actor, officer)):
        with pytest.raises(PermissionDenied):
            change()


def test_the_province_admin_runs_the_communes_directly_below_and_no_further(db_session):
    province = UnitFactory(level=UnitLevel.PROVINCE, name="UBND tỉnh Quảng Ngãi")
    commune = UnitFactory(parent=province)
    hamlet_like = UnitFactory(parent=commune)  # below a commune: not the province's to run
    province_admin = OfficialFactory(unit=province, role=Role.ADMIN)
    commune_admin = OfficialFactory(unit=commune, role=Role.ADMIN)
    created = create_official(db.session, province_admin, commune, username="xa.chutich",
                              password="mat-khau-du-dai", full_name="Lê Văn Chủ",
                              role=Role.CHAIRMAN)
    assert created.unit is commune
    with pytest.raises(PermissionDenied):
        update_official(db.session, province_admin, OfficialFactory(unit=hamlet_like),
                        position="X")
    with pytest.raises(PermissionDenied):  # and a commune's admin not the province's
        update_official(db.session, commune_admin, province_admin, position="X")
    assert units_managed_by(province_admin) == [province, commune]
    assert units_managed_by(commune_admin) == [commune]


def test_the_last_active_admin_can_be_neither_deactivated_nor_given_another_role(unit, admin):
    with pytest.raises(ValidationFailed) as refused:
        set_active(db.session, SYSTEM, admin, False)
    assert "quản trị duy nhất" in str(refused.value.errors["active"][0])
    with pytest.raises(ValidationFailed) as refused:
        update_official(db.session, SYSTEM, admin, role=Role.OFFICER)
    assert "role" in refused.value.errors
    second = OfficialFactory(unit=unit, role=Role.ADMIN)
    set_active(db.session, second, admin, False)
    assert not admin.active


def test_the_only_active_chairman_stays_until_another_takes_the_role(unit, admin):
    chairman = OfficialFactory(unit=unit, role=Role.CHAIRMAN)
    OfficialFactory(unit=unit, role=Role.CHAIRMAN, active=False)  # left: does not count
    with pytest.raises(ValidationFailed):
        set_active(db.session, admin, chairman, False)
    with pytest.raises(ValidationFailed):
        update_official(db.session, admin, chairman, role=Role.VICE_CHAIRMAN)
    update_official(db.session, admin, OfficialFactory(unit=unit), role=Role.CHAIRMAN)
    update_official(db.session, admin, chairman, role=Role.VICE_CHAIRMAN)
    assert chairman.role is Role.VICE_CHAIRMAN


def test_deactivating_keeps_the_official_and_ends_their_credentials(admin, officer):
    credentials = _credentials(officer)
    set_active(db.session, admin, officer, False)
    assert _refused(*credentials)
    assert db.session.get(Official, officer.id) is officer
    assert _audit(officer)[-1] == ("update", {"active": [True, False]})
    set_active(db.session, admin, officer, True)
    assert officer.active and _audit(officer)[-1] == ("update", {"active": [False, True]})


def test_a_role_change_ends_sessions_and_tokens_at_once(admin, officer):
    credentials = _credentials(officer)
    update_official(db.session, admin, officer, role=Role.VICE_CHAIRMAN)
    assert _refused(*credentials)
    assert _audit(officer)[-1] == ("update", {"role": ["officer", "vice_chairman"]})


def test_other_details_leave_the_sessions_alone(admin, officer):
    session_secret, token_secret = _credentials(officer)
    update_official(db.session, admin, officer, position="Chuyên viên")
    assert load_signed_in(db.session, session_secret, absolute_lifetime=LIFETIME) is officer
    assert authenticate_token(db.session, token_secret) is officer


def test_a_reset_generates_a_password_the_official_must_change(admin, officer):
    credentials = _credentials(officer)
    generated = reset_password(db.session, admin, officer)
    assert generated and len(generated) == 12
    assert check_password_hash(officer.password_hash, generated)
    assert officer.must_change_password and _refused(*credentials)
    assert _audit(officer)[-1] == ("reset_password", {"must_change_password": [False, True]})
    set_password(db.session, officer, officer, "mat-khau-cua-toi")
    assert not officer.must_change_password
    assert _audit(officer)[-1] == ("set_password", {"must_change_password": [True, False]})


def test_a_reset_with_a_chosen_password_returns_nothing_and_checks_its_length(admin, officer):
    assert reset_password(db.session, admin, officer, "mat-khau-tam-thoi") is None
    assert check_password_hash(officer.password_hash, "mat-khau-tam-thoi")
    assert officer.must_change_password
    with pytest.raises(ValidationFailed):
        reset_password(db.session, admin, officer, "ngan")


def test_unlock_clears_every_counter_and_is_audited_only_when_locked(admin, officer):
    for address in ("10.0.0.1", "10.0.0.2"):
        for _ in range(6):
            with pytest.raises(Exception):  # noqa: B017 — refused, then locked out
                authenticate(db.session, "tuphap1", "sai", address=address, throttle=THROTTLE)
    assert recent_failures(db.session, officer, THROTTLE.window) == 10
    assert unlock(db.session, admin, officer) == 3  # two addresses and the account's ceiling
    assert count_rows(SignInAttempts) == 0
    assert authenticate(db.session, "tuphap1", "mat-khau-thu-nghiem", address="10.0.0.1",
                        throttle=THROTTLE) is officer
    assert _audit(officer)[-2][0] == "unlock"
    assert unlock(db.session, admin, officer) == 0


def test_an_admin_creates_an_account_that_must_change_its_password(unit, admin):
    official = create_official(db.session, admin, unit, username="vanphong1",
                               password="mat-khau-du-dai", full_name="Huỳnh Văn Tâm",
                               role="officer", phone="0912 345 678", must_change_password=True)
    assert official.must_change_password and official.phone == "0912 345 678"
    assert _audit(official)[0][1]["must_change_password"] == [None, True]


def test_search_folds_and_filters_and_pages_in_vietnamese_name_order(unit, admin):
    office = DepartmentFactory(unit=unit, name="Văn phòng")
    names = ["Trần Thị Đào", "Nguyễn Văn An", "Lê Văn Dũng", "Phạm Thị Bình"]
    for number, name in enumerate(names):
        OfficialFactory(unit=unit, full_name=name, username=f"cb{number}", department=office)
    OfficialFactory(unit=unit, full_name="Võ Văn Đức", username="nghi", active=False)

    def names_of(filters=None, page=1, per_page=50):
        found = search_officials(db.session, admin, unit, filters or OfficialFilters(), page,
                                 per_page)
        return [o.full_name for o in found.items], found.total

    everyone, total = names_of()
    assert total == 6 and everyone[-1] == "Võ Văn Đức"  # who left comes last
    assert everyone[:4] == ["Nguyễn Văn An", "Phạm Thị Bình", "Lê Văn Dũng", "Trần Thị Đào"]
    assert names_of(OfficialFilters(text="DAO"))[0] == ["Trần Thị Đào"]
    assert names_of(OfficialFilters(text="van d"))[0] == ["Lê Văn Dũng", "Võ Văn Đức"]
    assert names_of(OfficialFilters(text="cb1"))[0] == ["Nguyễn Văn An"]
    assert names_of(OfficialFilters(department_id=office.id))[1] == 4
    assert names_of(OfficialFilters(role=Role.ADMIN))[0] == [admin.full_name]
    assert names_of(OfficialFilters(active=False))[0] == ["Võ Văn Đức"]
    assert names_of(page=2, per_page=4) == (everyone[4:], 6)


def test_only_the_admin_lists_officials_this_way(unit):
    with pytest.raises(PermissionDenied):
        search_officials(db.session, OfficialFactory(unit=unit, role=Role.CHAIRMAN), unit,
                         OfficialFilters())


def test_position_suggestions_put_the_units_own_first(unit):
    OfficialFactory(unit=unit, position="Phó Chánh Văn phòng HĐND và UBND")
    OfficialFactory(unit=unit, position="Chuyên viên")
    suggestions = position_suggestions(db.session, unit)
    assert suggestions[:2] == ["Chuyên viên", "Phó Chánh Văn phòng HĐND và UBND"]
    assert suggestions.count("Chuyên viên") == 1
    assert "Chủ tịch UBND" in suggestions and len(suggestions) == len(COMMON_POSITIONS) + 2 - 1

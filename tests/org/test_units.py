"""Units: a province's admin creates communes below it with their first admin; a unit's
own admin sets it up from a preset of departments."""

import pytest
from werkzeug.security import check_password_hash

from tests.factories import DepartmentFactory, OfficialFactory, UnitFactory
from tests.helpers import audit_actions
from tracker.core.actor import SYSTEM
from tracker.core.errors import PermissionDenied, ValidationFailed
from tracker.core.periods import ReportingPeriod
from tracker.core.roles import Role
from tracker.org.models import CommuneKind, Official, Unit, UnitLevel
from tracker.org.presets import Preset, apply_preset
from tracker.org.setup import needs_setup, set_up_unit
from tracker.org.units import create_commune, create_unit, list_units_below, unit_admins
from tracker.reports.services import preview_content


@pytest.fixture
def province(db_session):
    return UnitFactory(code="quang-ngai", name="UBND tỉnh Quảng Ngãi", place_name="Quảng Ngãi",
                       level=UnitLevel.PROVINCE)


@pytest.fixture
def province_admin(province):
    return OfficialFactory(unit=province, username="qt.tinh", role=Role.ADMIN)


def _commune(db_session, actor, province, **admin):
    return create_commune(
        db_session, actor, province,
        unit={"code": "tu-nghia", "name": "UBND xã Tư Nghĩa", "place_name": "Tư Nghĩa",
              "commune_kind": "xa"},
        admin={"username": "qt.tunghia", "full_name": "Lê Thị Quản Trị",
               "email": "qt@tunghia.vn"} | admin)


def test_province_admin_creates_a_commune_and_its_first_admin(db_session, province,
                                                              province_admin):
    new = _commune(db_session, province_admin, province)
    unit, admin = new.unit, new.admin
    assert (unit.parent, unit.level, unit.commune_kind) == (province, UnitLevel.COMMUNE,
                                                            CommuneKind.XA)
    assert admin.role is Role.ADMIN and admin.unit == unit
    assert len(new.password) == 12 and check_password_hash(admin.password_hash, new.password)
    # Since 2025 a commune reports to the province's UBND through its Sở Nội vụ.
    assert unit.settings.report_recipients.splitlines() == [
        "UBND tỉnh Quảng Ngãi", "Sở Nội vụ tỉnh Quảng Ngãi", "CT, PCT UBND xã Tư Nghĩa",
        "Lưu: VT"]
    assert audit_actions(unit) == ["create"] and audit_actions(admin) == ["create"]
    assert needs_setup(unit)
    assert list_units_below(db_session, province_admin, province) == [unit]
    assert unit_admins(db_session, [unit]) == {unit.id: [admin]}


def test_a_chosen_password_is_kept_and_not_shown_again(db_session, province, province_admin):
    new = _commune(db_session, province_admin, province, password="mat-khau-dai-du")
    assert new.password is None
    assert check_password_hash(new.admin.password_hash, "mat-khau-dai-du")


def test_bad_fields_are_all_refused_and_nothing_is_created(db_session, province,
                                                           province_admin):
    OfficialFactory(username="qt.tunghia")
    with pytest.raises(ValidationFailed) as error:
        _commune(db_session, province_admin, province, password="ngan")
    assert set(error.value.errors) == {"admin_username", "admin_password"}
    with pytest.raises(ValidationFailed) as error:
        create_commune(db_session, province_admin, province,
                       unit={"code": "Có Dấu", "name": "", "place_name": "",
                             "commune_kind": "huyen"},
                       admin={"username": "x", "full_name": "y"})
    assert {"code", "name", "commune_kind"} <= set(error.value.errors)


def test_a_commune_needs_its_kind_and_a_code_not_taken(db_session, province, province_admin):
    UnitFactory(code="tu-nghia")
    with pytest.raises(ValidationFailed) as error:
        create_unit(db_session, province_admin, code="tu-nghia", name="UBND xã X",
                    place_name="X", level="commune", parent=province)
    assert set(error.value.errors) == {"code", "commune_kind"}


@pytest.mark.parametrize("role", [Role.CHAIRMAN, Role.OFFICER, Role.VIEWER])
def test_only_the_province_admin_creates_communes_below(db_session, province, role):
    with pytest.raises(PermissionDenied):
        _commune(db_session, OfficialFactory(unit=province, role=role), province)


def test_a_commune_admin_creates_no_unit(db_session, province):
    commune = UnitFactory(parent=province)
    admin = OfficialFactory(unit=commune, role=Role.ADMIN)
    for parent in (commune, province, None):
        with pytest.raises(PermissionDenied):
            create_unit(db_session, admin, code="moi", name="UBND xã Mới", place_name="Mới",
                        level="commune", commune_kind="xa", parent=parent)
    assert db_session.query(Unit).filter_by(code="moi").count() == 0


def test_another_province_admin_cannot_create_under_this_one(db_session, province):
    other = OfficialFactory(unit=UnitFactory(level=UnitLevel.PROVINCE), role=Role.ADMIN)
    with pytest.raises(PermissionDenied):
        _commune(db_session, other, province)


def test_the_2025_preset_names_a_phuongs_economic_room_and_sets_the_office(db_session):
    ward = UnitFactory(commune_kind=CommuneKind.PHUONG)
    added = apply_preset(db_session, SYSTEM, ward, Preset.COMMUNE_2025)
    assert [d.name for d in added] == [
        "Văn phòng HĐND và UBND", "Phòng Kinh tế, Hạ tầng và Đô thị",
        "Phòng Văn hóa - Xã hội", "Trung tâm Phục vụ hành chính công"]
    assert ward.settings.office_department == added[0]
    assert [d.code for d in added] == ["vp", "kt", "vhxh", "tthcc"]


def test_a_preset_adds_only_what_is_missing_and_keeps_the_office(db_session):
    unit = UnitFactory(commune_kind=CommuneKind.XA)
    own = DepartmentFactory(unit=unit, name="Tư pháp - Hộ tịch", code="tp-ht")
    keep = DepartmentFactory(unit=unit, name="Bộ phận riêng")
    unit.settings.office_department = keep
    added = apply_preset(db_session, SYSTEM, unit, Preset.COMMUNE_2023)
    assert own not in added and len(added) == 6 and keep in unit.departments
    assert unit.settings.office_department == keep
    assert apply_preset(db_session, SYSTEM, unit, Preset.COMMUNE_2023) == []


def _setup(db_session, actor, unit, **changes):
    fields = {"name": "UBND phường Trương Quang Trọng", "place_name": "Trương Quang Trọng",
              "level": "commune", "commune_kind": "phuong", "office_department": None,
              "preset": "2025", "report_recipients": "",
              "signature_authority": "tm. ủy ban nhân dân",
              "signer_title": "Chủ tịch", "show_superior_body": False} | changes
    return set_up_unit(db_session, actor, unit, **fields)


def test_the_admin_sets_up_a_commune_created_by_the_province(db_session, province,
                                                             province_admin):
    new = _commune(db_session, province_admin, province)
    new.unit.settings.report_recipients = ""
    added = _setup(db_session, new.admin, new.unit)
    unit = new.unit
    assert (unit.name, unit.commune_kind) == ("UBND phường Trương Quang Trọng",
                                              CommuneKind.PHUONG)
    assert "Phòng Kinh tế, Hạ tầng và Đô thị" in [d.name for d in added]
    assert unit.settings.office_department.name == "Văn phòng HĐND và UBND"
    assert unit.settings.signature_authority == "TM. ỦY BAN NHÂN DÂN"
    assert "Sở Nội vụ tỉnh Quảng Ngãi" in unit.settings.report_recipients
    assert audit_actions(unit)[-1] == "set_up" and not needs_setup(unit)


def test_setup_refuses_bad_fields_at_once(db_session, province):
    commune = UnitFactory(parent=province)
    admin = OfficialFactory(unit=commune, role=Role.ADMIN)
    with pytest.raises(ValidationFailed) as error:
        _setup(db_session, admin, commune, name="", level="province", preset="1999")
    assert set(error.value.errors) == {"name", "level", "preset"}
    with pytest.raises(ValidationFailed) as error:
        _setup(db_session, admin, commune, signer_title=" ", preset="empty")
    assert set(error.value.errors) == {"signer_title"}


def test_only_the_units_own_admin_sets_it_up(db_session, province, province_admin):
    commune = UnitFactory(parent=province)
    for actor in (province_admin, OfficialFactory(unit=commune, role=Role.CHAIRMAN),
                  OfficialFactory(role=Role.ADMIN)):
        with pytest.raises(PermissionDenied):
            _setup(db_session, actor, commune)
    assert db_session.query(Official).filter_by(unit_id=commune.id).count() == 1


def test_a_new_communes_report_names_itself_alone_and_reports_to_the_province(
        db_session, province, province_admin):
    new = _commune(db_session, province_admin, province)
    content = preview_content(db_session, SYSTEM, new.unit, ReportingPeriod.parse("2026-Q1"))
    assert content.header.parent_name is None
    assert content.header.unit_name == "ỦY BAN NHÂN DÂN XÃ TƯ NGHĨA"
    assert content.recipients[:2] == ["- UBND tỉnh Quảng Ngãi;", "- Sở Nội vụ tỉnh Quảng Ngãi;"]
    assert content.signature.lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]

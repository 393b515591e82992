"""`departments …` and `units create … --admin-username`, `units list`."""

import json

import pytest
from werkzeug.security import check_password_hash

from tests.factories import DepartmentFactory, OfficialFactory, UnitFactory
from tracker.extensions import db
from tracker.org.models import CommuneKind, Department, Official, Unit, UnitLevel


@pytest.fixture
def runner(app, db_session):
    return app.test_cli_runner()


@pytest.fixture
def unit(db_session):
    return UnitFactory(code="xa-mot", name="UBND xã Một")


def _run(runner, *args):
    return runner.invoke(args=list(args))


def test_create_list_rename_deactivate_reactivate(runner, unit):
    result = _run(runner, "departments", "create", "--unit", "xa-mot",
                  "--name", "Văn phòng HĐND và UBND", "--code", "vp")
    assert result.exit_code == 0, result.output
    assert _run(runner, "departments", "create", "--unit", "xa-mot",
                "--name", "Phòng Kinh tế").exit_code == 0
    result = _run(runner, "departments", "rename", "--unit", "xa-mot", "vp",
                  "--name", "Văn phòng", "--position", "2")
    assert result.exit_code == 0, result.output
    result = _run(runner, "departments", "deactivate", "--unit", "xa-mot", "phong kinh te")
    assert result.exit_code == 0, result.output
    listed = _run(runner, "departments", "list", "--unit", "xa-mot").output.splitlines()
    assert listed == ["1. Phòng Kinh tế (đã ngừng)", "2. Văn phòng [vp]"]
    assert _run(runner, "departments", "reactivate", "--unit", "xa-mot",
                "Phòng Kinh tế").exit_code == 0
    rows = json.loads(_run(runner, "departments", "list", "--unit", "xa-mot", "--json").output)
    assert [(r["name"], r["active"]) for r in rows] == [("Phòng Kinh tế", True),
                                                         ("Văn phòng", True)]


def test_refusals_say_why_and_write_nothing(runner, unit):
    department = DepartmentFactory(unit=unit, name="Tư pháp", code="tp")
    OfficialFactory(unit=unit, department=department)
    db.session.commit()  # a refused command rolls back what was not committed
    result = _run(runner, "departments", "create", "--unit", "xa-mot", "--name", "Tư pháp")
    assert result.exit_code == 1 and "Bộ phận Tư pháp đã có." in result.output
    result = _run(runner, "departments", "deactivate", "--unit", "xa-mot", "tp")
    assert result.exit_code == 1 and "còn 1 cán bộ" in result.output
    result = _run(runner, "departments", "rename", "--unit", "xa-mot", "không có", "--name", "X")
    assert result.exit_code == 1 and "Không tìm thấy bộ phận" in result.output
    result = _run(runner, "departments", "list", "--unit", "khong-co")
    assert result.exit_code == 1 and "Không tìm thấy đơn vị" in result.output
    result = _run(runner, "departments", "rename", "--unit", "xa-mot", "tp")
    assert result.exit_code != 0
    db.session.expire_all()
    assert department.active and db.session.query(Department).count() == 1


def test_units_create_a_commune_with_its_admin_prints_the_password_once(runner):
    UnitFactory(code="quang-ngai", name="UBND tỉnh Quảng Ngãi", level=UnitLevel.PROVINCE)
    result = _run(runner, "units", "create", "--code", "tu-nghia", "--name", "UBND phường Tư",
                  "--place", "Tư", "--level", "commune", "--kind", "phuong",
                  "--parent", "quang-ngai", "--admin-username", "qt.tu",
                  "--admin-full-name", "Lê Quản Trị")
    assert result.exit_code == 0, result.output
    password = result.output.split("Mật khẩu (chỉ in một lần): ")[1].strip()
    admin = db.session.query(Official).filter_by(username="qt.tu").one()
    assert check_password_hash(admin.password_hash, password)
    assert admin.unit.commune_kind is CommuneKind.PHUONG
    assert "Sở Nội vụ tỉnh Quảng Ngãi" in admin.unit.settings.report_recipients
    listed = _run(runner, "units", "list").output
    assert "tu-nghia: UBND phường Tư [commune/phuong] ← quang-ngai — qt.tu" in listed


def test_units_create_refuses_a_bad_admin_and_creates_nothing(runner):
    UnitFactory(code="quang-ngai", level=UnitLevel.PROVINCE)
    db.session.commit()
    result = _run(runner, "units", "create", "--code", "tu-nghia", "--name", "UBND xã Tư",
                  "--parent", "quang-ngai", "--admin-username", "x",
                  "--admin-full-name", "", "--admin-password", "ngan")
    assert result.exit_code == 1
    assert "admin_username" in result.output and "admin_password" in result.output
    assert db.session.query(Unit).filter_by(code="tu-nghia").count() == 0
    result = _run(runner, "units", "create", "--code", "tu-nghia", "--name", "UBND xã Tư",
                  "--admin-username", "qt.tu", "--admin-full-name", "A")
    assert result.exit_code != 0 and "--parent" in result.output

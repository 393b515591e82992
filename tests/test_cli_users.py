"""`flask --app tracker users …` for officials: create with a department, update, set-role,
deactivate and reactivate, reset-password, unlock; refusals write nothing."""

import json
from datetime import timedelta

import pytest
from werkzeug.security import check_password_hash

from tests.factories import DepartmentFactory, OfficialFactory, UnitFactory
from tests.helpers import audit_actions, count_rows
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.org.models import Official, SignInAttempts
from tracker.org.sessions import load_signed_in, start_session


@pytest.fixture
def runner(app, db_session):
    return app.test_cli_runner()


@pytest.fixture
def unit(db_session):
    unit = UnitFactory(code="pho-phong", name="UBND xã Phổ Phong")
    DepartmentFactory(unit=unit, name="Văn phòng HĐND và UBND", code="vp")
    DepartmentFactory(unit=unit, name="Phòng Văn hóa - Xã hội")
    return unit


@pytest.fixture
def official(unit):
    official = OfficialFactory(unit=unit, username="vanhoa1", full_name="Lê Thị Văn")
    db.session.commit()  # kept when a refused command rolls its own work back
    return official


def _create(runner, *extra):
    return runner.invoke(args=[
        "users", "create", "--username", "vanphong1", "--role", "officer", "--unit", "pho-phong",
        "--full-name", "Huỳnh Văn Tâm", "--password", "mat-khau-123", *extra])


@pytest.mark.parametrize("handle", ["vp", "van phong hdnd va ubnd", "VĂN PHÒNG HĐND VÀ UBND"])
def test_create_takes_the_department_by_code_or_folded_name(runner, unit, handle):
    result = _create(runner, "--department", handle, "--position", "Chuyên viên",
                     "--phone", "0255 3845 123")
    assert result.exit_code == 0, result.output
    created = db.session.query(Official).filter_by(username="vanphong1").one()
    assert created.department.code == "vp"
    assert (created.position, created.phone) == ("Chuyên viên", "0255 3845 123")


def test_create_takes_the_department_by_id_too(runner, unit):
    room = unit.departments[1]
    assert _create(runner, "--department", str(room.id)).exit_code == 0
    assert db.session.query(Official).filter_by(username="vanphong1").one().department == room


def test_an_unknown_department_is_refused_and_nothing_written(runner, unit):
    result = _create(runner, "--department", "phong-khong-co")
    assert result.exit_code == 1 and "Không tìm thấy bộ phận" in result.output
    assert db.session.query(Official).filter_by(username="vanphong1").count() == 0


def test_a_department_of_another_unit_is_not_taken_by_id(runner, unit):
    elsewhere = DepartmentFactory(name="Bộ phận xã khác")
    result = _create(runner, "--department", str(elsewhere.id))
    assert result.exit_code == 1
    assert db.session.query(Official).filter_by(username="vanphong1").count() == 0


def test_update_changes_only_the_options_given(runner, official):
    result = runner.invoke(args=["users", "update", "vanhoa1", "--position", "Chuyên viên",
                                 "--department", "phong van hoa - xa hoi", "--email",
                                 "Van@PhoPhong.example.vn"])
    assert result.exit_code == 0, result.output
    db.session.refresh(official)
    assert (official.full_name, official.position, official.email) == (
        "Lê Thị Văn", "Chuyên viên", "van@phophong.example.vn")
    assert official.department.name == "Phòng Văn hóa - Xã hội"
    result = runner.invoke(args=["users", "update", "vanhoa1", "--department", "", "--email", ""])
    assert result.exit_code == 0, result.output
    db.session.refresh(official)
    assert official.department is None and official.email is None


def test_update_without_options_and_with_bad_values_is_refused(runner, official):
    assert runner.invoke(args=["users", "update", "vanhoa1"]).exit_code == 2
    result = runner.invoke(args=["users", "update", "vanhoa1", "--phone", "gọi tôi"])
    assert result.exit_code == 1 and "Số điện thoại" in result.output
    db.session.refresh(official)
    assert official.phone is None


def test_set_role_ends_the_sessions(runner, official):
    secret = start_session(db.session, official, user_agent="", address="")
    result = runner.invoke(args=["users", "set-role", "vanhoa1", "vice_chairman"])
    assert result.exit_code == 0, result.output
    db.session.refresh(official)
    assert official.role is Role.VICE_CHAIRMAN
    assert load_signed_in(db.session, secret, absolute_lifetime=timedelta(days=1)) is None


def test_the_last_admin_keeps_the_role_and_the_account(runner, unit):
    OfficialFactory(unit=unit, username="quantri", role=Role.ADMIN)
    db.session.commit()
    result = runner.invoke(args=["users", "set-role", "quantri", "officer"])
    assert result.exit_code == 1 and "quản trị duy nhất" in result.output
    result = runner.invoke(args=["users", "deactivate", "quantri"])
    assert result.exit_code == 1 and "quản trị duy nhất" in result.output


def test_deactivate_then_reactivate(runner, official):
    assert runner.invoke(args=["users", "deactivate", "vanhoa1"]).exit_code == 0
    assert runner.invoke(args=["users", "reactivate", "vanhoa1"]).exit_code == 0
    db.session.refresh(official)
    assert official.active and audit_actions(official) == ["update", "update"]


def test_reset_password_prints_the_generated_one_once(runner, official):
    result = runner.invoke(args=["users", "reset-password", "vanhoa1"])
    assert result.exit_code == 0, result.output
    generated = result.output.strip().rsplit(" ", 1)[-1]
    db.session.refresh(official)
    assert check_password_hash(official.password_hash, generated)
    assert official.must_change_password
    listed = json.loads(runner.invoke(args=["users", "list", "--json", "--unit",
                                            "pho-phong"]).output)
    assert listed[0]["must_change_password"] is True


def test_unlock(runner, official):
    db.session.add(SignInAttempts(login_key=f"#{official.id}", address="10.0.0.1", attempts=6,
                                  last_attempt_at=official.created_at))
    db.session.flush()
    result = runner.invoke(args=["users", "unlock", "vanhoa1"])
    assert result.exit_code == 0 and "Đã mở khóa" in result.output
    assert count_rows(SignInAttempts) == 0
    assert "không bị khóa" in runner.invoke(args=["users", "unlock", "vanhoa1"]).output


def test_an_unknown_login_is_a_clear_error(runner, unit):
    result = runner.invoke(args=["users", "reset-password", "khong-co"])
    assert result.exit_code == 1 and "Không có tài khoản khong-co." in result.output

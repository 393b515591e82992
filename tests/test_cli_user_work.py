import csv

import pytest
from werkzeug.security import check_password_hash

from tests.factories import OfficialFactory, TaskFactory, UnitFactory
from tests.org.test_imports import sheet
from tracker.extensions import db
from tracker.org.models import Official


@pytest.fixture
def runner(app, db_session):
    return app.test_cli_runner()


@pytest.fixture
def unit(db_session):
    return UnitFactory()


def test_reassign_work_dry_run_counts_and_writes_nothing(runner, unit):
    leaving = OfficialFactory(unit=unit, username="nghiviec")
    OfficialFactory(unit=unit, username="nhanviec")
    task = TaskFactory(unit=unit, lead=leaving)
    result = runner.invoke(args=["users", "reassign-work", "nghiviec", "--to", "nhanviec",
                                 "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "chạy thử" in result.output and "chủ trì 1, phối hợp 0, theo dõi 0" in result.output
    db.session.refresh(task)
    assert task.lead_id == leaving.id


def test_reassign_work_moves_every_open_task(runner, unit):
    leaving = OfficialFactory(unit=unit, username="nghiviec")
    receiver = OfficialFactory(unit=unit, username="nhanviec")
    led = TaskFactory(unit=unit, lead=leaving)
    followed = TaskFactory(unit=unit, lead=receiver, followers=[leaving])
    result = runner.invoke(args=["users", "reassign-work", "nghiviec", "--to", "nhanviec"])
    assert result.exit_code == 0, result.output
    assert "Đã chuyển 2 nhiệm vụ" in result.output
    db.session.refresh(led)
    db.session.refresh(followed)
    assert led.lead_id == receiver.id and followed.followers == []


def test_reassign_work_to_an_inactive_official_is_refused(runner, unit):
    OfficialFactory(unit=unit, username="nghiviec")
    OfficialFactory(unit=unit, username="danghi", active=False)
    result = runner.invoke(args=["users", "reassign-work", "nghiviec", "--to", "danghi"])
    assert result.exit_code == 1 and "đã nghỉ" in result.output


def test_reassign_work_of_an_unknown_login_is_refused(runner, unit):
    result = runner.invoke(args=["users", "reassign-work", "khongco", "--to", "ai"])
    assert result.exit_code == 1 and "Không có tài khoản khongco" in result.output


def test_users_import_creates_the_accounts_and_writes_the_passwords(runner, unit, tmp_path):
    unit.code = "xa-moi"
    source = tmp_path / "can-bo.xlsx"
    source.write_bytes(sheet(["Nguyễn Văn An", "an.nv", "", "", "Công chức", "", ""],
                             ["Lê Thị Bình", "binh.lt", "", "", "Chủ tịch", "", ""]).getvalue())
    out = tmp_path / "mat-khau.csv"
    result = runner.invoke(args=["users", "import", str(source), "--unit", "xa-moi",
                                 "--passwords-out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Đã tạo 2 tài khoản" in result.output
    lines = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    assert [line[0] for line in lines] == ["username", "an.nv", "binh.lt"]
    official = db.session.query(Official).filter_by(username="binh.lt").one()
    assert check_password_hash(official.password_hash, lines[2][1])


def test_users_import_lists_each_bad_row_and_writes_nothing(runner, unit, tmp_path):
    unit.code = "xa-moi"
    source = tmp_path / "can-bo.xlsx"
    source.write_bytes(sheet(["Nguyễn Văn An", "an.nv", "", "", "sếp", "", ""]).getvalue())
    result = runner.invoke(args=["users", "import", str(source), "--unit", "xa-moi"])
    assert result.exit_code == 1
    assert "Dòng 2, cột Vai trò: “sếp” không phải vai trò" in result.output
    assert db.session.query(Official).filter_by(username="an.nv").count() == 0


def test_users_import_refuses_a_renamed_csv(runner, unit, tmp_path):
    unit.code = "xa-moi"
    source = tmp_path / "can-bo.xlsx"
    source.write_text("Họ và tên,Tên đăng nhập\n", encoding="utf-8")
    result = runner.invoke(args=["users", "import", str(source), "--unit", "xa-moi"])
    assert result.exit_code == 1 and "không phải bảng tính Excel" in result.output

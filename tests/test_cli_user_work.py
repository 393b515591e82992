import pytest

from tests.factories import OfficialFactory, TaskFactory, UnitFactory
from tracker.extensions import db


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

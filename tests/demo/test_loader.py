from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import func, select

from tests.helpers import count_rows
from tracker.audit.models import AuditEntry
from tracker.core.errors import ValidationFailed
from tracker.demo.loader import load_demo
from tracker.documents.models import Document
from tracker.notifications.models import Channel, Notification, NotificationKind
from tracker.notifications.queue import waiting_deliveries
from tracker.org.models import Department, Official, Unit
from tracker.org.sign_in import Throttle, authenticate
from tracker.tasks.models import ProgressUpdate, Task, TaskState
from tracker.tasks.queries import count_by_class
from tracker.tasks.status import TaskClass

PASSWORD = "demo-cchc"
LOAD_DAY = date(2024, 5, 15)  # a Wednesday

# What the Q1 2023 report cites, by issuer: the commune's own plans and decisions
# and what the levels above issued.
CITED = {
    "UBND xã Phổ Phong": {
        "04/QĐ-UBND", "04/KH-UBND", "12/KH-UBND", "13/KH-UBND", "14/KH-UBND", "16/KH-UBND",
        "24/KH-UBND", "27/KH-UBND", "28/KH-UBND", "30/KH-UBND", "35/QĐ-UBND", "13/QĐ-UBND",
        "14/QĐ-UBND", "1147/QĐ-UBND", "1152/QĐ-UBND", "541/QĐ-UBND", "655/QĐ-UBND",
    },
    "UBND tỉnh Quảng Ngãi": {
        "61/KH-UBND", "768/QĐ-UBND", "2552/QĐ-UBND", "1878/QĐ-UBND", "1744/QĐ-UBND",
        "1285/QĐ-UBND", "2040/QĐ-UBND", "947/QĐ-UBND", "48/2021/QĐ-UBND",
    },
    "UBND thị xã Đức Phổ": {"2665/KH-UBND"},
    "Chính phủ": {"17/NQ-CP", "76/NQ-CP", "59/2012/NĐ-CP", "16/2015/NĐ-CP"},
    "HĐND tỉnh Quảng Ngãi": {"20/2020/NQ-HĐND", "16/2021/NQ-HĐND"},
    "Ban Thường vụ Tỉnh ủy Quảng Ngãi": {"31-CT/TU"},
}


@pytest.fixture
def loaded(db_session):
    with time_machine.travel(datetime(2024, 5, 15, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
                             tick=False):
        result = load_demo(db_session, password=PASSWORD)
    return result


@pytest.fixture
def commune(loaded, db_session) -> Unit:
    return db_session.scalar(select(Unit).where(Unit.code == "pho-phong"))


def test_the_commune_sits_under_its_district_and_province(commune):
    assert commune.name == "UBND xã Phổ Phong" and commune.place_name == "Phổ Phong"
    assert [unit.code for unit in commune.ancestors()] == ["duc-pho", "quang-ngai"]


def test_the_twelve_positions_of_the_report_an_admin_and_a_viewer_above(loaded, db_session):
    officials = db_session.scalars(select(Official)).all()
    commune_staff = [o for o in officials if o.unit.code == "pho-phong" and o.role != "admin"]
    assert len(commune_staff) == 14  # 12 positions, two of them held by two people each
    assert sorted(o.role.value for o in officials if o.unit.code == "duc-pho") == ["viewer"]
    positions = [o.position for o in commune_staff]
    assert positions.count("Công chức Tư pháp - Hộ tịch") == 2
    assert {"Chủ tịch UBND xã", "Trưởng Công an xã"} <= set(positions)
    assert [a.username for a in loaded.accounts][:2] == ["chutich", "phochutich"]
    assert count_rows(Department) == 7


def test_every_cited_document_is_registered_under_its_issuer(commune, db_session):
    documents = db_session.scalars(select(Document).where(Document.unit_id == commune.id))
    registered: dict[str, set[str]] = {}
    for document in documents:
        registered.setdefault(document.issuer, set()).add(document.reference)
    assert registered == CITED


def test_the_same_number_from_two_issuers_stays_two_documents(commune, db_session):
    fourteens = db_session.scalars(select(Document).where(Document.number == 14)).all()
    assert sorted(d.reference for d in fourteens) == ["14/KH-UBND", "14/QĐ-UBND"]
    own_plans = db_session.scalars(select(Document).where(Document.issued_by_unit)).all()
    assert all(d.issuer == "UBND xã Phổ Phong" for d in own_plans) and len(own_plans) == 17


def test_tasks_fall_in_every_class_on_the_day_it_is_loaded(commune, db_session):
    counts = count_by_class(db_session, commune, LOAD_DAY)
    assert counts == {
        TaskClass.DONE_ON_TIME: 10, TaskClass.DONE_LATE: 3, TaskClass.IN_PROGRESS: 9,
        TaskClass.OVERDUE: 3, TaskClass.ONGOING: 7, TaskClass.CANCELLED: 1,
    }


def test_work_done_in_the_first_quarter_keeps_the_reports_dates(commune, db_session):
    done = db_session.scalars(select(Task).where(Task.state == TaskState.DONE)).all()
    assert all(date(2022, 12, 15) <= t.completed_on <= date(2023, 3, 14) for t in done)
    assert all(t.result for t in done)
    plan = db_session.scalar(select(Document).where(Document.number == 1152))
    entry = db_session.scalar(
        select(AuditEntry).where(AuditEntry.entity_type == "documents",
                                 AuditEntry.entity_id == plan.id)
    )
    chairman = db_session.scalar(select(Official).where(Official.username == "chutich"))
    assert entry.actor_id == chairman.id
    assert entry.at.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).date() == date(2022, 12, 30)


def test_open_tasks_are_due_around_the_day_it_is_loaded(commune, db_session):
    open_due = db_session.scalars(select(Task.due_date).where(
        Task.state == TaskState.OPEN, Task.due_date.is_not(None))).all()
    # 12 working days back, over the holidays of 29/4 (swapped), 30/4 and 1/5.
    assert min(open_due) == date(2024, 4, 24)
    assert date(2024, 5, 15) in open_due
    notes = db_session.scalar(select(func.count()).select_from(ProgressUpdate))
    assert notes == 7


def test_the_office_compiles_the_report_and_old_notices_are_read(commune, db_session):
    assert commune.settings.office_department.name == "Văn phòng - Thống kê"
    assert count_rows(Notification) > 0
    unread = db_session.scalars(select(Notification).where(Notification.read_at.is_(None)))
    # Only today's extension request waits, for the chairman who assigned the task.
    [waiting] = unread.all()
    assert waiting.kind is NotificationKind.EXTENSION_REQUESTED
    assert waiting.recipient.username == "chutich"
    assert waiting_deliveries(db_session, commune, Channel.EMAIL) == 1  # that request only
    assert all(o.notify_email and o.email_digest and o.email
               for o in db_session.scalars(select(Official)))


def _signs_in(db_session, login: str, password: str) -> bool:
    throttle = Throttle(max_failures=5, account_max_failures=30, window=timedelta(minutes=15))
    return authenticate(db_session, login, password, address="127.0.0.1",
                        throttle=throttle) is not None


def test_every_account_signs_in_with_the_demo_password(loaded, db_session):
    for account in loaded.accounts:
        assert _signs_in(db_session, account.username, PASSWORD)


def test_loading_twice_changes_nothing(loaded, db_session):
    before = [count_rows(model) for model in (Unit, Official, Document, Task, AuditEntry)]
    again = load_demo(db_session, password="another-password")
    assert not again.created and again.tasks == loaded.tasks == 33
    assert [count_rows(model) for model in (Unit, Official, Document, Task, AuditEntry)] == before
    assert _signs_in(db_session, "chutich", PASSWORD)


def test_a_refused_password_writes_nothing(app, db_session):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo", "load", "--password", "ngan"])
    assert result.exit_code == 1
    assert "Mật khẩu cần ít nhất 8 ký tự." in result.output
    assert count_rows(Unit) == 0


def test_the_command_prints_the_accounts(app, db_session):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert "Đã tạo đơn vị mẫu: 34 văn bản, 33 nhiệm vụ" in result.output
    assert "quantri" in result.output and "Cấp trên (chỉ xem)" in result.output
    again = app.test_cli_runner().invoke(args=["demo", "load"])
    assert "không thay đổi gì" in again.output


def test_a_short_password_fails_in_the_service_too(db_session):
    with pytest.raises(ValidationFailed):
        load_demo(db_session, password="123")

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import func, select

from tests.conftest import sign_in
from tests.helpers import count_by_class, count_rows
from tracker.audit.models import AuditEntry
from tracker.core.errors import ValidationFailed
from tracker.demo.loader import load_demo
from tracker.documents.models import Document
from tracker.notifications.models import Channel, Notification, NotificationKind
from tracker.notifications.queue import waiting_deliveries
from tracker.org.models import Department, Official, Unit
from tracker.org.sign_in import Throttle, authenticate
from tracker.tasks.models import ProgressUpdate, Task, TaskState
from tracker.tasks.status import TaskClass

PASSWORD = "demo-cchc"
LOAD_DAY = date(2026, 5, 13)  # a Wednesday
CUTOFF_2023 = date(2023, 3, 14)  # the Q1 2023 report's figures stop here
NEW_ROOMS = ["Văn phòng HĐND và UBND", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội",
             "Trung tâm Phục vụ hành chính công"]

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


def _load_on(db_session, day: date, password: str = PASSWORD):
    with time_machine.travel(datetime.combine(day, datetime.min.time().replace(hour=9),
                                              ZoneInfo("Asia/Ho_Chi_Minh")), tick=False):
        return load_demo(db_session, password=password)


@pytest.fixture
def loaded(db_session):
    return _load_on(db_session, LOAD_DAY)


def _unit(db_session, code: str) -> Unit:
    return db_session.scalar(select(Unit).where(Unit.code == code))


@pytest.fixture
def commune(loaded, db_session) -> Unit:
    return _unit(db_session, "pho-phong")


@pytest.fixture
def present(loaded, db_session) -> Unit:
    return _unit(db_session, "nguyen-nghiem")


def test_the_2023_commune_sits_under_its_district_and_province(commune):
    assert commune.name == "UBND xã Phổ Phong" and commune.place_name == "Phổ Phong"
    assert [unit.code for unit in commune.ancestors()] == ["duc-pho", "quang-ngai"]


def test_the_present_day_commune_reports_to_the_province_with_the_2025_rooms(present):
    assert present.name == "UBND xã Nguyễn Nghiêm"
    assert [unit.code for unit in present.ancestors()] == ["quang-ngai"]
    assert [d.name for d in present.departments] == NEW_ROOMS
    assert present.settings.office_department.name == "Văn phòng HĐND và UBND"
    assert "Sở Nội vụ tỉnh Quảng Ngãi" in present.settings.report_recipients.splitlines()


def test_the_twelve_positions_of_the_report_an_admin_and_a_viewer_above(loaded, db_session):
    officials = db_session.scalars(select(Official)).all()
    commune_staff = [o for o in officials if o.unit.code == "pho-phong" and o.role != "admin"]
    assert len(commune_staff) == 14  # 12 positions, two of them held by two people each
    assert sorted(o.role.value for o in officials if o.unit.code == "duc-pho") == ["viewer"]
    positions = [o.position for o in commune_staff]
    assert positions.count("Công chức Tư pháp - Hộ tịch") == 2
    assert {"Chủ tịch UBND xã", "Trưởng Công an xã"} <= set(positions)
    assert [a.username for a in loaded.accounts][:2] == ["chutich", "phochutich"]
    assert count_rows(Department) == 7 + 4


def test_the_present_day_commune_has_its_own_leaders_officers_and_admin(loaded, present,
                                                                        db_session):
    staff = db_session.scalars(select(Official).where(Official.unit_id == present.id)).all()
    roles = sorted(o.role.value for o in staff)
    assert roles == ["admin", "chairman", *["officer"] * 8, "vice_chairman"]
    assert all(o.username.startswith("nn.") and o.department for o in staff
               if o.role == "officer")
    assert {a.unit_name for a in loaded.accounts} == {
        "UBND xã Phổ Phong", "UBND thị xã Đức Phổ", "UBND xã Nguyễn Nghiêm",
        "UBND tỉnh Quảng Ngãi"}
    usernames = [a.username for a in loaded.accounts]
    assert len(usernames) == len(set(usernames)) == 16 + 12


def test_every_cited_document_is_registered_under_its_issuer(commune, db_session):
    documents = db_session.scalars(select(Document).where(Document.unit_id == commune.id))
    registered: dict[str, set[str]] = {}
    for document in documents:
        registered.setdefault(document.issuer, set()).add(document.reference)
    assert registered == CITED


def test_the_same_number_from_two_issuers_stays_two_documents(commune, db_session):
    fourteens = db_session.scalars(select(Document).where(Document.number == 14)).all()
    assert sorted(d.reference for d in fourteens) == ["14/KH-UBND", "14/QĐ-UBND"]
    own_plans = db_session.scalars(select(Document).where(
        Document.issued_by_unit, Document.unit_id == commune.id)).all()
    assert all(d.issuer == "UBND xã Phổ Phong" for d in own_plans) and len(own_plans) == 17


def test_the_2023_tasks_fall_in_every_class_at_the_q1_cutoff(commune, db_session):
    counts = count_by_class(db_session, commune, CUTOFF_2023)
    assert counts == {
        TaskClass.DONE_ON_TIME: 10, TaskClass.DONE_LATE: 3, TaskClass.IN_PROGRESS: 10,
        TaskClass.OVERDUE: 2, TaskClass.ONGOING: 7, TaskClass.CANCELLED: 1,
    }


def test_the_2023_commune_lives_in_2023_whenever_it_is_loaded(commune, db_session):
    documents = db_session.scalars(select(Document).where(Document.unit_id == commune.id))
    assert max(d.issued_on for d in documents) <= CUTOFF_2023
    own = db_session.scalars(select(Document.issued_on).where(
        Document.unit_id == commune.id, Document.issued_by_unit)).all()
    assert {day.year for day in own} == {2021, 2022, 2023}
    tasks = db_session.scalars(select(Task).where(Task.unit_id == commune.id)).all()
    assert {t.due_date.year for t in tasks if t.due_date} == {2023}
    # Section IV: the open work is due in Quý II 2023 (15/03 – 14/06), the rest overdue.
    open_due = sorted(t.due_date for t in tasks if t.state is TaskState.OPEN and t.due_date)
    assert sum(day <= CUTOFF_2023 for day in open_due) == 3
    assert all(date(2023, 3, 15) <= day <= date(2023, 6, 14) for day in open_due[3:])
    assert all(t.completed_on <= CUTOFF_2023 for t in tasks if t.completed_on)
    local = ZoneInfo("Asia/Ho_Chi_Minh")
    notes = db_session.scalars(select(ProgressUpdate.created_at).join(Task).where(
        Task.unit_id == commune.id)).all()
    assert len(notes) == 7 and all(n.astimezone(local).date() <= CUTOFF_2023 for n in notes)
    history = db_session.scalars(select(AuditEntry.at).where(
        AuditEntry.unit_id == commune.id)).all()
    assert max(at.astimezone(local).date() for at in history) <= CUTOFF_2023


def test_work_done_in_the_first_quarter_keeps_the_reports_dates(commune, db_session):
    done = db_session.scalars(select(Task).where(
        Task.state == TaskState.DONE, Task.unit_id == commune.id)).all()
    assert all(date(2022, 12, 15) <= t.completed_on <= CUTOFF_2023 for t in done)
    assert all(t.result for t in done)
    plan = db_session.scalar(select(Document).where(Document.number == 1152))
    entry = db_session.scalar(
        select(AuditEntry).where(AuditEntry.entity_type == "documents",
                                 AuditEntry.entity_id == plan.id)
    )
    chairman = db_session.scalar(select(Official).where(Official.username == "chutich"))
    assert entry.actor_id == chairman.id
    assert entry.at.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).date() == date(2022, 12, 30)


def test_the_present_day_tasks_fall_in_every_class_on_the_load_day(present, db_session):
    assert count_by_class(db_session, present, LOAD_DAY) == {
        TaskClass.DONE_ON_TIME: 3, TaskClass.DONE_LATE: 2, TaskClass.IN_PROGRESS: 5,
        TaskClass.OVERDUE: 3, TaskClass.ONGOING: 2, TaskClass.CANCELLED: 1,
    }
    open_due = db_session.scalars(select(Task.due_date).where(
        Task.unit_id == present.id, Task.state == TaskState.OPEN,
        Task.due_date.is_not(None))).all()
    # 12 working days back, over the holidays of 27/4 (Giỗ Tổ), 30/4 and 1/5.
    assert min(open_due) == date(2026, 4, 22)
    assert LOAD_DAY in open_due
    plan = db_session.scalar(select(Document).where(
        Document.unit_id == present.id, Document.doc_type == "KH"))
    assert plan.title == "Cải cách hành chính năm 2026 trên địa bàn xã Nguyễn Nghiêm"


def test_old_notices_are_read_and_the_present_chairman_has_a_request_waiting(
        commune, present, db_session):
    assert commune.settings.office_department.name == "Văn phòng - Thống kê"
    assert count_rows(Notification) > 0
    unread = db_session.scalars(select(Notification).where(Notification.read_at.is_(None)))
    # Only today's extension request waits, for the chairman who assigned the task.
    [waiting] = unread.all()
    assert waiting.kind is NotificationKind.EXTENSION_REQUESTED
    assert waiting.recipient.username == "nn.chutich"
    assert waiting_deliveries(db_session, present, Channel.EMAIL) == 1  # that request only
    assert waiting_deliveries(db_session, commune, Channel.EMAIL) == 0
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
    again = _load_on(db_session, LOAD_DAY, "another-password")
    assert not again.created
    assert [(c.code, c.tasks) for c in again.communes] == [
        (c.code, c.tasks) for c in loaded.communes] == [("pho-phong", 33), ("nguyen-nghiem", 16)]
    assert [count_rows(model) for model in (Unit, Official, Document, Task, AuditEntry)] == before
    assert _signs_in(db_session, "chutich", PASSWORD)


def test_before_the_2025_reform_only_the_2023_commune_is_loaded_then_the_other_is_added(
        db_session):
    early = _load_on(db_session, date(2023, 3, 15))
    assert [c.code for c in early.communes] == ["pho-phong"]
    pho_phong = _unit(db_session, "pho-phong")
    history = select(func.count()).where(AuditEntry.unit_id == pho_phong.id)
    entries = db_session.scalar(history)
    later = _load_on(db_session, LOAD_DAY)
    assert [(c.code, c.created) for c in later.communes] == [
        ("pho-phong", False), ("nguyen-nghiem", True)]
    assert db_session.scalar(history) == entries


def test_a_refused_password_writes_nothing(app, db_session):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo", "load", "--password", "ngan"])
    assert result.exit_code == 1
    assert "Mật khẩu cần ít nhất 8 ký tự." in result.output
    assert count_rows(Unit) == 0


def test_the_command_prints_both_communes_and_their_accounts(app, db_session):
    with time_machine.travel(datetime(2026, 5, 13, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
                             tick=False):
        result = app.test_cli_runner().invoke(args=["demo", "load"])
        again = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert "Đã tạo UBND xã Phổ Phong (pho-phong): 34 văn bản, 33 nhiệm vụ." in result.output
    assert "Đã tạo UBND xã Nguyễn Nghiêm (nguyen-nghiem): 4 văn bản, 16 nhiệm vụ." \
        in result.output
    assert "quantri" in result.output and "Cấp trên (chỉ xem)" in result.output
    assert "nn.chutich" in result.output and "UBND xã Nguyễn Nghiêm" in result.output
    assert again.output.count("không thay đổi gì") == 2


def test_a_short_password_fails_in_the_service_too(db_session):
    with pytest.raises(ValidationFailed):
        load_demo(db_session, password="123")


def test_the_present_day_chairmans_home_page_has_live_work(client, db_session):
    load_demo(db_session, password=PASSWORD)  # today, whatever day the suite runs
    db_session.commit()
    sign_in(client, "nn.chutich", PASSWORD)
    html = client.get("/").get_data(as_text=True)
    assert "Kiện toàn Tổ công nghệ số cộng đồng ở các thôn" in html  # overdue
    assert "Tuyên truyền cải cách hành chính trên trang thông tin điện tử" in html  # due soon
    assert "Phổ Phong" not in html  # the 2023 commune's work stays in its own unit

"""Reports that have not come in: the commune told once its due date has passed, the
province a summary of all its communes, each once a period, on working days only."""

import socket
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from aiosmtpd.controller import Controller
from sqlalchemy import select

from jobs.runner import run_once
from tests.factories import DepartmentFactory, OfficialFactory, UnitFactory
from tests.jobs.test_delivery import Inbox
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.notifications.models import Notification, NotificationKind
from tracker.notifications.render import describe
from tracker.org.models import CalendarDay, UnitLevel, UnitSettings
from tracker.reports.late_reports import remind_late_reports
from tracker.reports.models import Report, ReportState

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
DUE_DAY = 17  # the Q3 2026 report (cut-off Monday 14/9) is due on Thursday 17/9
FIRST_DAY_AFTER = date(2026, 9, 18)  # a Friday
NEXT_MONDAY = date(2026, 9, 21)
MISSING = NotificationKind.REPORT_MISSING.value
SUMMARY = NotificationKind.REPORTS_SUMMARY.value


@pytest.fixture
def province(db_session):
    province = UnitFactory(code="tinh", name="UBND tỉnh Thử Nghiệm", level=UnitLevel.PROVINCE)
    for username, role in [("ct-tinh", Role.CHAIRMAN), ("pct-tinh", Role.VICE_CHAIRMAN),
                           ("noivu", Role.VIEWER), ("cb-tinh", Role.OFFICER),
                           ("qt-tinh", Role.ADMIN)]:
        OfficialFactory(unit=province, username=username, role=role,
                        email=f"{username}@tinh.example.vn")
    OfficialFactory(unit=province, username="noivu-cu", role=Role.VIEWER, active=False)
    return province


def _commune(province, name: str, code: str, *, due_day: int = DUE_DAY):
    """A commune with its chairman, a vice-chairman and an officer; no office set, so
    its leaders compile its report."""
    commune = UnitFactory(parent=province, name=name, place_name=name.split(" ", 2)[-1],
                          code=code, settings=UnitSettings(report_due_day=due_day))
    for prefix, role in [("ct", Role.CHAIRMAN), ("pct", Role.VICE_CHAIRMAN),
                         ("cb", Role.OFFICER)]:
        OfficialFactory(unit=commune, username=f"{prefix}-{code}", role=role,
                        email=f"{prefix}-{code}@xa.example.vn")
    return commune


def _signed(unit, on: datetime, period: str = "2026-Q3") -> None:
    db.session.add(Report(unit=unit, period=period, state=ReportState.FINAL, number=7,
                          finalised_at=on.astimezone(UTC)))
    db.session.flush()


def _pass_on(unit, day: date) -> set[tuple[str, str]]:
    """Run the pass for `unit` at 08:00 on `day` in its zone: what it wrote, as
    (kind, recipient's username)."""
    before = set(db.session.scalars(select(Notification.id)))
    with time_machine.travel(datetime.combine(day, time(8), ZONE), tick=False):
        remind_late_reports(db.session, unit, day)
    written = db.session.scalars(select(Notification).where(Notification.id.not_in(before)))
    return {(n.kind.value, n.recipient.username) for n in written}


def _notices(kind: NotificationKind) -> list[Notification]:
    return list(db.session.scalars(
        select(Notification).where(Notification.kind == kind).order_by(Notification.id)))


def test_the_first_working_day_after_the_due_date_tells_the_commune_once(province):
    _commune(province, "UBND xã Lạc", "lac")
    assert _pass_on(province, date(2026, 9, 16)) == set()  # the day before the due date
    assert _pass_on(province, date(2026, 9, 17)) == set()  # the due date itself
    assert _pass_on(province, FIRST_DAY_AFTER) == {
        (MISSING, "ct-lac"), (MISSING, "pct-lac"),
        (SUMMARY, "ct-tinh"), (SUMMARY, "pct-tinh"), (SUMMARY, "noivu")}
    assert _pass_on(province, FIRST_DAY_AFTER) == set()  # run again the same day
    assert _pass_on(province, NEXT_MONDAY) == set()
    assert _pass_on(province, date(2026, 11, 2)) == set()  # weeks on, still not in
    notice = describe(_notices(NotificationKind.REPORT_MISSING)[0])
    assert notice.subject == "Quá hạn gửi báo cáo CCHC Quý III năm 2026"
    assert notice.text == ("Báo cáo CCHC Quý III năm 2026 chưa được ký ban hành; "
                           "hạn 17/09/2026 đã qua 1 ngày làm việc.")
    assert notice.link == "/reports"


def test_the_office_compiles_the_report_when_one_is_set(province):
    commune = _commune(province, "UBND xã Lạc", "lac")
    office = DepartmentFactory(unit=commune, name="Văn phòng - Thống kê")
    commune.settings.office_department = office
    OfficialFactory(unit=commune, username="vanphong", department=office)
    OfficialFactory(unit=commune, username="vanphong-cu", department=office, active=False)
    written = _pass_on(province, FIRST_DAY_AFTER)
    assert {who for kind, who in written if kind == MISSING} == {"ct-lac", "vanphong"}


def test_a_commune_that_signed_is_not_told_even_late(province):
    _signed(_commune(province, "UBND xã Sớm", "som"), datetime(2026, 9, 10, 15, tzinfo=ZONE))
    # Signed late, on the first day after the due date, before the pass came round.
    _signed(_commune(province, "UBND xã Muộn", "muon"), datetime(2026, 9, 18, 7, 30, tzinfo=ZONE))
    _signed(_commune(province, "UBND xã Cũ", "cu"), datetime(2026, 6, 12, 9, tzinfo=ZONE),
            period="2026-H1")  # last period's report: this one is still missing
    written = _pass_on(province, FIRST_DAY_AFTER)
    assert {who for kind, who in written if kind == MISSING} == {"ct-cu", "pct-cu"}


def test_the_province_summary_counts_and_names_the_communes(province):
    _signed(_commune(province, "UBND xã An Nhơn", "an-nhon"),
            datetime(2026, 9, 17, 16, tzinfo=ZONE))
    _signed(_commune(province, "UBND xã Bình Sơn", "binh-son"),
            datetime(2026, 9, 18, 7, tzinfo=ZONE))
    _commune(province, "UBND xã Đà Lạt", "da-lat")
    _commune(province, "UBND phường Cà Mau", "ca-mau")
    _pass_on(province, FIRST_DAY_AFTER)
    summaries = _notices(NotificationKind.REPORTS_SUMMARY)
    assert {n.recipient.username for n in summaries} == {"ct-tinh", "pct-tinh", "noivu"}
    assert {n.unit_id for n in summaries} == {province.id}
    summary = describe(summaries[0])
    assert summary.subject == "Tình hình gửi báo cáo CCHC Quý III năm 2026"
    assert summary.text == ("4 xã: 1 đã gửi đúng hạn, 1 gửi muộn, 2 chưa gửi. "
                            "Chưa gửi: UBND phường Cà Mau, UBND xã Đà Lạt.")
    assert summary.link == "/oversight/reports?period=2026-Q3"


def test_the_provinces_office_gets_the_summary_too(province):
    office = DepartmentFactory(unit=province, name="Văn phòng UBND tỉnh")
    province.settings.office_department = office
    OfficialFactory(unit=province, username="vanphong-tinh", department=office)
    _commune(province, "UBND xã Chưa Gửi", "chua-gui")
    _pass_on(province, FIRST_DAY_AFTER)
    readers = {n.recipient.username for n in _notices(NotificationKind.REPORTS_SUMMARY)}
    assert readers == {"ct-tinh", "pct-tinh", "noivu", "vanphong-tinh"}


def test_the_summary_names_thirty_communes_and_counts_the_rest(province):
    for n in range(32):
        _commune(province, f"UBND xã Số {n:02d}", f"so-{n:02d}")
    _pass_on(province, FIRST_DAY_AFTER)
    text = describe(_notices(NotificationKind.REPORTS_SUMMARY)[0]).text
    assert text.startswith("32 xã: 0 đã gửi đúng hạn, 0 gửi muộn, 32 chưa gửi. Chưa gửi: "
                           "UBND xã Số 00, UBND xã Số 01,")
    assert text.endswith("UBND xã Số 29 và 2 xã khác.")
    assert "Số 30" not in text


def test_the_summary_waits_for_the_last_commune_due(province):
    _commune(province, "UBND xã Lạc", "lac")
    _commune(province, "UBND xã Chậm", "cham", due_day=22)  # Tuesday 22/9
    assert {kind for kind, _ in _pass_on(province, FIRST_DAY_AFTER)} == {MISSING}
    assert _pass_on(province, date(2026, 9, 22)) == set()
    assert {kind for kind, _ in _pass_on(province, date(2026, 9, 23))} == {MISSING, SUMMARY}
    assert _pass_on(province, date(2026, 9, 24)) == set()


def test_a_weekend_due_date_is_told_on_monday(province):
    _commune(province, "UBND xã Lạc", "lac", due_day=19)  # Saturday 19/9
    assert _pass_on(province, FIRST_DAY_AFTER) == set()  # not yet due
    assert _pass_on(province, date(2026, 9, 20)) == set()  # Sunday: no working day
    assert (MISSING, "ct-lac") in _pass_on(province, NEXT_MONDAY)
    assert _notices(NotificationKind.REPORT_MISSING)[0].payload["days"] == 1


def test_a_holiday_of_the_communes_own_puts_its_notice_off(province):
    commune = _commune(province, "UBND xã Lạc", "lac")
    commune.calendar_days.append(CalendarDay(day=FIRST_DAY_AFTER, is_working=False))
    db.session.flush()
    assert {kind for kind, _ in _pass_on(province, FIRST_DAY_AFTER)} == {SUMMARY}
    assert {kind for kind, _ in _pass_on(province, NEXT_MONDAY)} == {MISSING}


def test_nothing_for_a_unit_with_no_parent(db_session):
    alone = UnitFactory(code="xa-doc-lap", settings=UnitSettings(report_due_day=DUE_DAY))
    OfficialFactory(unit=alone, username="ct-doc-lap", role=Role.CHAIRMAN)
    assert _pass_on(alone, FIRST_DAY_AFTER) == set()


@pytest.fixture
def inbox():
    """A real SMTP server on a free loopback port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def test_the_daily_pass_mails_the_missing_commune_and_the_province(app, province, inbox):
    messages, port = inbox
    _signed(_commune(province, "UBND xã Sớm", "som"), datetime(2026, 9, 10, 15, tzinfo=ZONE))
    _commune(province, "UBND xã Lạc", "lac")
    saved = dict(app.config)
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_SECURITY="none",
                      MAIL_SENDER="CCHC Tracker <nhacviec@tinh.example.vn>",
                      BASE_URL="http://tracker.example.vn")
    try:
        run_once(app, FIRST_DAY_AFTER)
        run_once(app, FIRST_DAY_AFTER)
    finally:
        app.config.clear()
        app.config.update(saved)
    [told] = _mails_to(messages, "ct-lac@xa.example.vn")
    assert told["Subject"] == "Quá hạn gửi báo cáo CCHC Quý III năm 2026"
    assert ("Báo cáo CCHC Quý III năm 2026 chưa được ký ban hành; hạn 17/09/2026 đã qua "
            "1 ngày làm việc.") in told.get_body(("plain",)).get_content()
    assert len(_mails_to(messages, "pct-lac@xa.example.vn")) == 1
    assert _mails_to(messages, "ct-som@xa.example.vn") == []
    [summary] = _mails_to(messages, "noivu@tinh.example.vn")
    assert summary["Subject"] == "Tình hình gửi báo cáo CCHC Quý III năm 2026"
    assert "Chưa gửi: UBND xã Lạc." in summary.get_body(("plain",)).get_content()


def _mails_to(inbox: Inbox, address: str) -> list:
    return [m for m in inbox.messages if m["To"].addresses[0].addr_spec == address]

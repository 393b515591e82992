"""The rules around a report's signature: no signing before the period's figures are
all in, and the văn thư's number given once afterwards, written into the frozen file.

In a People's Committee the leader signs first; the văn thư then enters the report in
the register, which gives its number and issue date. The frozen DOCX is rendered again
with them exactly once, so every later download is the same file."""

from dataclasses import replace
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import extract, select
from sqlalchemy.orm import Session

from tracker.audit.services import record_event, record_updated, snapshot
from tracker.core.actor import Actor
from tracker.core.clock import local_moment, today_in
from tracker.core.errors import Conflict, PermissionDenied, ValidationFailed
from tracker.core.text import clean_multiline
from tracker.core.validation import Problems
from tracker.core.versioning import check_version, flush_versioned
from tracker.reports.content import ReportContent
from tracker.reports.docx import render_docx
from tracker.reports.models import Report, ReportState
from tracker.reports.outline import number_line
from tracker.reports.policy import can_compile, chairs_unit
from tracker.reports.wording import place_date

MAX_NUMBER = 99_999
MAX_REASON = 500
_CONFLICT = _l("Báo cáo vừa được người khác thay đổi. Hãy tải lại trang rồi làm lại.")


def first_signing_day(report: Report) -> date:
    """The day after the cut-off: before it ends, the figures would state the future."""
    return report.reporting_period.cutoff + timedelta(days=1)


def require_signing_day(report: Report) -> None:
    """:raise ValidationFailed: the period's cut-off day has not ended in the unit."""
    opens = first_signing_day(report)
    if today_in(report.unit.timezone) < opens:
        raise ValidationFailed(_l(
            "Chưa ký được: số liệu kỳ này chốt hết ngày %(cutoff)s, ký trước thì báo cáo "
            "nói về những ngày chưa đến. Ký từ ngày %(opens)s.",
            cutoff=f"{report.reporting_period.cutoff:%d/%m/%Y}", opens=f"{opens:%d/%m/%Y}"))


def awaits_number(report: Report) -> bool:
    """Signed, not yet entered in the register ("chưa vào số")."""
    return report.is_final and report.number is None


def can_withdraw(actor: Actor, report: Report) -> bool:
    """The unit's chairman takes back a signature while the register has not numbered it."""
    return awaits_number(report) and chairs_unit(actor, report.unit)


def withdraw_signature(
    session: Session, actor: Actor, report: Report, *, reason: str, version: int
) -> Report:
    """Take a signed, unnumbered report back to a draft, the reason in the audit log.

    :raise PermissionDenied: unless the actor is the unit's chairman.
    :raise Conflict: not signed, numbered already, or changed since the form was read.
    :raise ValidationFailed: no reason given, or a reason over 500 characters.
    """
    if not chairs_unit(actor, report.unit):
        raise PermissionDenied(_l("Chỉ Chủ tịch UBND được rút lại báo cáo đã ký."))
    if not awaits_number(report):
        raise Conflict(_l("Báo cáo đã vào số thì không rút lại được: ban hành báo cáo khác "
                          "thay thế.") if report.is_final else _l("Báo cáo chưa ký ban hành."))
    check_version(report, version, _CONFLICT)
    reason = clean_multiline(reason)
    if not reason or len(reason) > MAX_REASON:
        raise ValidationFailed.on("reason", _l("Ghi lý do rút lại (tối đa 500 ký tự)."))
    report.state = ReportState.DRAFT
    report.final_content = report.final_docx = report.final_pdf = None
    report.finalised_at = report.finalised_by_id = None
    flush_versioned(session, _CONFLICT)
    record_event(session, actor, report, "withdraw", {"reason": reason}, unit_id=report.unit_id)
    return report


def give_number(
    session: Session, actor: Actor, report: Report, *, number: int | None,
    issue_date: date | None, version: int,
) -> Report:
    """Enter a signed report in the register: its number and issue date, once.

    :raise PermissionDenied: unless the actor works in the unit's office or leads it.
    :raise Conflict: not signed yet, numbered already, or changed since the form was read.
    :raise ValidationFailed: a number outside 1–99,999 or used this year, a bad date.
    """
    if not can_compile(actor, report.unit):
        raise PermissionDenied(_l("Chỉ Văn phòng và lãnh đạo UBND được vào số báo cáo."))
    if not report.is_final:
        raise Conflict(_l("Báo cáo chưa ký ban hành: số và ngày ghi ở phần “Số, ngày và "
                          "nơi nhận” của dự thảo, hoặc vào số sau khi ký."))
    if report.number is not None:
        raise Conflict(_l("Báo cáo đã vào số %(number)s; số và ngày không sửa được nữa.",
                          number=report.number))
    check_version(report, version, _CONFLICT)
    issue_date = issue_date or today_in(report.unit.timezone)
    _check_number(session, report, number, issue_date)
    before = snapshot(report)
    report.number, report.report_date = number, issue_date
    content = _numbered(ReportContent.from_dict(report.final_content), report)
    report.final_content = content.to_dict()
    report.final_docx = render_docx(content)
    report.final_pdf = None  # converted again from the numbered file when asked for
    flush_versioned(session, _CONFLICT)
    record_updated(session, actor, report, before, unit_id=report.unit_id, action="number")
    return report


def _check_number(session: Session, report: Report, number: int | None,
                  issue_date: date) -> None:
    problems = Problems()
    if number is None or not 0 < number <= MAX_NUMBER:
        problems.add("number", _l("Số báo cáo phải từ 1 đến 99.999."))
    signed_on = local_moment(report.finalised_at, report.unit.timezone).date()
    if issue_date < signed_on:
        problems.add("issue_date", _l("Ngày vào số không được trước ngày ký (%(day)s).",
                                      day=f"{signed_on:%d/%m/%Y}"))
    if issue_date > today_in(report.unit.timezone):
        problems.add("issue_date", _l("Ngày vào số không được sau hôm nay."))
    if number is not None and _number_taken(session, report, number, issue_date.year):
        problems.add("number", _l("Số %(number)s/BC-UBND năm %(year)s đã dùng cho một báo "
                                  "cáo khác của đơn vị.", number=number, year=issue_date.year))
    problems.raise_if_any()


def _number_taken(session: Session, report: Report, number: int, year: int) -> bool:
    """The register numbers a unit's reports afresh each year."""
    return session.scalar(select(Report.id).where(
        Report.unit_id == report.unit_id, Report.id != report.id, Report.number == number,
        extract("year", Report.report_date) == year).limit(1)) is not None


def _numbered(content: ReportContent, report: Report) -> ReportContent:
    unit = report.unit
    header = replace(content.header, number_line=number_line(report.number),
                     place_date=place_date(unit.place_name or unit.name, report.report_date,
                                           report.report_date))
    return replace(content, header=header)

"""Drafting, editing and signing a unit's CCHC report."""

from collections.abc import Callable
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, object_session
from sqlalchemy.orm.attributes import flag_modified

from tracker.audit.services import record_created, record_event, record_updated, snapshot
from tracker.core.actor import Actor
from tracker.core.clock import now_utc, today_in
from tracker.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tracker.core.periods import ReportingPeriod, chronological
from tracker.core.roles import Role
from tracker.core.text import clean_multiline
from tracker.core.validation import Problems
from tracker.core.versioning import check_version, flush_versioned
from tracker.org.models import Official, Unit
from tracker.org.policy import can_view_unit
from tracker.org.settings import TOO_MANY_RECIPIENTS, clean_recipients
from tracker.reports import figures as hand_figures
from tracker.reports.checks import Finding, check_report
from tracker.reports.content import ReportContent
from tracker.reports.data import gather
from tracker.reports.docx import render_docx
from tracker.reports.legal_figures import clean_legal
from tracker.reports.models import Report, ReportSection, ReportState
from tracker.reports.outline import (
    POINTS,
    POINTS_BY_KEY,
    Masthead,
    PointKind,
    assemble,
    default_recipients,
    text_from_data,
)
from tracker.reports.policy import can_compile, can_sign, can_view_report
from tracker.reports.signing import require_signing_day

MAX_TEXT = 20_000
_CONFLICT = _l("Báo cáo vừa được người khác cập nhật. Vui lòng tải lại trang rồi thử lại.")
_FROZEN = _l("Báo cáo đã ký ban hành, không sửa được nữa.")


def parse_period(code: str) -> ReportingPeriod:
    """:raise ValidationFailed: a code other than 2023-Q1, 2023-H1, 2023-Q3, 2023-9M, 2023-Y."""
    try:
        period = ReportingPeriod.parse(code or "")
    except ValueError:
        raise ValidationFailed.on("period", _l(
            "Kỳ báo cáo không hợp lệ (ví dụ 2023-Q1, 2023-H1, 2023-Q3, 2023-9M, 2023-Y)."
        )) from None
    if not 2000 <= period.year <= 2100:
        raise ValidationFailed.on("period", _l("Năm của kỳ báo cáo không hợp lệ."))
    return period


def create_report(session: Session, actor: Actor, unit: Unit, period_code: str) -> Report:
    """Start the draft of a period's report, generated from the data; prose points start
    from the unit's previous report.

    :raise PermissionDenied: unless the actor compiles the unit's reports.
    :raise ValidationFailed: a bad period, one whose cut-off is still to come, or a
        period that already has its report.
    """
    _require_compiler(actor, unit)
    period = parse_period(period_code)
    if not period.has_started(today_in(unit.timezone)):
        raise ValidationFailed.on("period", _l("Kỳ báo cáo chưa bắt đầu."))
    if find_report(session, unit, period) is not None:
        raise ValidationFailed.on("period", _l("Kỳ %(label)s đã có báo cáo.", label=period.label))
    report = Report(unit=unit, period=period.code, figures={}, created_by_id=actor.id,
                    recipients=_recipients_setting(unit))
    session.add(report)
    previous = _previous_report(session, unit, period)
    data = gather(session, unit, period)
    for point in POINTS:
        carried = point.kind is PointKind.PROSE and bool(previous.get(point.key, "").strip())
        text = previous[point.key] if carried else text_from_data(point, data)
        report.sections.append(ReportSection(key=point.key, text=text, generated_text=text,
                                             carried_over=carried))
    report.generated_at = now_utc()
    _flush(session)
    record_created(session, actor, report, unit_id=unit.id)
    return report


def regenerate_report(session: Session, actor: Actor, report: Report, version: int) -> list[str]:
    """Bring the draft's data points up to date. Points the office has edited keep their
    text (their new data waits beside it); returns the keys of those points."""
    _require_draft_compiler(actor, report, version)
    data = gather(session, report.unit, report.reporting_period)
    kept = []
    for section in report.sections:
        point = POINTS_BY_KEY[section.key]
        if point.kind is PointKind.PROSE:
            continue
        section.generated_text = text_from_data(point, data)
        if section.edited:
            kept.append(section.key)
        else:
            section.text = section.generated_text
    report.generated_at = now_utc()
    _touch(session, report)
    record_event(session, actor, report, "regenerate", {"kept": kept}, unit_id=report.unit_id)
    return kept


def edit_section(
    session: Session, actor: Actor, report: Report, key: str, text: str, version: int
) -> ReportSection:
    """Save the office's text of one point.

    :raise ValidationFailed: an unknown point, or a text over 20,000 characters.
    """
    _require_draft_compiler(actor, report, version)
    section = _section(report, key)
    text = clean_multiline(text)
    if len(text) > MAX_TEXT:
        raise ValidationFailed.on("text", _l("Nội dung quá dài (tối đa 20.000 ký tự)."))
    if key == "title" and not text:
        raise ValidationFailed.on("text", _l("Tên báo cáo không được để trống."))
    before = snapshot(section)
    if text != section.text:
        section.text = text
        section.edited = text != section.generated_text
        section.edited_from = section.generated_text if section.edited else None
    section.carried_over = False  # saved, changed or not: someone has read it
    _touch(session, report)
    record_updated(session, actor, section, before, unit_id=report.unit_id)
    return section


def keep_section(
    session: Session, actor: Actor, report: Report, key: str, version: int
) -> ReportSection:
    """The office has read a point carried over from the previous report and keeps it."""
    _require_draft_compiler(actor, report, version)
    section = _section(report, key)
    before = snapshot(section)
    section.carried_over = False
    _touch(session, report)
    record_updated(session, actor, section, before, unit_id=report.unit_id, action="keep")
    return section


def reset_section(
    session: Session, actor: Actor, report: Report, key: str, version: int
) -> ReportSection:
    """Replace a point's text with what the data (or, for prose, the previous report)
    gives now: the office asks for it, so edited text may go."""
    _require_draft_compiler(actor, report, version)
    section = _section(report, key)
    point = POINTS_BY_KEY[key]
    if point.kind is PointKind.DATA:
        data = gather(session, report.unit, report.reporting_period)
        section.generated_text = text_from_data(point, data)
    before = snapshot(section)
    section.text, section.edited, section.edited_from = section.generated_text, False, None
    # Prose goes back to the previous report's text: to be read again before signing.
    section.carried_over = point.kind is PointKind.PROSE and bool(section.text.strip()) \
        and section.text == _previous_report(session, report.unit,
                                             report.reporting_period).get(key)
    _touch(session, report)
    record_updated(session, actor, section, before, unit_id=report.unit_id, action="reset")
    return section


def update_details(
    session: Session, actor: Actor, report: Report, *, number: int | None,
    report_date: date | None, recipients: str, version: int,
) -> Report:
    """The report's number, date and Nơi nhận.

    :raise ValidationFailed: a number outside 1–99,999, a date before the cut-off.
    """
    _require_draft_compiler(actor, report, version)
    problems = Problems()
    if number is not None and not 0 < number < 100_000:
        problems.add("number", _l("Số báo cáo phải từ 1 đến 99.999."))
    if report_date is not None and report_date < report.reporting_period.cutoff:
        problems.add("report_date", _l("Ngày báo cáo không được trước ngày chốt số liệu."))
    cleaned = clean_recipients(recipients)
    if cleaned is None:
        problems.add("recipients", TOO_MANY_RECIPIENTS)
    problems.raise_if_any()
    before = snapshot(report)
    report.number, report.report_date, report.recipients = number, report_date, cleaned
    _touch(session, report)
    record_updated(session, actor, report, before, unit_id=report.unit_id)
    return report


def set_dossier_figures(
    session: Session, actor: Actor, report: Report, raw: dict[str, Any], version: int
) -> Report:
    """Enter the dossier block; see `figures.clean_dossiers` for what is refused."""
    return _set_figures(session, actor, report, version, "dossiers",
                        lambda: hand_figures.clean_dossiers(raw))


def set_legal_figures(
    session: Session, actor: Actor, report: Report, raw: dict[str, Any], version: int
) -> Report:
    """Enter the legal documents block of II.1; see `legal_figures.clean_legal`."""
    return _set_figures(session, actor, report, version, "legal", lambda: clean_legal(raw))


def _set_figures(session: Session, actor: Actor, report: Report, version: int, block: str,
                 cleaned: Callable[[], dict[str, Any]]) -> Report:
    _require_draft_compiler(actor, report, version)
    before = snapshot(report)
    report.figures = report.figures | {block: cleaned()}
    _touch(session, report)
    record_updated(session, actor, report, before, unit_id=report.unit_id)
    return report


def finalise_report(
    session: Session, actor: Actor, report: Report, *, accept_findings: bool, version: int
) -> Report:
    """Sign the report: its content and DOCX file are frozen from now on.

    :raise PermissionDenied: unless the actor may sign the unit's reports.
    :raise ValidationFailed: the checks found problems and the signer did not accept them.
    """
    if not can_sign(actor, report.unit):
        raise PermissionDenied(_l("Chỉ Chủ tịch (hoặc Phó Chủ tịch, nếu đơn vị cho phép) "
                                  "được ký ban hành báo cáo."))
    _require_draft(report, version)
    require_signing_day(report)
    findings = report_findings(report)
    if findings and not accept_findings:
        raise ValidationFailed(_l("Báo cáo còn %(n)d vấn đề cần xem lại.", n=len(findings)),
                               errors={"findings": [f.message for f in findings]})
    before = snapshot(report)
    if isinstance(actor, Official) and actor.role.leads_unit:
        report.signer = actor
    report.report_date = report.report_date or today_in(report.unit.timezone)
    content = report_content(report, final=True)
    report.final_content = content.to_dict()
    report.final_docx = render_docx(content)
    report.state = ReportState.FINAL
    report.finalised_at = now_utc()
    report.finalised_by_id = actor.id
    _flush(session)
    record_updated(session, actor, report, before, unit_id=report.unit_id, action="finalise")
    return report


def report_content(report: Report, *, final: bool | None = None) -> ReportContent:
    """What the report says: a final report's frozen snapshot, or the draft assembled now."""
    if report.is_final and report.final_content is not None:
        return ReportContent.from_dict(report.final_content)
    texts = {section.key: section.text for section in report.sections}
    return assemble(_masthead(report, final=bool(final)), texts, report.figures)


def preview_content(session: Session, actor: Actor, unit: Unit, period: ReportingPeriod
                    ) -> ReportContent:
    """A report built from the data alone, stored nowhere (the CLI, for a period without
    a draft)."""
    if not can_view_unit(actor, unit):
        raise NotFound(_l("Không tìm thấy đơn vị."))
    data = gather(session, unit, period)
    texts = {point.key: text_from_data(point, data) for point in POINTS}
    draft = Report(unit=unit, period=period.code, recipients=_recipients_setting(unit))
    return assemble(_masthead(draft, final=False), texts, figures={})


def report_findings(report: Report, content: ReportContent | None = None) -> list[Finding]:
    """What to look at before signing; `content` when the caller has assembled it already."""
    return check_report(report, content or report_content(report))


def report_docx(report: Report) -> bytes:
    """The DOCX file: for a final report, the very file stored when it was signed."""
    if report.is_final and report.final_docx is not None:
        return report.final_docx
    return render_docx(report_content(report))


def get_report(session: Session, actor: Actor, report_id: int) -> Report:
    """:raise NotFound: no such report, or one the actor may not see."""
    report = session.get(Report, report_id)
    if report is None or not can_view_report(actor, report):
        raise NotFound(_l("Không tìm thấy báo cáo."))
    return report


def find_report(session: Session, unit: Unit, period: ReportingPeriod) -> Report | None:
    return session.scalar(
        select(Report).where(Report.unit_id == unit.id, Report.period == period.code))


def list_reports(session: Session, actor: Actor, unit: Unit) -> list[Report]:
    """The unit's reports, newest period first; the levels above see the signed ones."""
    if not can_view_unit(actor, unit):
        raise NotFound(_l("Không tìm thấy đơn vị."))
    reports = session.scalars(select(Report).where(Report.unit_id == unit.id))
    visible = [r for r in reports if can_view_report(actor, r)]
    return sorted(visible, key=lambda r: chronological(r.reporting_period), reverse=True)


def _masthead(report: Report, *, final: bool) -> Masthead:
    unit = report.unit
    return Masthead(
        unit=unit,
        period=report.reporting_period,
        number=report.number,
        report_date=report.report_date,
        signer=report.signer or _chairman(unit),
        recipients=report.recipients,
        final=final,
        due_day=unit.report_due_day,
    )


def _chairman(unit: Unit) -> Official | None:
    session = object_session(unit)
    if session is None:
        return None
    return session.scalar(select(Official).where(
        Official.unit_id == unit.id, Official.role == Role.CHAIRMAN, Official.active.is_(True)
    ).order_by(Official.id))


def _recipients_setting(unit: Unit) -> str:
    own = unit.settings.report_recipients if unit.settings else ""
    return own or default_recipients(unit)


def _previous_report(session: Session, unit: Unit, period: ReportingPeriod) -> dict[str, str]:
    """The texts of the unit's latest signed report before `period`."""
    earlier = [r for r in session.scalars(select(Report).where(
        Report.unit_id == unit.id, Report.state == ReportState.FINAL))
               if r.reporting_period.cutoff < period.cutoff]
    if not earlier:
        return {}
    latest = max(earlier, key=lambda r: r.reporting_period.cutoff)
    return {s.key: s.text for s in latest.sections}


def _section(report: Report, key: str) -> ReportSection:
    section = report.section(key)
    if section is None:
        raise ValidationFailed.on("key", _l("Không có mục này trong báo cáo."))
    return section


def _require_compiler(actor: Actor, unit: Unit) -> None:
    if not can_compile(actor, unit):
        raise PermissionDenied(_l("Chỉ Văn phòng và lãnh đạo UBND được soạn báo cáo."))


def _require_draft_compiler(actor: Actor, report: Report, version: int) -> None:
    _require_compiler(actor, report.unit)
    _require_draft(report, version)


def _require_draft(report: Report, version: int) -> None:
    if report.is_final:
        raise Conflict(_FROZEN)
    check_version(report, version, _CONFLICT)


def _touch(session: Session, report: Report) -> None:
    """Every change to a draft moves its version, so a stale form is answered 409."""
    report.updated_at = now_utc()
    flag_modified(report, "updated_at")  # an UPDATE (and a new version) even within a second
    _flush(session)


def _flush(session: Session) -> None:
    flush_versioned(session, _CONFLICT)

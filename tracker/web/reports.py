"""The unit's CCHC reports: start a draft, edit its points and hand figures, check it,
sign it, and download it as DOCX, Markdown or JSON."""

import io
import json
from collections.abc import Callable
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, send_file, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms import (
    SelectField,
    TextAreaField,
)
from wtforms.validators import InputRequired

from tracker.core.clock import today_in
from tracker.core.errors import Conflict, ValidationFailed
from tracker.extensions import db
from tracker.reports.figures import DOSSIER_FIELDS
from tracker.reports.legal_figures import LEGAL_FIELDS
from tracker.reports.markdown import render_markdown
from tracker.reports.models import Report
from tracker.reports.outline import POINTS_BY_KEY, PointKind
from tracker.reports.pdf import report_pdf
from tracker.reports.periods import period_choices
from tracker.reports.policy import can_compile, can_sign
from tracker.reports.services import (
    create_report,
    edit_section,
    get_report,
    keep_section,
    list_reports,
    parse_period,
    preview_content,
    regenerate_report,
    report_content,
    report_docx,
    report_findings,
    reset_section,
    set_dossier_figures,
    set_legal_figures,
    update_details,
)
from tracker.reports.signing import awaits_number, can_withdraw, first_signing_day
from tracker.web.forms import Form, VersionedForm, at_most, show_errors
from tracker.web.report_forms import (
    DetailsForm,
    FiguresForm,
    LegalFiguresForm,
    NumberForm,
    WithdrawForm,
    dossier_form,
    legal_figures_form,
)

bp = Blueprint("reports", __name__, url_prefix="/reports")

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class NewReportForm(Form):
    period = SelectField(_l("Kỳ báo cáo"), validators=[InputRequired()])


class SectionForm(VersionedForm):
    text = TextAreaField(_l("Nội dung"), validators=[at_most(20_000)])


@bp.get("")
@login_required
def index():
    return _render_index(NewReportForm(formdata=None))


@bp.post("")
@login_required
def new():
    form = _new_form(formdata=True)
    if not form.validate_on_submit():
        return _render_index(form, 422)
    try:
        report = create_report(db.session, current_user, current_user.unit, form.period.data)
    except ValidationFailed as error:
        db.session.rollback()
        show_errors(form, error)
        return _render_index(form, error.status_code)
    db.session.commit()
    flash(_l("Đã tạo dự thảo báo cáo %(label)s từ dữ liệu.",
             label=report.reporting_period.label), "success")
    return redirect(url_for(".detail", report_id=report.id))


@bp.get("/build")
@login_required
def build():
    """A period's report straight from the data, stored nowhere: to look before drafting."""
    period = parse_period(request.args.get("period", ""))
    content = preview_content(db.session, current_user, current_user.unit, period)
    return render_template("reports/preview.html", report=None, content=content)


@bp.get("/<int:report_id>")
@login_required
def detail(report_id: int):
    return render_detail(get_report(db.session, current_user, report_id))


@bp.get("/<int:report_id>/preview")
@login_required
def preview(report_id: int):
    report = get_report(db.session, current_user, report_id)
    return render_template("reports/preview.html", report=report,
                           content=report_content(report))


@bp.post("/<int:report_id>/sections/<key>")
@login_required
def save_section(report_id: int, key: str):
    report = get_report(db.session, current_user, report_id)
    form = SectionForm()
    if not form.validate_on_submit():
        return render_detail(report, 422, editing={key: form})
    return apply_change(report, lambda: edit_section(db.session, current_user, report, key,
                                               form.text.data or "", form.seen_version),
                  _l("Đã lưu mục “%(heading)s”.", heading=_heading(key)),
                  form=form, again={"editing": {key: form}}, anchor=f"point-{key}")


@bp.post("/<int:report_id>/sections/<key>/keep")
@login_required
def keep(report_id: int, key: str):
    return _section_button(report_id, key, keep_section, _l("Đã giữ nguyên mục “%(heading)s”."))


@bp.post("/<int:report_id>/sections/<key>/reset")
@login_required
def reset(report_id: int, key: str):
    return _section_button(report_id, key, reset_section,
                           _l("Đã lấy lại mục “%(heading)s” từ dữ liệu."))


def _section_button(report_id: int, key: str, change: Callable[..., Any], done: Any):
    """A button on one point of the draft (keep it, take it back from the data)."""
    report = get_report(db.session, current_user, report_id)
    version = VersionedForm().seen_version
    return apply_change(report, lambda: change(db.session, current_user, report, key, version),
                        done % {"heading": _heading(key)}, anchor=f"point-{key}")


@bp.post("/<int:report_id>/regenerate")
@login_required
def regenerate(report_id: int):
    report = get_report(db.session, current_user, report_id)
    form = VersionedForm()
    kept: list[str] = []

    def run() -> None:
        kept.extend(regenerate_report(db.session, current_user, report, form.seen_version))

    response = apply_change(report, run, _l("Đã cập nhật các mục số liệu từ dữ liệu."))
    if kept:
        flash(_l("%(n)d mục đã được sửa tay nên giữ nguyên; số liệu mới hiển thị bên cạnh.",
                 n=len(kept)), "warning")
    return response


@bp.post("/<int:report_id>/details")
@login_required
def details(report_id: int):
    report = get_report(db.session, current_user, report_id)
    form = DetailsForm()
    if not form.validate_on_submit():
        return render_detail(report, 422, details_form=form)
    return apply_change(report, lambda: update_details(
        db.session, current_user, report, number=form.number.data,
        report_date=form.report_date.data, recipients=form.recipients.data or "",
        version=form.seen_version), _l("Đã lưu số, ngày và nơi nhận."),
        form=form, again={"details_form": form}, anchor="details")


@bp.post("/<int:report_id>/figures")
@login_required
def figures(report_id: int):
    report = get_report(db.session, current_user, report_id)
    form = FiguresForm()
    if not form.validate_on_submit():
        return render_detail(report, 422, figures_form=form)
    raw: dict[str, Any] = {key: getattr(form, key).data for key in DOSSIER_FIELDS}
    raw["as_of"] = form.as_of.data
    raw["departments"] = [line.data for line in form.departments]
    return apply_change(report, lambda: set_dossier_figures(db.session, current_user, report, raw,
                                                      form.seen_version),
                  _l("Đã lưu số liệu hồ sơ thủ tục hành chính."),
                  form=form, again={"figures_form": form}, anchor="figures")


@bp.post("/<int:report_id>/legal-figures")
@login_required
def legal_figures(report_id: int):
    report = get_report(db.session, current_user, report_id)
    form = LegalFiguresForm()
    if not form.validate_on_submit():
        return render_detail(report, 422, legal_form=form)
    raw = {key: getattr(form, key).data for key in LEGAL_FIELDS}
    return apply_change(report, lambda: set_legal_figures(
        db.session, current_user, report, raw, form.seen_version),
        _l("Đã lưu số liệu kiểm tra, rà soát văn bản quy phạm pháp luật."),
        form=form, again={"legal_form": form}, anchor="legal-figures")


@bp.get("/<int:report_id>/report.<fmt>")
@login_required
def download(report_id: int, fmt: str):
    report = get_report(db.session, current_user, report_id)
    makers: dict[str, tuple[Callable[[], bytes], str]] = {
        "docx": (lambda: report_docx(report), DOCX_MIME),
        "md": (lambda: render_markdown(report_content(report)).encode(), "text/markdown"),
        "json": (lambda: _json(report), "application/json"),
        "pdf": (lambda: report_pdf(db.session, report), "application/pdf"),
    }
    if fmt not in makers:
        return render_template("errors/error.html", status=404,
                               message=_l("Không có định dạng này.")), 404
    make, mime = makers[fmt]
    data = make()
    db.session.commit()  # a signed report's PDF is kept at its first download
    # The unit's code in the name: the level above downloads every commune's report.
    draft = "" if report.is_final else "-du-thao"
    name = f"bao-cao-cchc-{report.unit.code}-{report.period}{draft}.{fmt}"
    response = send_file(io.BytesIO(data), mimetype=mime, as_attachment=True,
                         download_name=name, max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _json(report: Report) -> bytes:
    content = report_content(report).to_dict()
    return json.dumps(content, ensure_ascii=False, indent=2).encode()


def apply_change(report: Report, change: Callable[[], Any], done: Any, *, anchor: str = "",
           form: Form | None = None, again: dict[str, Any] | None = None):
    """Run a change on the draft: commit and go back to the report. Refused, the page is
    shown `again` with `form`'s messages and what was typed (422 for bad input, 409 for a
    stale form); a plain button's refusal is flashed."""
    try:
        change()
    except (ValidationFailed, Conflict) as error:
        db.session.rollback()
        db.session.refresh(report)
        if form is None:
            flash(_messages(error), "danger")
            return redirect(url_for("reports.detail", report_id=report.id, _anchor=anchor))
        if isinstance(error, ValidationFailed):
            show_errors(form, error)
        else:
            form.form_errors.append(error.message)
        return render_detail(report, error.status_code, **(again or {}))
    db.session.commit()
    flash(done, "success")
    return redirect(url_for("reports.detail", report_id=report.id, _anchor=anchor))


def _messages(error: ValidationFailed | Conflict) -> str:
    parts = [str(error.message)]
    for messages in getattr(error, "errors", {}).values():
        parts += [str(m) for m in messages]
    return " ".join(parts)


def _heading(key: str) -> str:
    point = POINTS_BY_KEY.get(key)
    return point.heading if point else key


def _render_index(form: NewReportForm, status: int = 200):
    unit = current_user.unit
    reports = list_reports(db.session, current_user, unit)
    _fill_periods(form)
    return render_template("reports/index.html", reports=reports, form=form,
                           may_compile=can_compile(current_user, unit)), status


def _new_form(*, formdata: bool) -> NewReportForm:
    form = NewReportForm() if formdata else NewReportForm(formdata=None)
    _fill_periods(form)
    return form


def _fill_periods(form: NewReportForm) -> None:
    choices = period_choices(db.session, current_user, current_user.unit)
    form.period.choices = [(p.code, p.label) for p in choices.offered]
    if not form.period.data and choices.preselected:
        form.period.data = choices.preselected.code


def render_detail(report: Report, status: int = 200, *, editing: dict[str, SectionForm] | None
                   = None, details_form: DetailsForm | None = None,
                   figures_form: FiguresForm | None = None,
                   number_form: NumberForm | None = None,
                   withdraw_form: WithdrawForm | None = None,
                   legal_form: LegalFiguresForm | None = None):
    unit = report.unit
    sections = {s.key: s for s in report.sections}
    editing = editing or {}
    point_forms = {key: editing.get(key) or SectionForm(formdata=None, text=s.text,
                                                         version=report.version)
                   for key, s in sections.items()}
    for key, form in point_forms.items():  # one page, many editors: ids of their own
        form.text.id = form.text.label.field_id = f"text-{key}"
    content = report_content(report)
    return render_template(
        "reports/detail.html", report=report, content=content,
        sections=sections, point_forms=point_forms, open_keys=set(editing), points=POINTS_BY_KEY,
        prose=PointKind.PROSE,
        findings=[] if report.is_final else report_findings(report, content),
        details_form=details_form or DetailsForm(
            formdata=None, number=report.number, report_date=report.report_date,
            recipients=report.recipients, version=report.version),
        figures_form=figures_form or dossier_form(report),
        legal_form=legal_form or legal_figures_form(report),
        number_form=number_form or NumberForm(formdata=None, version=report.version,
                                              issue_date=today_in(unit.timezone)),
        may_number=can_compile(current_user, unit) and awaits_number(report),
        may_withdraw=can_withdraw(current_user, report),
        withdraw_form=withdraw_form or WithdrawForm(formdata=None, version=report.version),
        signing_opens=first_signing_day(report), today=today_in(unit.timezone),
        version_form=VersionedForm(formdata=None, version=report.version),
        may_compile=can_compile(current_user, unit) and not report.is_final,
        may_sign=can_sign(current_user, unit) and not report.is_final,
        dossier_fields=DOSSIER_FIELDS, legal_fields=LEGAL_FIELDS,
    ), status

"""Signing a report (after a confirmation that names what is accepted), numbering it,
and taking a signature back."""

from flask import Blueprint, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from tracker.core.clock import today_in
from tracker.core.errors import PermissionDenied
from tracker.extensions import db
from tracker.reports.policy import can_sign
from tracker.reports.services import finalise_report, get_report, report_content, report_findings
from tracker.reports.signing import first_signing_day, give_number, withdraw_signature
from tracker.web.report_forms import FinaliseForm, NumberForm, WithdrawForm
from tracker.web.reports import apply_change, render_detail

bp = Blueprint("report_signing", __name__, url_prefix="/reports")

_SIGNERS_ONLY = _l("Chỉ Chủ tịch (hoặc Phó Chủ tịch, nếu đơn vị cho phép) được ký ban hành "
                   "báo cáo.")


@bp.get("/<int:report_id>/sign")
@login_required
def confirm(report_id: int):
    """The last look before signing: who signs, what is frozen, the findings accepted."""
    report = get_report(db.session, current_user, report_id)
    if not can_sign(current_user, report.unit):
        raise PermissionDenied(_SIGNERS_ONLY)
    if report.is_final:
        return redirect(url_for("reports.detail", report_id=report.id))
    content = report_content(report)
    return render_template(
        "reports/sign.html", report=report, content=content,
        findings=report_findings(report, content), signing_opens=first_signing_day(report),
        today=today_in(report.unit.timezone),
        form=FinaliseForm(formdata=None, version=report.version))


@bp.post("/<int:report_id>/finalise")
@login_required
def finalise(report_id: int):
    report = get_report(db.session, current_user, report_id)
    form = FinaliseForm()
    return apply_change(report, lambda: finalise_report(
        db.session, current_user, report, accept_findings=form.accept.data,
        version=form.seen_version), _l("Đã ký ban hành báo cáo. Nội dung được giữ nguyên "
                                       "từ nay."), anchor="finalise")


@bp.post("/<int:report_id>/number")
@login_required
def number(report_id: int):
    report = get_report(db.session, current_user, report_id)
    form = NumberForm()
    if not form.validate_on_submit():
        return render_detail(report, 422, number_form=form)
    return apply_change(report, lambda: give_number(
        db.session, current_user, report, number=form.number.data,
        issue_date=form.issue_date.data, version=form.seen_version),
        _l("Đã vào số báo cáo; tệp DOCX đã ghi số và ngày."),
        form=form, again={"number_form": form}, anchor="numbering")


@bp.post("/<int:report_id>/withdraw")
@login_required
def withdraw(report_id: int):
    report = get_report(db.session, current_user, report_id)
    form = WithdrawForm()
    if not form.validate_on_submit():
        return render_detail(report, 422, withdraw_form=form)
    return apply_change(report, lambda: withdraw_signature(
        db.session, current_user, report, reason=form.reason.data, version=form.seen_version),
        _l("Đã rút lại báo cáo về dự thảo; lý do được ghi vào nhật ký."),
        form=form, again={"withdraw_form": form}, anchor="withdraw")

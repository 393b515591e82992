"""Officials imported from Excel: the template, the upload (all rows or none, each problem
by row and column), and the file of temporary passwords the importing admin takes once."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf.file import FileField, FileRequired

from tracker.core.errors import ValidationFailed
from tracker.core.spreadsheets import XLSX_MIME, SheetRejected
from tracker.core.validation import MAX_ID
from tracker.extensions import db
from tracker.org.imports import import_officials, official_template
from tracker.org.password_sheets import (
    claim_password_sheet,
    keep_password_sheet,
    password_workbook,
)
from tracker.org.policy import can_manage_officials
from tracker.web.forms import Form, show_errors

bp = Blueprint("official_import", __name__, url_prefix="/officials/import")

# The problems shown on the page at most; a sheet that bad is better fixed from the top.
SHOWN_PROBLEMS = 500


class OfficialImportForm(Form):
    file = FileField(_l("Tệp Excel (.xlsx)"), validators=[FileRequired(_l("Hãy chọn một tệp."))])


@bp.get("/template.xlsx")
@login_required
def template():
    return _xlsx(official_template(current_user, current_user.unit), "mau-nhap-can-bo.xlsx")


@bp.route("", methods=["GET", "POST"])
@login_required
def index():
    unit = current_user.unit
    if not can_manage_officials(current_user, unit):
        abort(403)
    form = OfficialImportForm()
    if request.method == "GET":
        return _render(form)
    if not form.validate_on_submit():
        return _render(form, status=422)
    try:
        imported = import_officials(db.session, current_user, unit, form.file.data.stream)
    except SheetRejected as error:
        db.session.rollback()
        return _render(form, rejected=error, status=error.status_code)
    except ValidationFailed as error:
        db.session.rollback()
        show_errors(form, error)
        return _render(form, status=error.status_code)
    sheet = keep_password_sheet(db.session, current_user, unit,
                                [item.issued for item in imported])
    db.session.commit()
    flash(_l("Đã tạo %(count)d tài khoản.", count=len(imported)), "success")
    return redirect(url_for(".done", sheet_id=sheet.id))


@bp.get(f"/<int(max={MAX_ID}):sheet_id>")
@login_required
def done(sheet_id: int):
    return render_template("officials/import_done.html", sheet_id=sheet_id)


@bp.get(f"/<int(max={MAX_ID}):sheet_id>/passwords.xlsx")
@login_required
def passwords(sheet_id: int):
    """The passwords, once: taken from the server as they are sent."""
    issued = claim_password_sheet(db.session, current_user, sheet_id)
    db.session.commit()
    return _xlsx(password_workbook(issued), "mat-khau-tam.xlsx")


def _render(form: OfficialImportForm, *, rejected: SheetRejected | None = None,
            status: int = 200) -> tuple[str, int]:
    return render_template("officials/import.html", form=form, rejected=rejected,
                           shown=SHOWN_PROBLEMS), status


def _xlsx(data: bytes, filename: str) -> Response:
    response = Response(data, mimetype=XLSX_MIME)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response

"""Officials imported from Excel: the template, the upload (all rows or none, each problem
by row and column), and the file of temporary passwords the importing admin takes once."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from tracker.core.validation import MAX_ID
from tracker.extensions import db
from tracker.org.imports import import_officials, official_template
from tracker.org.password_sheets import (
    claim_password_sheet,
    keep_password_sheet,
    password_workbook,
)
from tracker.org.policy import can_manage_officials
from tracker.web.uploads import SheetForm, read_upload, sheet_page, xlsx_download

bp = Blueprint("official_import", __name__, url_prefix="/officials/import")
PAGE = "officials/import.html"


@bp.get("/template.xlsx")
@login_required
def template():
    return xlsx_download(official_template(current_user, current_user.unit), "mau-nhap-can-bo")


@bp.route("", methods=["GET", "POST"])
@login_required
def index():
    unit = current_user.unit
    if not can_manage_officials(current_user, unit):
        abort(403)
    form = SheetForm()
    if request.method == "GET":
        return sheet_page(PAGE, form)
    imported = read_upload(form, PAGE, lambda stream: import_officials(
        db.session, current_user, unit, stream))
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
    return xlsx_download(password_workbook(issued), "mat-khau-tam")


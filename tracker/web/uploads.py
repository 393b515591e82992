"""Excel in and out of the web pages: an upload read all-or-nothing (the page again, with
each problem by row and column, when the sheet is refused) and an .xlsx download."""

import re
from collections.abc import Callable
from typing import IO, Any, TypeVar
from urllib.parse import quote

from flask import Response, abort, make_response, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired

from tracker.core.errors import ValidationFailed
from tracker.core.spreadsheets import XLSX_MIME, SheetRejected
from tracker.core.text import fold
from tracker.extensions import db
from tracker.web.forms import Form, show_errors

# The problems shown on the page at most; a sheet that bad is better fixed from the top.
SHOWN_PROBLEMS = 500

Imported = TypeVar("Imported")


class SheetForm(Form):
    file = FileField(_l("Tệp Excel (.xlsx)"), validators=[FileRequired(_l("Hãy chọn một tệp."))])


def sheet_page(template: str, form: SheetForm, *, rejected: SheetRejected | None = None,
               status: int = 200) -> tuple[str, int]:
    return render_template(template, form=form, rejected=rejected,
                           shown=SHOWN_PROBLEMS), status


def read_upload(form: SheetForm, template: str,
                read: Callable[[IO[bytes]], Imported]) -> Imported:
    """What `read` made of the uploaded sheet; on any problem nothing is kept and the
    request ends with the page again, saying what to fix."""
    if not form.validate_on_submit():
        abort(make_response(sheet_page(template, form, status=422)))
    try:
        return read(form.file.data.stream)
    except SheetRejected as error:
        db.session.rollback()
        abort(make_response(sheet_page(template, form, rejected=error,
                                       status=error.status_code)))
    except ValidationFailed as error:
        db.session.rollback()
        show_errors(form, error)
        abort(make_response(sheet_page(template, form, status=error.status_code)))


def xlsx_download(data: bytes, name: Any) -> Response:
    """An .xlsx attachment, never opened in our origin nor kept in a cache; the name in
    RFC 6266's UTF-8 form with an ASCII fallback for clients that do not read it."""
    name = f"{name}.xlsx"
    fallback = re.sub(r"[^a-z0-9.]+", "-", fold(name)).strip("-")
    response = Response(data, mimetype=XLSX_MIME)
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response

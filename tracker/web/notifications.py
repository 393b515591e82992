"""The signed-in official's notifications: read them, mark them read."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import ngettext
from flask_login import current_user, login_required

from tracker.core.paging import PER_PAGE
from tracker.extensions import db
from tracker.notifications.render import describe
from tracker.notifications.services import list_notifications, mark_all_read, mark_read
from tracker.web.forms import page_number

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.get("")
@login_required
def index():
    page = page_number(request.args)
    # One row more than a page tells whether a next page exists without counting them all.
    rows = list_notifications(db.session, current_user, limit=PER_PAGE + 1,
                              offset=(page - 1) * PER_PAGE)
    return render_template(
        "notifications/index.html",
        items=[(n, describe(n)) for n in rows[:PER_PAGE]],
        page=page,
        has_next=len(rows) > PER_PAGE,
    )


@bp.post("/<int:notification_id>/read")
@login_required
def read(notification_id: int):
    mark_read(db.session, current_user, notification_id)
    db.session.commit()
    return redirect(url_for(".index", page=page_number(request.form)))


@bp.post("/read-all")
@login_required
def read_all():
    count = mark_all_read(db.session, current_user)
    db.session.commit()
    flash(ngettext("Đã đánh dấu %(num)d thông báo là đã đọc.",
                   "Đã đánh dấu %(num)d thông báo là đã đọc.", count), "success")
    return redirect(url_for(".index"))


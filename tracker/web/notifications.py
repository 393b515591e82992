"""The signed-in official's notifications: read them, mark them read."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import ngettext
from flask_login import current_user, login_required

from tracker.extensions import db
from tracker.notifications.render import describe
from tracker.notifications.services import list_notifications, mark_all_read, mark_read
from tracker.web.errors import render_error
from tracker.web.forms import Form, page_field, page_number
from tracker.web.urls import this_page_with

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


class NotificationsPageForm(Form):
    """Which page of the list; a GET form, so no CSRF token."""

    class Meta:
        csrf = False

    page = page_field()


@bp.get("")
@login_required
def index():
    """:raise 422: `?page=` is not a whole number from 1 up (a page past the last is empty)."""
    form = NotificationsPageForm(request.args)
    if not form.validate():
        return render_error(422, form.page.errors[0])
    result = list_notifications(db.session, current_user, form.page.data or 1)
    return render_template(
        "notifications/index.html",
        result=result,
        items=[(n, describe(n)) for n in result.items],
        list_url=this_page_with,
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

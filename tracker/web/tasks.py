"""A task's page: what it is, who does it, by when, how far it has come. The links in
reminders and e-mails lead here."""

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from tracker.core.clock import today_in
from tracker.extensions import db
from tracker.tasks.services import get_task
from tracker.tasks.status import classify

bp = Blueprint("tasks", __name__, url_prefix="/tasks")


@bp.get("/<int:task_id>")
@login_required
def detail(task_id: int):
    task = get_task(db.session, current_user, task_id)
    return render_template(
        "tasks/detail.html", task=task, task_class=classify(task, today_in(task.unit.timezone))
    )

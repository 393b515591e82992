"""The home page: the unit's dashboard as of today, the official's own tasks and the
latest documents. Every number links to the task list it counts."""

from functools import partial

from flask import Blueprint, render_template, url_for
from flask_login import current_user, login_required

from tracker.core.clock import today_in
from tracker.documents.queries import recent_documents
from tracker.extensions import db
from tracker.tasks.dashboard import build_dashboard
from tracker.tasks.queries import open_tasks
from tracker.tasks.status import TaskClass, classify

bp = Blueprint("home", __name__)

# Bootstrap's colours of the class badges, for the chart.
CLASS_COLOURS = {
    TaskClass.DONE_ON_TIME: "#198754", TaskClass.DONE_LATE: "#ffc107",
    TaskClass.IN_PROGRESS: "#0d6efd", TaskClass.OVERDUE: "#dc3545",
    TaskClass.ONGOING: "#0dcaf0", TaskClass.CANCELLED: "#6c757d",
}


@bp.get("/")
@login_required
def index():
    unit = current_user.unit
    today = today_in(unit.timezone)
    soon_days = unit.settings.due_soon_days
    return render_template(
        "home/index.html",
        unit=unit,
        today=today,
        soon_days=soon_days,
        dashboard=build_dashboard(db.session, unit, today, soon_days=soon_days),
        my_tasks=open_tasks(db.session, unit, lead=current_user, limit=10),
        unit_tasks=open_tasks(db.session, unit, limit=20),
        documents=recent_documents(db.session, unit),
        classify=classify,
        TaskClass=TaskClass,
        colours=CLASS_COLOURS,
        tasks_url=partial(url_for, "lists.index"),
    )

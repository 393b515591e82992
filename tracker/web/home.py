"""The home page: the unit's tasks as of today and its latest documents."""

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from tracker.core.clock import today_in
from tracker.documents.queries import recent_documents
from tracker.extensions import db
from tracker.tasks.queries import count_by_class, open_tasks
from tracker.tasks.status import TaskClass, classify

bp = Blueprint("home", __name__)


@bp.get("/")
@login_required
def index():
    unit = current_user.unit
    today = today_in(unit.timezone)
    return render_template(
        "home/index.html",
        unit=unit,
        today=today,
        counts=count_by_class(db.session, unit, today),
        my_tasks=open_tasks(db.session, unit, lead=current_user, limit=10),
        unit_tasks=open_tasks(db.session, unit, limit=20),
        documents=recent_documents(db.session, unit),
        classify=classify,
        TaskClass=TaskClass,
    )

"""The level above over its units (a province over its communes), read-only: the table
of units with a chart, each unit's own dashboard, the tasks across them and the
reports that came up."""

from collections.abc import Callable
from datetime import date
from urllib.parse import urlencode

from flask import Blueprint, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import BooleanField, IntegerField, SelectChoice, SelectField
from wtforms.validators import Optional
from wtforms.widgets import HiddenInput

from tracker.core.clock import today_in
from tracker.core.errors import ValidationFailed
from tracker.core.paging import Page
from tracker.core.periods import period_due_now, recent_commune_periods
from tracker.core.reform_areas import ReformArea
from tracker.core.validation import MAX_ID
from tracker.extensions import db
from tracker.org.below import has_units_below, unit_below, units_below
from tracker.reports.oversight import (
    OversightSort,
    build_oversight,
    reports_below,
    tasks_below,
)
from tracker.tasks.dashboard import NEXT_DAYS, build_dashboard
from tracker.tasks.filters import NO_OFFICIAL
from tracker.tasks.models import Task
from tracker.tasks.status import TaskClass, classify
from tracker.web.access import restrict_pages
from tracker.web.errors import render_error
from tracker.web.forms import Form, show_errors
from tracker.web.home import CLASS_COLOURS
from tracker.web.lists import TaskQueryForm, optional_id
from tracker.web.task_forms import area_choices
from tracker.web.urls import this_page_with

bp = Blueprint("oversight", __name__, url_prefix="/oversight")
restrict_pages(bp, lambda official, unit: has_units_below(db.session, unit))


class OversightForm(Form):
    class Meta:
        csrf = False

    area = SelectField(_l("Lĩnh vực CCHC"), default="")
    sort = SelectField(default=OversightSort.NAME.value)
    desc = BooleanField()

    def fill_choices(self) -> None:
        self.area.choices = [SelectChoice("", _l("Tất cả")), *area_choices()]
        self.sort.choices = [SelectChoice(s.value, s.value) for s in OversightSort]


class BelowTaskForm(TaskQueryForm):
    """The tasks of the units below: of all of them, or of one."""

    unit = SelectField(_l("Đơn vị"), default="", coerce=optional_id, validate_choice=False)
    # From a unit's own dashboard: its breakdowns by department and by lead.
    department = IntegerField(widget=HiddenInput(), validators=[Optional()],
                              invalid_value_message=_l("Không tìm thấy bộ phận."))
    lead = IntegerField(widget=HiddenInput(), validators=[Optional()],
                        invalid_value_message=NO_OFFICIAL)


@bp.get("")
def index():
    unit = current_user.unit
    today = today_in(unit.timezone)
    form = OversightForm(request.args)
    form.fill_choices()
    if not form.validate():
        return render_error(422, _l("Bộ lọc chưa hợp lệ."))
    oversight = build_oversight(
        db.session, current_user, unit, today, area=ReformArea(form.area.data) if form.area.data
        else None, sort=OversightSort(form.sort.data), descending=form.desc.data)
    return render_template(
        "oversight/index.html", form=form, oversight=oversight, next_days=NEXT_DAYS,
        sort_url=_sort_url, tasks_url=_tasks_link(form.area.data or None))


@bp.get(f"/units/<int(max={MAX_ID}):unit_id>")
def unit_dashboard(unit_id: int):
    """A unit's own dashboard as its members see it, read-only, every number linking to
    its tasks in the list across units."""
    below = unit_below(db.session, current_user, current_user.unit, unit_id)
    today = today_in(below.timezone)
    soon_days = below.settings.due_soon_days
    return render_template(
        "oversight/unit.html", unit=below, today=today, soon_days=soon_days,
        dashboard=build_dashboard(db.session, below, today, soon_days=soon_days),
        classify=classify, TaskClass=TaskClass, colours=CLASS_COLOURS,
        tasks_url=lambda **params: url_for(".tasks", unit=below.id, **params))


@bp.get("/tasks")
def tasks():
    unit = current_user.unit
    today = today_in(unit.timezone)
    form = BelowTaskForm(request.args)
    form.fill_common_choices()
    form.unit.choices = [SelectChoice("", _l("Tất cả đơn vị")), *(
        SelectChoice(str(u.id), u.name) for u in units_below(db.session, current_user, unit))]
    if not form.validate():
        return _render_tasks(form, today, status=422)
    filters = form.query_filters(department_id=form.department.data, lead_id=form.lead.data)
    try:
        result = tasks_below(db.session, current_user, unit, filters, today,
                             only_id=form.unit.data, page=form.page.data or 1)
    except ValidationFailed as error:
        show_errors(form, error, aliases={"to": "due_to"})
        return _render_tasks(form, today, status=error.status_code)
    return _render_tasks(form, today, result=result)


def _render_tasks(form: BelowTaskForm, today: date, *, result: Page[Task] | None = None,
                  status: int = 200) -> tuple[str, int]:
    return render_template("oversight/tasks.html", form=form, today=today, classify=classify,
                           result=result, list_url=this_page_with), status


@bp.get("/reports")
def reports():
    unit = current_user.unit
    today = today_in(unit.timezone)
    periods = recent_commune_periods(today)
    code = request.args.get("period") or period_due_now(today).code
    chosen = next((period for period in periods if period.code == code), None)
    if chosen is None:
        return render_error(422, _l("Kỳ báo cáo không hợp lệ: hãy chọn một kỳ trong danh sách."))
    return render_template(
        "oversight/reports.html", periods=periods, period=chosen,
        rows=reports_below(db.session, current_user, unit, chosen, today))


def _tasks_link(area: str | None) -> Callable[..., str]:
    """Links to the tasks across units with `area` kept: the table has six a row, built
    from one path rather than a URL rule each."""
    path = url_for(".tasks")

    def link(**params: object) -> str:
        query = {key: value for key, value in ({"area": area} | params).items()
                 if value is not None}
        return f"{path}?{urlencode(query)}" if query else path

    return link


def _sort_url(column: str) -> str:
    """The table sorted by `column`; the column already sorted by turns the order."""
    current = request.args.get("sort", OversightSort.NAME.value)
    descending = current == column and not request.args.get("desc")
    return this_page_with(sort=column, desc="y" if descending else None)

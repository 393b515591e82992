"""The level above over the units directly below it (a province over its communes),
read-only: each unit's figures as the oversight page counts them, and one unit's tasks."""

from typing import Any

from flask_babel import lazy_gettext as _l

from tracker.api.core import Endpoint, endpoint, load_query, official
from tracker.api.schemas import TaskListQuery, TaskPage
from tracker.api.tasks import task_filters, task_page
from tracker.api.unit_schemas import UnitsOut, UnitsQuery
from tracker.core.clock import today_in
from tracker.core.validation import MAX_ID
from tracker.extensions import db
from tracker.org.below import unit_below
from tracker.reports.oversight import Oversight, UnitRow, build_oversight, tasks_below
from tracker.tasks.tally import Tally


@endpoint("/units", "GET", Endpoint(
    _l("Đơn vị của người gọi và các đơn vị trực thuộc, với số liệu như trang theo dõi"),
    query=UnitsQuery, response=UnitsOut))
def units_list():
    area = load_query().get("area")
    unit = official().unit
    oversight = build_oversight(db.session, official(), unit, today_in(unit.timezone), area=area)
    return UnitsOut().dump(_overview(oversight))


@endpoint(f"/units/<int(max={MAX_ID}):unit_id>/tasks", "GET", Endpoint(
    _l("Nhiệm vụ của một đơn vị trực thuộc, lọc và phân trang như /tasks"),
    query=TaskListQuery, response=TaskPage))
def unit_tasks(unit_id: int):
    args = load_query()
    mine = official().unit
    below = unit_below(db.session, official(), mine, unit_id)
    filters = task_filters(args)
    return task_page(tasks_below(db.session, official(), mine, filters, today_in(mine.timezone),
                                 only_id=below.id, page=args["page"],
                                 per_page=args["per_page"]))


def _overview(oversight: Oversight) -> dict[str, Any]:
    return {
        "unit": oversight.unit, "day": oversight.day, "period": oversight.period.code,
        "area": oversight.area,
        "units": [_below(row, oversight) for row in oversight.rows],
        "totals": _figures(oversight.total, oversight.due_next_days)
        | {"submitted": oversight.submitted},
    }


def _below(row: UnitRow, oversight: Oversight) -> dict[str, Any]:
    last = row.last_signed
    return {
        "unit": row.unit, **_figures(row.tally, row.due_next_days),
        "last_report": None if last is None else {
            "id": last.id, "period": last.period.code, "signed_on": last.signed_on},
        "submission": {"period": oversight.period.code, "due_date": row.due_date,
                       "state": row.submission},
    }


def _figures(tally: Tally, due_next_days: int) -> dict[str, Any]:
    rate = tally.completion_rate
    return {
        "open": tally.not_done, "overdue": tally.overdue, "done_on_time": tally.done_on_time,
        "done_late": tally.done_late, "cancelled": tally.cancelled,
        "completion_rate": None if rate is None else round(rate, 1),
        "due_next_7_days": due_next_days,
    }

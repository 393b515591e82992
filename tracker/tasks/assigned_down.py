"""Tasks the level above assigns down: a province's task given to all its communes or to
some of them. The province keeps its own task (led by whoever follows it there); each
commune receives its copy, led by its chairman until they assign it on, with the
province's deadline, which only the province moves (on an extension request)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tracker.core.actor import Actor
from tracker.core.errors import PermissionDenied, ValidationFailed
from tracker.core.roles import Role
from tracker.org.below import has_units_below, place_order, units_below
from tracker.org.leaders import LEADING_ROLES
from tracker.org.models import Official, Unit
from tracker.tasks.models import Task
from tracker.tasks.policy import can_assign_down
from tracker.tasks.services import create_task
from tracker.tasks.status import TaskClass, classify
from tracker.tasks.tally import Tally


@dataclass(frozen=True)
class CopyRow:
    task: Task  # the unit's copy, with its unit and lead loaded
    task_class: TaskClass


@dataclass(frozen=True)
class RollUp:
    """A task assigned down, over the units that received it."""

    rows: list[CopyRow]
    tally: Tally


def assign_down(
    session: Session, actor: Actor, unit: Unit, *, units: Sequence[int] | None,
    **assignment: Any,
) -> Task:
    """The unit's own task (`assignment` as `create_task` takes it: title, lead — who
    follows it for the unit —, document, due date …) and a copy of it in each of `units`
    (ids of units directly below; None: every one of them), each copy's chairman told.
    All or nothing.

    :raise PermissionDenied: unless the actor leads `unit`.
    :raise ValidationFailed: no unit chosen, one not directly below, one with no active
        chairman or vice-chairman to receive it, a recurrence, or what `create_task`
        refuses.
    """
    require_assigner_down(session, actor, unit)
    if assignment.get("recurrence"):
        raise ValidationFailed.on("recurrence", _l(
            "Nhiệm vụ giao cho đơn vị trực thuộc không lặp lại: giao từng kỳ một."))
    chosen = _chosen_units(session, actor, unit, units)
    receivers = _receivers(session, chosen)
    task = create_task(session, actor, unit, **assignment)
    for below in chosen:
        create_task(session, actor, below, title=task.title, lead=receivers[below.id],
                    reform_area=task.reform_area, description=task.description,
                    due_date=task.due_date, due_wording=task.due_wording, from_above=task)
    return task


def require_assigner_down(session: Session, actor: Actor, unit: Unit) -> None:
    """:raise PermissionDenied: unless the actor leads `unit` and it has units below."""
    if not can_assign_down(actor, unit, has_units_below(session, unit)):
        raise PermissionDenied(_l("Chỉ Chủ tịch, Phó Chủ tịch của đơn vị có đơn vị trực thuộc "
                                  "được giao nhiệm vụ xuống."))


def roll_up(session: Session, task: Task, day: date) -> RollUp | None:
    """The copies of a task assigned down, each with its class on `day`; None for a task
    that was not assigned down."""
    copies = list(session.scalars(
        select(Task).where(Task.parent_task_id == task.id)
        .options(selectinload(Task.unit), selectinload(Task.lead))))
    if not copies:
        return None
    rows = [CopyRow(copy, classify(copy, day)) for copy in copies]
    rows.sort(key=lambda row: place_order(row.task.unit))
    return RollUp(rows, Tally.of(row.task_class for row in rows))


def _chosen_units(session: Session, actor: Actor, unit: Unit,
                  ids: Sequence[int] | None) -> list[Unit]:
    below = units_below(session, actor, unit)
    if ids is None:
        chosen = below
    else:
        wanted = set(ids)
        chosen = [u for u in below if u.id in wanted]
        if len(chosen) != len(wanted):
            raise ValidationFailed.on("units", _l("Có đơn vị được chọn không trực thuộc đơn vị."))
    if not chosen:
        raise ValidationFailed.on("units", _l("Chọn ít nhất một đơn vị trực thuộc để giao."))
    return chosen


def _receivers(session: Session, units: list[Unit]) -> dict[int, Official]:
    """Who receives each unit's copy: its chairman, else its first vice-chairman."""
    leaders = session.scalars(
        select(Official)
        .where(Official.unit_id.in_([u.id for u in units]), Official.active.is_(True),
               Official.role.in_(LEADING_ROLES))
        .order_by(Official.role != Role.CHAIRMAN, Official.id))
    receivers: dict[int, Official] = {}
    for leader in leaders:
        receivers.setdefault(leader.unit_id, leader)
    missing = [u.name for u in units if u.id not in receivers]
    if missing:
        raise ValidationFailed.on("units", _l(
            "Chưa có Chủ tịch hoặc Phó Chủ tịch để nhận nhiệm vụ: %(units)s.",
            units=", ".join(missing)))
    return receivers

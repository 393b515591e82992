"""Who may do what to a task.

The chairman and vice-chairmen assign, change, reassign and cancel tasks in
their unit; the lead (chủ trì) records progress and completes; coordinators
(phối hợp) add notes; everyone who can see the unit reads.
"""

from flask_babel import lazy_gettext as _l

from tracker.core.actor import Actor
from tracker.core.roles import Role
from tracker.org.models import Official, Unit
from tracker.org.policy import can_view_unit, leads_unit
from tracker.tasks.models import Task

DEADLINE_FROM_ABOVE = _l("Thời hạn do cấp trên giao: đơn vị không tự đổi được, hãy đề nghị "
                         "gia hạn để cấp trên quyết định.")


def can_assign(actor: Actor, unit: Unit) -> bool:
    return leads_unit(actor, unit)


def can_assign_in(actor: Actor, unit: Unit, from_above: Task | None) -> bool:
    """Assign a task in `unit`: its leaders; a copy of a task from above (assigned down),
    the leaders of the unit directly above, who assigned it."""
    if from_above is None:
        return can_assign(actor, unit)
    return unit.parent_id == from_above.unit_id and can_assign(actor, from_above.unit)


def can_assign_down(actor: Actor, unit: Unit, has_units_below: bool) -> bool:
    """Give a task to the units below: the leaders of a unit that has some."""
    return has_units_below and can_assign(actor, unit)


def can_decide_deadline(actor: Actor, task: Task) -> bool:
    """Move a task's due date (an extension): the unit's leaders; for a copy of a task
    from above, the leaders of the unit that set the deadline."""
    return can_assign(actor, task.parent.unit if task.parent is not None else task.unit)


def can_receive_tasks(official: Official) -> bool:
    """Who may lead, coordinate or follow a task: active officials, not read-only ones."""
    return official.active and official.role is not Role.VIEWER


def can_view_task(actor: Actor, task: Task) -> bool:
    return can_view_unit(actor, task.unit)


def can_work_on(actor: Actor, task: Task) -> bool:
    """Record progress and complete: the lead, or whoever leads the unit."""
    if leads_unit(actor, task.unit):
        return True
    return actor.role is not Role.VIEWER and task.lead_id == actor.id


def can_add_note(actor: Actor, task: Task) -> bool:
    if can_work_on(actor, task):
        return True
    return actor.role is not Role.VIEWER and actor.id in task.coordinator_ids


def can_hand_over_work(actor: Actor, unit: Unit) -> bool:
    """Move a departing official's open tasks to another: the unit's admin, who runs its
    people, or its chairman, who assigned the work; vice-chairmen reassign task by task."""
    if actor.is_system:
        return True
    return actor.unit_id == unit.id and actor.role in (Role.ADMIN, Role.CHAIRMAN)

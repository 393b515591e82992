"""Handing over work: when an official leaves or changes post, every open task they lead,
coordinate or follow moves to another official of the unit in one step. Each task is
reassigned through `reassign_in_handover`, so it is announced and audited exactly as a single
reassignment is; one refused task refuses the whole handover."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from tracker.audit.services import record_event
from tracker.core.actor import Actor
from tracker.core.errors import PermissionDenied, ValidationFailed
from tracker.core.text import name_sort_key
from tracker.org.models import Official
from tracker.tasks.models import Task, TaskState, task_coordinators, task_followers
from tracker.tasks.policy import can_hand_over_work, can_receive_tasks
from tracker.tasks.services import reassign_in_handover


class WorkRole(StrEnum):
    LEAD = "lead"
    COORDINATOR = "coordinator"
    FOLLOWER = "follower"

    @property
    def label(self) -> str:
        return str(_ROLE_LABELS[self])


_ROLE_LABELS = {
    WorkRole.LEAD: _l("Chủ trì"),
    WorkRole.COORDINATOR: _l("Phối hợp"),
    WorkRole.FOLLOWER: _l("Theo dõi"),
}


@dataclass
class Handover:
    """The departing official's open tasks by the part they play in each (a task they
    lead and follow is in both lists): what will move, or what moved."""

    departing: Official
    receiver: Official | None = None
    tasks: dict[WorkRole, list[Task]] = field(
        default_factory=lambda: {role: [] for role in WorkRole})
    applied: bool = False

    @property
    def counts(self) -> dict[WorkRole, int]:
        return {role: len(tasks) for role, tasks in self.tasks.items()}

    @property
    def task_count(self) -> int:
        """Tasks, each counted once whatever its roles."""
        return len({task.id for tasks in self.tasks.values() for task in tasks})


def open_work(session: Session, actor: Actor, departing: Official) -> Handover:
    """What a handover of `departing`'s work would move (the preview; nothing written).

    :raise PermissionDenied: unless the actor is the unit's admin or chairman.
    """
    _require_permission(actor, departing)
    return _gathered(session, departing, None, lock=False)


def hand_over_work(
    session: Session, actor: Actor, departing: Official, receiver: Official, *,
    dry_run: bool = False,
) -> Handover:
    """Move every open task of `departing` to `receiver`: lead becomes lead, coordinator
    coordinator, follower follower. Someone already in a role is not added twice; where
    the receiver leads a task, the departing official simply leaves its coordinators.

    The tasks are read again here (locked where the database can), so a task changed
    since a preview moves as it is now and the counts returned are what moved.
    Flushes only; with `dry_run`, checks and counts without writing.

    :raise PermissionDenied: unless the actor is the unit's admin or chairman.
    :raise ValidationFailed: a receiver inactive, of another unit, read-only or the same
        person; a task the services refuse to reassign (named in the message).
    :raise Conflict: a task written by someone else while the handover ran.
    """
    _require_permission(actor, departing)
    _check_receiver(departing, receiver)
    handover = _gathered(session, departing, receiver, lock=not dry_run)
    if dry_run:
        return handover
    with session.begin_nested():  # all tasks or none
        _reassign_all(session, actor, handover)
        record_event(session, actor, departing, "hand_over_work", {
            "receiver_id": receiver.id,
            **{role.value: count for role, count in handover.counts.items()},
        }, unit_id=departing.unit_id)
    handover.applied = True
    return handover


def possible_receivers(session: Session, departing: Official) -> list[Official]:
    """Who may take `departing`'s work: the unit's other active officials who receive
    tasks, in Vietnamese name order."""
    officials = session.scalars(select(Official).where(
        Official.unit_id == departing.unit_id, Official.id != departing.id, Official.active))
    return sorted((o for o in officials if can_receive_tasks(o)),
                  key=lambda o: name_sort_key(o.full_name))


def _require_permission(actor: Actor, departing: Official) -> None:
    if not can_hand_over_work(actor, departing.unit):
        raise PermissionDenied(_l("Chỉ quản trị hoặc Chủ tịch của đơn vị được bàn giao công việc."))


def _check_receiver(departing: Official, receiver: Official) -> None:
    if receiver.id == departing.id:
        message = _l("Người nhận phải là người khác.")
    elif receiver.unit_id != departing.unit_id:
        message = _l("%(name)s không thuộc đơn vị.", name=receiver.full_name)
    elif not receiver.active:
        message = _l("%(name)s đã nghỉ, không nhận được công việc.", name=receiver.full_name)
    elif not can_receive_tasks(receiver):
        message = _l("%(name)s không thể nhận nhiệm vụ.", name=receiver.full_name)
    else:
        return
    raise ValidationFailed.on("to", message)


def _gathered(session: Session, departing: Official, receiver: Official | None, *,
              lock: bool) -> Handover:
    handover = Handover(departing, receiver)
    for task in _open_tasks_of(session, departing, lock=lock):
        if task.lead_id == departing.id:
            handover.tasks[WorkRole.LEAD].append(task)
        if departing in task.coordinators:
            handover.tasks[WorkRole.COORDINATOR].append(task)
        if departing in task.followers:
            handover.tasks[WorkRole.FOLLOWER].append(task)
    return handover


def _open_tasks_of(session: Session, official: Official, *, lock: bool) -> Sequence[Task]:
    coordinated = select(task_coordinators.c.task_id).where(
        task_coordinators.c.official_id == official.id)
    followed = select(task_followers.c.task_id).where(task_followers.c.official_id == official.id)
    query = (
        select(Task)
        .where(Task.unit_id == official.unit_id, Task.state == TaskState.OPEN,
               or_(Task.lead_id == official.id, Task.id.in_(coordinated), Task.id.in_(followed)))
        .order_by(Task.due_date.is_(None), Task.due_date, Task.id)
        .options(selectinload(Task.lead), selectinload(Task.document),
                 selectinload(Task.coordinators), selectinload(Task.followers))
    )
    if lock:
        # Rows as they are once locked, not as this session may have read them earlier.
        query = query.with_for_update(of=Task).execution_options(populate_existing=True)
    return session.scalars(query).all()


def _reassign_all(session: Session, actor: Actor, handover: Handover) -> None:
    moving = {task.id: task for tasks in handover.tasks.values() for task in tasks}
    problems: list[Any] = []
    for task in moving.values():
        try:
            reassign_in_handover(session, actor, task, version=task.version,
                                 **_reassignment(task, handover.departing, handover.receiver))
        except ValidationFailed as error:
            details = "; ".join(str(m) for ms in error.errors.values() for m in ms)
            problems.append(_l("Nhiệm vụ “%(title)s”: %(problem)s", title=task.title,
                               problem=details or error.message))
    if problems:
        raise ValidationFailed(_l("Chưa bàn giao được: có nhiệm vụ không chuyển được."),
                               errors={"tasks": problems})


def _reassignment(task: Task, departing: Official, receiver: Official) -> dict[str, Any]:
    lead = receiver if task.lead_id == departing.id else task.lead
    coordinators = _swapped(task.coordinators, departing, receiver,
                            receiver_too=lead is not receiver)
    followers = list(task.followers)
    if departing in followers:
        already = receiver is lead or receiver in coordinators
        followers = _swapped(followers, departing, receiver, receiver_too=not already)
    return {"lead": lead, "coordinators": coordinators, "followers": followers}


def _swapped(people: Sequence[Official], departing: Official, receiver: Official, *,
             receiver_too: bool) -> list[Official]:
    """`people` with `receiver` in the departing official's place, once; without the
    receiver at all unless `receiver_too` (a lead is no coordinator of their own task)."""
    if departing not in people and receiver_too:
        return list(people)
    swapped = dict.fromkeys(receiver if person is departing else person for person in people)
    return [person for person in swapped if receiver_too or person is not receiver]

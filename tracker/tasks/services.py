"""Assigning tasks and following them through to done or cancelled."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tracker.audit.services import record_created, record_updated, snapshot
from tracker.core.actor import SYSTEM, Actor
from tracker.core.clock import today_in
from tracker.core.errors import NotFound, PermissionDenied, ValidationFailed
from tracker.core.reform_areas import ReformArea
from tracker.core.text import clean, clean_multiline, fold
from tracker.core.validation import LATEST_DUE_DATE, REQUIRED, TOO_FAR, Problems
from tracker.documents.models import Document
from tracker.notifications.models import NotificationKind
from tracker.org.leaders import unit_leaders
from tracker.org.models import Official, Unit
from tracker.tasks.deadlines import next_due_date
from tracker.tasks.models import ProgressUpdate, Recurrence, Task, TaskState
from tracker.tasks.notices import announce_assignment, deciders_of, iso_day, tell
from tracker.tasks.policy import (
    DEADLINE_FROM_ABOVE,
    can_add_note,
    can_assign,
    can_assign_in,
    can_receive_tasks,
    can_view_task,
    can_work_on,
)
from tracker.tasks.queries import successor_of
from tracker.tasks.versions import check_task_version, flush_task

ASSIGNMENT_FIELDS = (
    "title", "description", "reform_area", "document", "lead", "coordinators", "followers",
    "due_date", "due_wording", "recurrence",
)


def create_task(
    session: Session,
    actor: Actor,
    unit: Unit,
    *,
    title: str,
    lead: Official,
    reform_area: ReformArea | str | None = None,
    description: str = "",
    document: Document | None = None,
    coordinators: Sequence[Official] = (),
    followers: Sequence[Official] = (),
    due_date: date | None = None,
    due_wording: str | None = None,
    recurrence: Recurrence | str | None = None,
    announce: bool = True,
    from_above: Task | None = None,
) -> Task:
    """Assign a task to one lead official, with coordinators and followers; `from_above`
    makes it the unit's copy of a task of the unit directly above (tasks.assigned_down).

    No area gives it its document's. No due date makes it an ongoing ("thường xuyên")
    task; `due_wording` is the deadline as the plan wrote it ("Quý II/2023"; see
    tasks.deadlines). A `recurrence` (monthly, quarterly, yearly) makes it the first of
    a series: the next occurrence is assigned when this one is done or its due date has
    passed. The people are told of it unless `announce` is off (work imported as
    already done or cancelled).

    :raise PermissionDenied: unless the actor leads the unit (or, for a copy, the unit
        above it).
    :raise ValidationFailed: empty title, unknown area, a lead or coordinator
        outside the unit or inactive, a due date before the document's issue date.
    """
    if not can_assign_in(actor, unit, from_above):
        raise PermissionDenied(_l("Chỉ Chủ tịch, Phó Chủ tịch của đơn vị được giao nhiệm vụ."))
    fields = {
        "title": title, "description": description, "reform_area": reform_area,
        "document": document, "lead": lead, "coordinators": coordinators,
        "followers": followers, "due_date": due_date, "due_wording": due_wording,
        "recurrence": recurrence,
    }
    task = Task(unit=unit, assigned_by_id=actor.id, state=TaskState.OPEN, progress_percent=0,
                parent=from_above)
    _assign(task, _validated_assignment(unit, fields))
    session.add(task)
    session.flush()  # the lead's and the document's ids are what the audit log records
    record_created(session, actor, task, unit_id=unit.id)
    if announce:
        announce_assignment(session, task)
    return task


def update_task(
    session: Session, actor: Actor, task: Task, *, version: int, **changes: Any
) -> Task:
    """Change what a task is, who does it and by when (reassigning included).

    :raise PermissionDenied: unless the actor leads the unit.
    :raise Conflict: the task changed since `version` was read.
    :raise ValidationFailed: as `create_task`.
    """
    if not can_assign(actor, task.unit):
        raise PermissionDenied(_l("Chỉ Chủ tịch, Phó Chủ tịch của đơn vị được sửa nhiệm vụ."))
    return _apply_changes(session, actor, task, version, changes)


def reassign_in_handover(
    session: Session, actor: Actor, task: Task, *, version: int,
    lead: Official, coordinators: list[Official], followers: list[Official],
) -> Task:
    """Reassign `task` as one step of a handover that `tasks.handover` has authorised
    (`can_hand_over_work`: the unit's admin may hand work over though they assign no task
    otherwise); validated, audited and announced exactly as `update_task`."""
    changes = {"lead": lead, "coordinators": coordinators, "followers": followers}
    return _apply_changes(session, actor, task, version, changes)


def _apply_changes(
    session: Session, actor: Actor, task: Task, version: int, changes: dict[str, Any]
) -> Task:
    check_task_version(task, version)
    unknown = set(changes) - set(ASSIGNMENT_FIELDS)
    if unknown:
        raise ValidationFailed.on(sorted(unknown)[0], _l("Trường không được sửa."))
    if task.parent_task_id is not None:
        _keep_what_came_from_above(task, changes)
    if "due_date" in changes:
        changes.setdefault("due_wording", None)  # the old wording no longer describes it
    before = snapshot(task)
    fields = {name: getattr(task, name) for name in ASSIGNMENT_FIELDS} | changes
    _assign(task, _validated_assignment(task.unit, fields))
    if task.due_date != _date_or_none(before["due_date"]):
        # Reminders start again for the new due date.
        task.overdue_flagged_on = task.next_scan_on = None
    flush_task(session)
    record_updated(session, actor, task, before, unit_id=task.unit_id)
    announce_assignment(session, task)
    return task


def record_progress(
    session: Session, actor: Actor, task: Task, *, percent: int, note: str, version: int
) -> ProgressUpdate:
    """Record how far an open task has come (below 100 %: completing is `complete_task`).

    :raise PermissionDenied: unless the actor is the lead or leads the unit.
    :raise Conflict: the task changed since `version` was read.
    :raise ValidationFailed: a closed task, a percent outside 0–99.
    """
    _require_worker(actor, task)
    check_task_version(task, version)
    _require_open(task)
    if not isinstance(percent, int) or not 0 <= percent < 100:
        raise ValidationFailed.on(
            "percent", _l("Tiến độ là số từ 0 đến 99; hoàn thành thì dùng nút Hoàn thành.")
        )
    before = snapshot(task)
    task.progress_percent = percent
    update = ProgressUpdate(
        task=task, author_id=actor.id, percent=percent, note=clean_multiline(note)
    )
    session.add(update)
    flush_task(session)
    record_updated(session, actor, task, before, unit_id=task.unit_id, action="progress")
    record_created(session, actor, update, unit_id=task.unit_id)
    return update


def add_note(session: Session, actor: Actor, task: Task, *, note: str) -> ProgressUpdate:
    """A note on the task's history without changing its progress (coordinators too).

    :raise PermissionDenied: unless the actor leads, coordinates or leads the unit.
    :raise ValidationFailed: an empty note.
    """
    if not can_add_note(actor, task):
        raise PermissionDenied(_l("Chỉ người chủ trì, phối hợp được ghi chú nhiệm vụ này."))
    note = clean_multiline(note)
    if not note:
        raise ValidationFailed.on("note", REQUIRED)
    update = ProgressUpdate(task=task, author_id=actor.id, percent=None, note=note)
    session.add(update)
    record_created(session, actor, update, unit_id=task.unit_id)
    return update


def complete_task(
    session: Session, actor: Actor, task: Task, *, result: str, version: int,
    completed_on: date | None = None,
) -> Task:
    """Mark a task done with its result (the text that goes into the report), on
    `completed_on` or, without one, today in the unit's time zone.

    Where the unit confirms completions, a task the lead completes waits for whoever
    assigned it (tasks.confirmation); its completion date is the one the figures count.

    :raise PermissionDenied: unless the actor is the lead or leads the unit.
    :raise Conflict: the task changed since `version` was read.
    :raise ValidationFailed: a closed task, an empty result, a completion date in
        the future or before the document was issued.
    """
    _require_worker(actor, task)
    check_task_version(task, version)
    _require_open(task)
    problems = Problems()
    result = clean_multiline(result)
    problems.require("result", result)
    today = today_in(task.unit.timezone)
    completed_on = completed_on or today
    if completed_on > today:
        problems.add("completed_on", _l("Ngày hoàn thành không được ở tương lai."))
    if task.document and completed_on < task.document.issued_on:
        problems.add("completed_on", _l("Ngày hoàn thành trước ngày ban hành văn bản."))
    problems.raise_if_any()
    before = snapshot(task)
    task.state, task.result, task.completed_on = TaskState.DONE, result, completed_on
    task.progress_percent = 100
    task.awaiting_confirmation = task.unit.settings.confirm_completions and not can_assign(
        actor, task.unit)
    flush_task(session)
    record_updated(session, actor, task, before, unit_id=task.unit_id, action="complete")
    if task.awaiting_confirmation:
        tell(session, deciders_of(session, task), NotificationKind.COMPLETION_TO_CONFIRM, task,
             {"result": result, "completed_on": iso_day(completed_on),
              "lead": task.lead.full_name})
    assign_next_occurrence(session, task)
    return task


def assign_next_occurrence(session: Session, task: Task) -> Task | None:
    """The next task of a recurring series, due one period after `task`; None when the
    task does not recur or its successor exists (a concurrent scan made it, say)."""
    if task.recurrence is None or task.due_date is None or successor_of(session, task):
        return None
    try:
        with session.begin_nested():
            successor = create_task(
                session, SYSTEM, task.unit, title=task.title, description=task.description,
                reform_area=task.reform_area, lead=task.lead, document=task.document,
                coordinators=task.coordinators, followers=task.followers,
                due_date=next_due_date(task.due_date, task.recurrence),
                recurrence=task.recurrence)
            successor.recurs_from_id, successor.assigned_by_id = task.id, task.assigned_by_id
            session.flush()
    except IntegrityError:
        return None
    return successor


def cancel_task(
    session: Session, actor: Actor, task: Task, *, reason: str, version: int
) -> Task:
    """Cancel or suspend a task, and its copies not yet done if it was assigned down;
    nothing is ever deleted.

    :raise PermissionDenied: unless the actor leads the unit.
    :raise Conflict: the task changed since `version` was read.
    :raise ValidationFailed: a closed task, no reason.
    """
    if not can_assign(actor, task.unit):
        raise PermissionDenied(_l("Chỉ Chủ tịch, Phó Chủ tịch của đơn vị được hủy nhiệm vụ."))
    if task.parent_task_id is not None:
        raise PermissionDenied(_l("Nhiệm vụ cấp trên giao chỉ cấp trên hủy được; nếu không thể "
                                  "thực hiện, hãy báo cáo tiến độ hoặc đề nghị gia hạn."))
    check_task_version(task, version)
    _require_open(task)
    reason = clean(reason)
    if not reason:
        raise ValidationFailed.on("reason", _l("Cần nêu lý do hủy."))
    _cancel(session, actor, task, reason)
    for copy in task.copies:  # assigned down: the copies not yet done go with it
        if copy.state is TaskState.OPEN:
            _cancel(session, actor, copy, f"Cấp trên hủy nhiệm vụ: {reason}")
            told = dict.fromkeys([copy.lead, *unit_leaders(session, copy.unit)])
            tell(session, list(told),
                 NotificationKind.CANCELLED_FROM_ABOVE, copy,
                 {"reason": reason, "by": task.unit.name})
    return task


def _cancel(session: Session, actor: Actor, task: Task, reason: str) -> None:
    before = snapshot(task)
    day = today_in(task.unit.timezone)  # before any change: loading the unit may flush
    task.state, task.cancel_reason, task.cancelled_on = TaskState.CANCELLED, reason, day
    flush_task(session)
    record_updated(session, actor, task, before, unit_id=task.unit_id, action="cancel")


def _keep_what_came_from_above(task: Task, changes: dict[str, Any]) -> None:
    """A copy of a task from above keeps the deadline set there, and does not recur."""
    if changes.get("due_date", task.due_date) != task.due_date:
        raise ValidationFailed.on("due_date", DEADLINE_FROM_ABOVE)
    if changes.get("recurrence"):
        raise ValidationFailed.on("recurrence", _l(
            "Nhiệm vụ cấp trên giao không lặp lại: cấp trên giao từng kỳ."))


def get_task(session: Session, actor: Actor, task_id: int) -> Task:
    """:raise NotFound: no such task, or one the actor may not see."""
    task = session.get(Task, task_id)
    if task is None or not can_view_task(actor, task):
        raise NotFound(_l("Không tìm thấy nhiệm vụ."))
    return task


def _date_or_none(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


def default_reform_area(document: Document | None) -> ReformArea | None:
    """The area a task has when none is given: its document's (the form shows it first)."""
    return document.reform_area if document else None


def _validated_assignment(unit: Unit, fields: dict[str, Any]) -> dict[str, Any]:
    problems = Problems()
    title = clean(fields["title"])
    problems.require("title", title)
    given_area = fields["reform_area"] or default_reform_area(fields["document"])
    area = problems.enum(ReformArea, given_area, "reform_area", _l("Lĩnh vực không hợp lệ."))
    problems.require("reform_area", given_area)
    lead = fields["lead"]
    problems.require("lead", lead)
    if lead is not None:
        _check_members(unit, [lead], "lead", problems)
    coordinators = _distinct(fields["coordinators"])
    followers = _distinct(fields["followers"])
    _check_members(unit, coordinators, "coordinators", problems)
    _check_members(unit, followers, "followers", problems)
    if lead is not None and lead in coordinators:
        problems.add("coordinators", _l("Người chủ trì không đồng thời là người phối hợp."))
    _check_document(unit, fields["document"], fields["due_date"], problems)
    if fields["due_date"] is not None and fields["due_date"] > LATEST_DUE_DATE:
        problems.add("due_date", TOO_FAR)
    recurrence = problems.enum(Recurrence, fields["recurrence"] or None, "recurrence",
                               _l("Chu kỳ lặp lại không hợp lệ."))
    if recurrence and not fields["due_date"]:
        problems.add("recurrence", _l("Nhiệm vụ lặp lại cần có thời hạn."))
    problems.raise_if_any()
    return fields | {
        "title": title, "description": clean_multiline(fields["description"]), "reform_area": area,
        "coordinators": coordinators, "followers": followers,
        "due_wording": clean(fields["due_wording"]) or None, "recurrence": recurrence,
    }


def _assign(task: Task, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(task, name, value)
    task.title_key = fold(task.title)


def _check_members(unit: Unit, officials: list[Official], field: str, problems: Problems) -> None:
    for official in officials:
        if official.unit_id != unit.id:
            problems.add(field, _l("%(name)s không thuộc đơn vị.", name=official.full_name))
        elif not can_receive_tasks(official):
            problems.add(field, _l("%(name)s không thể nhận nhiệm vụ.", name=official.full_name))


def _check_document(unit, document, due_date, problems: Problems) -> None:
    if document is None:
        return
    if document.unit_id != unit.id:
        problems.add("document", _l("Văn bản không thuộc sổ văn bản của đơn vị."))
    elif due_date is not None and due_date < document.issued_on:
        problems.add(
            "due_date",
            _l("Thời hạn %(due)s trước ngày ban hành văn bản %(issued)s.",
               due=due_date.strftime("%d/%m/%Y"),
               issued=document.issued_on.strftime("%d/%m/%Y")),
        )


def _distinct(officials: Sequence[Official]) -> list[Official]:
    return list(dict.fromkeys(officials))


def _require_worker(actor: Actor, task: Task) -> None:
    if not can_work_on(actor, task):
        raise PermissionDenied(_l("Chỉ người chủ trì nhiệm vụ được cập nhật tiến độ."))


def _require_open(task: Task) -> None:
    if task.state is not TaskState.OPEN:
        raise ValidationFailed.on("state", _l("Nhiệm vụ đã hoàn thành hoặc đã hủy."))

"""The unit's tasks: the list (the page's filters), one task with its history, assigning
and changing tasks, and the lead's and chairman's actions on them."""

from typing import Any

from flask_babel import lazy_gettext as _l

from tracker.api.assign_down_schemas import TaskWithCopiesOut
from tracker.api.core import Endpoint, endpoint, load_body, load_query, official
from tracker.api.schemas import (
    CompleteIn,
    DecisionIn,
    ExtensionIn,
    NoteIn,
    ProgressIn,
    ReasonIn,
    TaskIn,
    TaskListQuery,
    TaskOut,
    TaskPage,
    TaskUpdateIn,
    VersionIn,
)
from tracker.core.clock import today_in
from tracker.core.paging import Page
from tracker.core.validation import Problems
from tracker.documents.models import Document
from tracker.extensions import db
from tracker.org.models import Official, Unit
from tracker.org.services import list_officials
from tracker.tasks.confirmation import confirm_completion, return_completion
from tracker.tasks.deadlines import deadline_for
from tracker.tasks.extension_requests import decide_extension, get_extension, request_extension
from tracker.tasks.filters import NO_OFFICIAL, check_filters, visible_document
from tracker.tasks.models import Task
from tracker.tasks.queries import TaskFilters, list_tasks
from tracker.tasks.services import (
    add_note,
    cancel_task,
    complete_task,
    create_task,
    get_task,
    record_progress,
    update_task,
)

_ONE = "/tasks/<int(max=2147483647):task_id>"


@endpoint("/tasks", "GET", Endpoint(
    _l("Nhiệm vụ của đơn vị, lọc và sắp xếp như trang danh sách"), query=TaskListQuery,
    response=TaskPage))
def tasks_list():
    args = load_query()
    unit = official().unit
    filters = task_filters(args)
    check_filters(db.session, official(), unit, filters)
    return task_page(list_tasks(db.session, unit, filters, today_in(unit.timezone),
                                args["page"], args["per_page"]))


@endpoint(_ONE, "GET", Endpoint(
    _l("Một nhiệm vụ, với người phối hợp, theo dõi và lịch sử tiến độ"),
    response=TaskWithCopiesOut))
def task_get(task_id: int):
    return TaskWithCopiesOut().dump(get_task(db.session, official(), task_id))


@endpoint("/tasks", "POST", Endpoint(
    _l("Giao nhiệm vụ (Chủ tịch, Phó Chủ tịch)"), body=TaskIn, response=TaskWithCopiesOut,
    status=201))
def task_create():
    unit = official().unit
    fields = assignment(load_body(), unit, document=None)
    task = create_task(db.session, official(), unit, **fields)
    db.session.commit()
    return TaskWithCopiesOut().dump(task), 201


@endpoint(_ONE, "PATCH", Endpoint(
    _l("Sửa, giao lại nhiệm vụ: chỉ gửi các trường cần sửa, kèm version đã đọc"),
    body=TaskUpdateIn, response=TaskWithCopiesOut, partial=tuple(TaskIn().fields)))
def task_update(task_id: int):
    task = get_task(db.session, official(), task_id)
    data = load_body()
    version = data.pop("version")
    changes = assignment(data, task.unit, document=task.document)
    update_task(db.session, official(), task, version=version, **changes)
    return _saved(task)


@endpoint(f"{_ONE}/progress", "POST", Endpoint(
    _l("Ghi nhận tiến độ (người chủ trì)"), body=ProgressIn, response=TaskWithCopiesOut))
def task_progress(task_id: int):
    task = get_task(db.session, official(), task_id)
    data = load_body()
    record_progress(db.session, official(), task, **data)
    return _saved(task)


@endpoint(f"{_ONE}/complete", "POST", Endpoint(
    _l("Hoàn thành nhiệm vụ với kết quả (người chủ trì)"), body=CompleteIn,
    response=TaskWithCopiesOut))
def task_complete(task_id: int):
    task = get_task(db.session, official(), task_id)
    complete_task(db.session, official(), task, **load_body())
    return _saved(task)


@endpoint(f"{_ONE}/notes", "POST", Endpoint(
    _l("Thêm ghi chú (chủ trì, phối hợp)"), body=NoteIn, response=TaskWithCopiesOut))
def task_note(task_id: int):
    task = get_task(db.session, official(), task_id)
    add_note(db.session, official(), task, **load_body())
    return _saved(task)


@endpoint(f"{_ONE}/cancel", "POST", Endpoint(
    _l("Hủy, tạm dừng nhiệm vụ (Chủ tịch, Phó Chủ tịch)"), body=ReasonIn,
    response=TaskWithCopiesOut))
def task_cancel(task_id: int):
    task = get_task(db.session, official(), task_id)
    cancel_task(db.session, official(), task, **load_body())
    return _saved(task)


@endpoint(f"{_ONE}/extension", "POST", Endpoint(
    _l("Đề nghị gia hạn (người chủ trì)"), body=ExtensionIn, response=TaskWithCopiesOut))
def task_ask_extension(task_id: int):
    task = get_task(db.session, official(), task_id)
    request_extension(db.session, official(), task, **load_body())
    return _saved(task)


@endpoint(f"{_ONE}/extension/<int(max=2147483647):request_id>", "POST", Endpoint(
    _l("Quyết định đề nghị gia hạn (Chủ tịch, Phó Chủ tịch)"), body=DecisionIn,
    response=TaskWithCopiesOut))
def task_decide_extension(task_id: int, request_id: int):
    extension = get_extension(db.session, official(), task_id, request_id)
    decide_extension(db.session, official(), extension, **load_body())
    return _saved(extension.task)


@endpoint(f"{_ONE}/confirm", "POST", Endpoint(
    _l("Xác nhận hoàn thành (Chủ tịch, Phó Chủ tịch)"), body=VersionIn,
    response=TaskWithCopiesOut))
def task_confirm(task_id: int):
    task = get_task(db.session, official(), task_id)
    confirm_completion(db.session, official(), task, **load_body())
    return _saved(task)


@endpoint(f"{_ONE}/return", "POST", Endpoint(
    _l("Trả lại nhiệm vụ đã báo hoàn thành (Chủ tịch, Phó Chủ tịch)"), body=ReasonIn,
    response=TaskWithCopiesOut))
def task_return(task_id: int):
    task = get_task(db.session, official(), task_id)
    return_completion(db.session, official(), task, **load_body())
    return _saved(task)


def _saved(task: Task) -> dict[str, Any]:
    db.session.commit()
    return TaskWithCopiesOut().dump(task)


def task_filters(args: dict[str, Any]) -> TaskFilters:
    """The filters of a list loaded by `TaskListQuery`: every task list reads them alike."""
    return TaskFilters(
        task_class=args.get("task_class"), state=args.get("state"),
        reform_area=args.get("area"), department_id=args.get("department"),
        official_id=args.get("official"), lead_id=args.get("lead"),
        document_id=args.get("document"), due_from=args.get("due_from"),
        due_to=args.get("due_to"), counted=args["counted"], text=args["q"], sort=args["sort"],
        descending=args["order"] == "desc",
    )


def task_page(found: Page[Task]) -> dict[str, Any]:
    """A page of tasks as `TaskPage` has it."""
    return {"items": TaskOut(many=True).dump(found.items), "total": found.total,
            "capped": found.capped, "page": found.page, "per_page": found.per_page}


def assignment(data: dict[str, Any], unit: Unit, document: Document | None) -> dict[str, Any]:
    """The service's fields from the loaded body: ids become the unit's officials and a
    visible document, and the deadline wording is read as on the page.

    :raise ValidationFailed: unknown officials or document, a deadline not understood.
    """
    problems = Problems()
    fields = {k: data[k] for k in ("title", "description", "reform_area", "recurrence")
              if k in data}
    people = {o.id: o for o in list_officials(db.session, unit)}
    if "lead" in data:
        fields["lead"] = _person(people, data["lead"], "lead", problems)
    for name in ("coordinators", "followers"):
        if name in data:
            fields[name] = [_person(people, i, name, problems) for i in data[name]]
    if "document" in data:
        fields["document"] = document = visible_document(
            db.session, official(), data["document"], problems)
    problems.raise_if_any()
    if "due" in data:
        deadline = deadline_for(unit, document, data["due"])
        fields["due_date"], fields["due_wording"] = deadline.due_date, deadline.wording
    elif "due_date" in data:
        fields["due_date"], fields["due_wording"] = data["due_date"], None
    return fields


def _person(people: dict[int, Official], official_id: int, field: str,
            problems: Problems) -> Official | None:
    if official_id not in people:
        problems.add(field, NO_OFFICIAL)
    return people.get(official_id)

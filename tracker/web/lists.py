"""The unit's task list (filters, search, sorting, pages) and an official's own tasks."""

from collections.abc import Callable
from datetime import date
from enum import Enum
from functools import partial
from typing import Any, TypeVar

from flask import Blueprint, render_template, request
from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms import DateField, IntegerField, SelectField, StringField
from wtforms.validators import AnyOf, NumberRange, Optional
from wtforms.widgets import HiddenInput

from tracker.core.clock import today_in
from tracker.core.errors import ValidationFailed
from tracker.core.reform_areas import ReformArea
from tracker.core.validation import MAX_ID
from tracker.documents.models import Document
from tracker.documents.queries import search_documents
from tracker.extensions import db
from tracker.org.models import Unit
from tracker.org.queries import department_names, official_names
from tracker.tasks.filters import NO_DOCUMENT, NO_OFFICIAL, check_filters
from tracker.tasks.models import TaskState
from tracker.tasks.own_tasks import own_open_tasks
from tracker.tasks.queries import TaskFilters, TaskSort, list_tasks
from tracker.tasks.status import TaskClass, classify, is_due_soon
from tracker.web.forms import Form, at_most, page_field, show_errors
from tracker.web.urls import this_page_with

bp = Blueprint("lists", __name__)

T = TypeVar("T")

_SORT_LABELS = {
    TaskSort.DUE: _l("Thời hạn"),
    TaskSort.TITLE: _l("Tên nhiệm vụ"),
    TaskSort.LEAD: _l("Người chủ trì"),
    TaskSort.PROGRESS: _l("Tiến độ"),
}


class RowLabels:
    """Enum members' labels (a task's class, a document's type) for one table, each
    translated once: a gettext costs some 17 µs and a list repeats a few on every row."""

    def __init__(self) -> None:
        self._labels: dict[tuple[type, Enum], str] = {}

    def of(self, member: Enum) -> str:
        key = (type(member), member)  # members of two StrEnums may be equal strings
        if key not in self._labels:
            self._labels[key] = member.label
        return self._labels[key]


bp.add_app_template_global(RowLabels)


def _an_id(not_found: Any) -> NumberRange:
    """An id no table can hold names nothing: refused before it reaches a query."""
    return NumberRange(1, MAX_ID, message=not_found)


def optional_id(value: Any) -> int | None:
    """A picker's id, or None for "all"; anything else is WTForms' "could not coerce"."""
    return None if value in (None, "") else int(value)


class DayField(DateField):
    """A day typed dd/mm/yyyy or sent ISO by a date picker; shown back ISO for the picker."""

    def __init__(self, label: Any, **kwargs: Any) -> None:
        super().__init__(label, validators=[Optional()], format=["%Y-%m-%d", "%d/%m/%Y"],
                         invalid_value_message=_l("Ngày không hợp lệ (dd/mm/yyyy)."), **kwargs)

    def _value(self) -> str:
        return self.data.isoformat() if self.data else super()._value()


class TaskQueryForm(Form):
    """What narrows any task list; a GET form, so no CSRF token."""

    class Meta:
        csrf = False

    q = StringField(_l("Tìm kiếm"), validators=[at_most(200)])
    # An empty choice means "all"; a parameter left out means its default.
    task_class = SelectField(_l("Phân loại"), name="class", default="")
    state = SelectField(_l("Trạng thái"), default="")
    area = SelectField(_l("Lĩnh vực CCHC"), default="")
    counted = IntegerField(widget=HiddenInput(), validators=[Optional(), AnyOf(
        [0, 1], _l("Lựa chọn không hợp lệ."))], invalid_value_message=_l("Lựa chọn không hợp lệ."))
    due_from = DayField(_l("Hạn từ ngày"), name="from")
    due_to = DayField(_l("Đến ngày"), name="to")
    sort = SelectField(_l("Sắp xếp theo"), default=TaskSort.DUE.value)
    order = SelectField(_l("Thứ tự"), default="asc")
    page = page_field()

    def fill_common_choices(self) -> None:
        every = ("", _l("Tất cả"))
        self.task_class.choices = [every, *_enum_choices(TaskClass, lambda c: c.label)]
        self.state.choices = [every, *_enum_choices(TaskState, lambda s: s.label)]
        self.area.choices = [every, *_enum_choices(ReformArea, lambda a: a.label)]
        self.sort.choices = [(s.value, _SORT_LABELS[s]) for s in TaskSort]
        self.order.choices = [("asc", _l("Tăng dần")), ("desc", _l("Giảm dần"))]

    def query_filters(self, **narrower: Any) -> TaskFilters:
        """The validated parameters as the query's filters, with `narrower` ones."""
        return TaskFilters(
            task_class=_optional(TaskClass, self.task_class.data),
            state=_optional(TaskState, self.state.data),
            reform_area=_optional(ReformArea, self.area.data),
            due_from=self.due_from.data,
            due_to=self.due_to.data,
            counted=bool(self.counted.data),
            text=self.q.data or "",
            sort=TaskSort(self.sort.data),
            descending=self.order.data == "desc",
            **narrower,
        )


class TaskListForm(TaskQueryForm):
    """The unit's own list: also by department, official, lead, coordinator and document."""

    # Which departments and officials the unit has is tasks.filters' check, not the pickers'.
    department = SelectField(_l("Bộ phận"), default="", coerce=optional_id,
                             validate_choice=False)
    official = SelectField(_l("Cán bộ (chủ trì hoặc phối hợp)"), default="",
                           coerce=optional_id, validate_choice=False)
    lead = IntegerField(widget=HiddenInput(), validators=[Optional(), _an_id(NO_OFFICIAL)],
                        invalid_value_message=NO_OFFICIAL)
    coordinator = IntegerField(widget=HiddenInput(),
                               validators=[Optional(), _an_id(NO_OFFICIAL)],
                               invalid_value_message=NO_OFFICIAL)
    document = IntegerField(widget=HiddenInput(), validators=[Optional(), _an_id(NO_DOCUMENT)],
                            invalid_value_message=NO_DOCUMENT)

    def fill_choices(self, unit: Unit) -> None:
        self.fill_common_choices()
        every = ("", _l("Tất cả"))
        self.department.choices = [every, *_as_choices(department_names(db.session, unit))]
        self.official.choices = [every, *_as_choices(official_names(db.session, unit))]

    def filters(self) -> TaskFilters:
        return self.query_filters(
            department_id=self.department.data,
            official_id=self.official.data,
            lead_id=self.lead.data,
            coordinator_id=self.coordinator.data,
            document_id=self.document.data,
        )


def _enum_choices(enum: type[Enum], label: Callable[[Any], Any]) -> list[tuple[str, Any]]:
    return [(member.value, label(member)) for member in enum]


def _as_choices(names: list[tuple[int, str]]) -> list[tuple[str, str]]:
    return [(str(id_), name) for id_, name in names]


def _optional(kind: Callable[[str], T], value: str | None) -> T | None:
    return kind(value) if value else None


def checked_filters(
    form: TaskListForm, unit: Unit
) -> tuple[TaskFilters, Document | None] | None:
    """The list's filters and the document they name, once the form has read the
    parameters and tasks.filters has judged them; else None, the messages on the form."""
    if not form.validate():
        return None
    filters = form.filters()
    try:
        return filters, check_filters(db.session, current_user, unit, filters)
    except ValidationFailed as error:
        show_errors(form, error, aliases={"to": "due_to"})
        return None


@bp.get("/tasks")
@login_required
def index():
    unit = current_user.unit
    today = today_in(unit.timezone)
    form = TaskListForm(request.args)
    form.fill_choices(unit)
    checked = checked_filters(form, unit)
    if checked is None:
        return _render_list(form, today, status=422)
    filters, document = checked
    return _render_list(
        form, today,
        result=list_tasks(db.session, unit, filters, today, form.page.data or 1),
        filters=filters,
        document=document,
        documents=search_documents(db.session, unit, filters.text) if filters.text else [],
    )


def _render_list(form: TaskListForm, today: date, status: int = 200, **context: Any):
    return render_template("lists/index.html", form=form, today=today, classify=classify,
                           list_url=this_page_with, **context), status


@bp.get("/my-tasks")
@login_required
def mine():
    unit = current_user.unit
    today, soon_days = today_in(unit.timezone), unit.settings.due_soon_days
    return render_template(
        "lists/mine.html",
        own=own_open_tasks(db.session, current_user),
        today=today,
        soon_days=soon_days,
        due_soon=partial(is_due_soon, day=today, soon_days=soon_days),
        classify=classify,
        format_decimal=format_decimal,
    )

"""The assignment form: what a task is, who leads, coordinates and follows it, by when.
Used to assign tasks from a document's page and to change or reassign one."""

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session
from wtforms import (
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import InputRequired

from tracker.core.reform_areas import ReformArea
from tracker.core.text import name_sort_key
from tracker.core.validation import REQUIRED
from tracker.documents.models import Document
from tracker.org.models import Unit
from tracker.org.services import list_officials
from tracker.tasks.deadlines import deadline_for
from tracker.tasks.models import Recurrence, Task
from tracker.tasks.policy import can_receive_tasks
from tracker.tasks.services import default_reform_area
from tracker.web.forms import VersionedForm, at_most

DUE_HELP = _l("Ghi như trong kế hoạch: 30/06/2023, trong 05 ngày làm việc (tính từ ngày ban "
              "hành), Quý II/2023, tháng 5/2023, 6 tháng đầu năm 2023, trước ngày 15/6/2023. "
              "Để trống hoặc ghi “thường xuyên” nếu không có thời hạn.")


class Checkboxes(SelectMultipleField):
    """Ticked choices; one that is not on the list is refused in Vietnamese."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()

    def __init__(self, label: Any, **kwargs: Any) -> None:
        refused = _l("Có lựa chọn không có trong danh sách: %(value)s.")
        super().__init__(label, invalid_value_message=_l("Lựa chọn không hợp lệ."),
                         invalid_choice_message=lambda count: refused, **kwargs)


class TaskForm(VersionedForm):
    title = StringField(_l("Nhiệm vụ"), validators=[
        InputRequired(REQUIRED), at_most(500)])
    description = TextAreaField(_l("Nội dung, yêu cầu"), validators=[
        at_most(4000)])
    reform_area = SelectField(_l("Lĩnh vực CCHC"))
    lead = SelectField(_l("Chủ trì"), coerce=int, validators=[InputRequired(REQUIRED)])
    coordinators = Checkboxes(_l("Phối hợp"), coerce=int)
    followers = Checkboxes(_l("Theo dõi"), coerce=int)
    due = StringField(_l("Thời hạn"), validators=[at_most(200)])
    recurrence = SelectField(_l("Lặp lại"), default="")


def task_form(session: Session, unit: Unit, *, task: Task | None = None,
              document: Document | None = None, formdata: bool = True,
              form_class: type[TaskForm] = TaskForm) -> TaskForm:
    """The posted form (`formdata`), or one filled from `task` or for a new task of `document`."""
    values: dict[str, Any] = {}
    if not formdata:
        area = default_reform_area(document)
        values = _values(task) if task else {"reform_area": area.value if area else None}
    form = form_class(**({} if formdata else {"formdata": None}), **values)
    people = sorted((o for o in list_officials(session, unit) if can_receive_tasks(o)),
                    key=lambda o: name_sort_key(o.full_name))
    choices = [SelectChoice(o.id, f"{o.full_name} — {o.position}" if o.position else o.full_name)
               for o in people]
    form.lead.choices = [SelectChoice(0, _l("— Chọn người chủ trì —")), *choices]
    form.reform_area.choices = area_choices()
    form.recurrence.choices = [SelectChoice("", _l("Không lặp lại")), *(
        SelectChoice(r.value, r.label) for r in Recurrence)]
    form.coordinators.choices = form.followers.choices = choices
    return form


def area_choices() -> list[SelectChoice]:
    """The reform areas in the reader's language (built per request)."""
    return [SelectChoice(area.value, area.label) for area in ReformArea]


def assignment(session: Session, form: TaskForm, unit: Unit,
               document: Document | None) -> dict[str, Any]:
    """The service's fields from a valid form; the deadline wording is read here.

    :raise ValidationFailed: a deadline the wording rules do not understand.
    """
    officials = {o.id: o for o in list_officials(session, unit)}
    deadline = deadline_for(unit, document, form.due.data)
    return {
        "title": form.title.data,
        "description": form.description.data or "",
        "reform_area": form.reform_area.data,
        "lead": officials.get(form.lead.data),
        "coordinators": [officials[i] for i in form.coordinators.data if i in officials],
        "followers": [officials[i] for i in form.followers.data if i in officials],
        "due_date": deadline.due_date,
        "due_wording": deadline.wording,
        "recurrence": form.recurrence.data or None,
    }


def _values(task: Task) -> dict[str, Any]:
    due = task.due_wording or (f"{task.due_date:%d/%m/%Y}" if task.due_date else "")
    return {
        "title": task.title, "description": task.description,
        "reform_area": task.reform_area.value, "lead": task.lead_id,
        "coordinators": task.coordinator_ids, "followers": task.follower_ids,
        "due": due, "recurrence": task.recurrence.value if task.recurrence else "",
        "version": task.version,
    }

"""The task sheet's layout: its columns, the Vietnamese labels it holds, how it names
an official."""

import re
from dataclasses import dataclass
from typing import Any

from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.core.reform_areas import ReformArea
from tracker.core.spreadsheets import (
    Column,
)
from tracker.core.text import fold
from tracker.documents.spreadsheets import type_labels
from tracker.documents.types import DocumentType
from tracker.org.models import Official, Unit
from tracker.tasks.models import Recurrence, TaskState
from tracker.tasks.status import TaskClass

TASK_SHEET = "Nhiệm vụ"


LISTS_SHEET = "Danh mục"


MAX_EXPORT_ROWS = 10_000


MAX_IMPORT_ROWS = 2_000


TEMPLATE_ROWS = 1_000  # rows of the template that offer the dropdowns


NUMBER, TITLE, DESCRIPTION, AREA = "STT", "Nhiệm vụ", "Nội dung, yêu cầu", "Lĩnh vực CCHC"


DOCUMENT, ISSUER, LEAD = "Văn bản", "Cơ quan ban hành", "Chủ trì"


COORDINATORS, FOLLOWERS, DUE = "Phối hợp", "Theo dõi", "Hạn"


DUE_WORDING, RECURRENCE, STATE = "Thời hạn ghi trong văn bản", "Lặp lại", "Trạng thái"


CLASS, PROGRESS, COMPLETED_ON = "Phân loại", "Tiến độ (%)", "Ngày hoàn thành"


RESULT, CANCEL_REASON = "Kết quả", "Lý do hủy"


EXPORT_COLUMNS = (
    Column(NUMBER, 6), Column(TITLE, 50), Column(DESCRIPTION, 40), Column(AREA, 30),
    Column(DOCUMENT, 36), Column(ISSUER, 24), Column(LEAD, 30), Column(COORDINATORS, 40),
    Column(FOLLOWERS, 30), Column(DUE, 12), Column(DUE_WORDING, 24), Column(RECURRENCE, 12),
    Column(STATE, 18), Column(CLASS, 24), Column(PROGRESS, 10), Column(COMPLETED_ON, 14),
    Column(RESULT, 50), Column(CANCEL_REASON, 30),
)


# The class is worked out from the dates, never read.
TEMPLATE_COLUMNS = tuple(column for column in EXPORT_COLUMNS if column.header != CLASS)


READ_HEADERS = {column.header for column in TEMPLATE_COLUMNS} - {NUMBER}


REQUIRED_COLUMNS = (TITLE, AREA, LEAD)


LIST_SEPARATOR = re.compile(r"[;\n]")


NAME_WITH_LOGIN = re.compile(r"^(?P<name>.*?)\s*\((?P<username>[^()]+)\)$")


# A service's field → the column it came from.
FIELD_COLUMNS = {
    "title": TITLE, "description": DESCRIPTION, "reform_area": AREA, "document": DOCUMENT,
    "lead": LEAD, "coordinators": COORDINATORS, "followers": FOLLOWERS, "due_date": DUE,
    "due_wording": DUE_WORDING, "recurrence": RECURRENCE, "state": STATE,
    "percent": PROGRESS, "completed_on": COMPLETED_ON, "result": RESULT,
    "reason": CANCEL_REASON,
}


MAX_TITLE, MAX_DESCRIPTION = 500, 4000  # as the assignment form


@dataclass(frozen=True)
class SheetLabels:
    """The labels a sheet holds, in Vietnamese."""

    areas: dict[ReformArea, str]
    states: dict[TaskState, str]
    recurrences: dict[Recurrence, str]
    classes: dict[TaskClass, str]
    types: dict[DocumentType, str]


def sheet_labels() -> SheetLabels:
    with force_locale("vi"):
        return SheetLabels(
            {area: area.label for area in ReformArea},
            {state: state.label for state in TaskState},
            {recurrence: recurrence.label for recurrence in Recurrence},
            {task_class: task_class.label for task_class in TaskClass},
            type_labels(),
        )


def official_label(official: Official) -> str:
    """How a sheet names an official: "Võ Thị Kim Oanh (tuphap1)"."""
    return f"{official.full_name} ({official.username})"


def cell_choices(labels: dict[Any, str]) -> dict[str, Any]:
    """What a cell may hold for each member: its Vietnamese label or its code, folded."""
    choices = {fold(member.value): member for member in labels}
    choices.update({fold(label): member for member, label in labels.items()})
    return choices


def unit_officials(session: Session, unit: Unit) -> list[Official]:
    return list(session.scalars(select(Official).where(Official.unit_id == unit.id)
                                .order_by(Official.id)))

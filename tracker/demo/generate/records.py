"""The shape of a generated province (how many of each thing) and what the writer keeps
of it while it writes."""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from tracker.core.clock import DEFAULT_TIMEZONE
from tracker.core.reform_areas import ReformArea
from tracker.core.text import clean, fold
from tracker.tasks.status import TaskClass

C = TaskClass


# How a unit's tasks are usually spread over the classes (weights).
DEFAULT_MIX: Mapping[TaskClass, int] = {
    C.DONE_ON_TIME: 35, C.DONE_LATE: 10, C.IN_PROGRESS: 25, C.OVERDUE: 10, C.ONGOING: 12,
    C.CANCELLED: 8,
}


BATCH = 20_000  # rows per bulk INSERT: fast, and memory stays bounded


HISTORY_DAYS = 365  # documents and tasks date back this far


TASKS_PER_DOCUMENT = 25


PROVINCE_CODE = re.compile(r"^[a-z0-9][a-z0-9-]{1,19}$")  # leaves room for the communes' codes


ZONE = ZoneInfo(DEFAULT_TIMEZONE)


DAY = timedelta(days=1)


AREAS = tuple(ReformArea)


PERCENTS = (0, 0, 10, 20, 30, 40, 50, 60, 70, 80, 90)


COORDINATORS = ((0, 1, 2, 3), (35, 75, 95, 100))  # how many, cumulative weights


# Titles repeat across tasks: clean and fold each once.
cached_clean = lru_cache(maxsize=100_000)(clean)


cached_fold = lru_cache(maxsize=100_000)(fold)


@dataclass(frozen=True)
class Generated:
    province_code: str
    province_name: str
    communes: int
    officials: int
    documents: int
    tasks: int
    by_class: dict[TaskClass, int]  # as of the day generated
    chairman: str  # the first commune's chairman, to sign in with


@dataclass(frozen=True)
class DemoDocument:
    id: int
    issued_on: date
    area: ReformArea


@dataclass
class DemoCommune:
    id: int
    code: str
    place: str
    departments: dict[str, int] = field(default_factory=dict)  # name → id
    chairman: int = 0
    vice_chairmen: list[int] = field(default_factory=list)
    officers: dict[str, list[int]] = field(default_factory=dict)  # by department
    all_officers: list[int] = field(default_factory=list)
    received: list[DemoDocument] = field(default_factory=list)  # the province's, by date
    own: list[DemoDocument] = field(default_factory=list)  # the commune's, by date
    own_days: list[date] = field(default_factory=list)  # own's issue dates, for bisect

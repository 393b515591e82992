"""Synthetic data in bulk: a province with many communes, their officials, documents and
tasks in every class, for load tests and benchmarks (`flask --app tracker demo generate`).

The services write one object at a time with its audit entry and notifications: right
for real work, far too slow for a million tasks. This writes the same rows with bulk
INSERTs and computes what the services would (cleaned text, folded keys, years,
references, dates that obey the task rules), so pages, the API and the scan read them
as if they had been entered by hand. No audit log and no notifications are written:
the data is the units' state as of today, not their history.
"""

import random
import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, or_, select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from tracker.core.clock import DEFAULT_TIMEZONE, now_utc, today_in
from tracker.core.errors import ValidationFailed
from tracker.core.reform_areas import ReformArea
from tracker.core.roles import Role
from tracker.core.text import clean, fold
from tracker.demo import words
from tracker.demo.data import DEPARTMENTS, OFFICE
from tracker.documents.models import Document
from tracker.documents.types import DocumentType, format_reference
from tracker.org.models import Department, Official, Unit, UnitLevel, UnitSettings
from tracker.org.services import MIN_PASSWORD_LENGTH
from tracker.tasks.models import ProgressUpdate, Task, TaskState, task_coordinators
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
_CODE = re.compile(r"^[a-z0-9][a-z0-9-]{1,19}$")  # leaves room for the communes' codes
_ZONE = ZoneInfo(DEFAULT_TIMEZONE)
_DAY = timedelta(days=1)
_ROMAN = ("I", "II", "III", "IV")
_AREAS = tuple(ReformArea)
_PERCENTS = (0, 0, 10, 20, 30, 40, 50, 60, 70, 80, 90)
_COORDINATORS = ((0, 1, 2, 3), (35, 75, 95, 100))  # how many, cumulative weights
# Titles repeat across tasks: clean and fold each once.
_clean = lru_cache(maxsize=100_000)(clean)
_fold = lru_cache(maxsize=100_000)(fold)


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
class _Document:
    id: int
    issued_on: date
    area: ReformArea


@dataclass
class _Commune:
    id: int
    code: str
    place: str
    departments: dict[str, int] = field(default_factory=dict)  # name → id
    chairman: int = 0
    vice_chairmen: list[int] = field(default_factory=list)
    officers: dict[str, list[int]] = field(default_factory=dict)  # by department
    all_officers: list[int] = field(default_factory=list)
    received: list[_Document] = field(default_factory=list)  # the province's, by date
    own: list[_Document] = field(default_factory=list)  # the commune's, by date
    own_days: list[date] = field(default_factory=list)  # own's issue dates, for bisect


def generate(
    session: Session,
    *,
    units: int,
    tasks: int,
    seed: int,
    password: str,
    province_code: str,
    mix: Mapping[TaskClass, int] = DEFAULT_MIX,
    today: date | None = None,
) -> Generated:
    """A province with `units` communes and `tasks` tasks spread over them, every class in
    `mix` present in each commune with enough tasks; the same seed gives the same data.
    `today` (the unit's today by default) is the day the classes are reckoned on.
    The caller commits.

    :raise ValidationFailed: a malformed or taken province code, a short password, no
        commune; nothing is written.
    """
    province_code = clean(province_code).lower()
    _refuse_bad_input(session, province_code, units, tasks, password)
    writer = _Writer(session, random.Random(seed), today or today_in(DEFAULT_TIMEZONE),
                     generate_password_hash(password))
    return writer.write(province_code, units, tasks, mix)


def _refuse_bad_input(
    session: Session, code: str, units: int, tasks: int, password: str
) -> None:
    if not _CODE.match(code):
        raise ValidationFailed("Mã tỉnh chỉ gồm chữ thường không dấu, chữ số và dấu gạch "
                               "ngang, từ 2 đến 20 ký tự.")
    if units < 1 or tasks < 0:
        raise ValidationFailed("Cần ít nhất một xã và số nhiệm vụ không âm.")
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(f"Mật khẩu cần ít nhất {MIN_PASSWORD_LENGTH} ký tự.")
    if session.scalar(select(Unit.id).where(Unit.code == code)) is not None:
        raise ValidationFailed(f"Đơn vị {code} đã có; không ghi gì. "
                               "Hãy chọn mã khác bằng --province-code.")
    if _prefix_taken(session, code):
        raise ValidationFailed(f"Đã có đơn vị hoặc tài khoản mang mã {code}; không ghi gì. "
                               "Hãy chọn mã khác bằng --province-code.")


def _prefix_taken(session: Session, code: str) -> bool:
    """Whether a unit or username already starts as the generated ones would."""
    unit = select(Unit.id).where(Unit.code.startswith(f"{code}-", autoescape=True))
    official = select(Official.id).where(or_(
        Official.username.startswith(f"{code}-", autoescape=True),
        Official.username.startswith(f"{code}.", autoescape=True)))
    return session.scalar(unit.limit(1)) is not None or \
        session.scalar(official.limit(1)) is not None


class _Writer:
    def __init__(self, session: Session, rng: random.Random, today: date,
                 password_hash: str) -> None:
        self.session, self.rng, self.today = session, rng, today
        self.password_hash = password_hash
        self.start = today - timedelta(days=HISTORY_DAYS)
        # Nothing is stamped later than now (or than the end of a `today` not the real one).
        end_of_day = datetime.combine(today, time(17), _ZONE)
        self.latest = now_utc() if today == today_in(DEFAULT_TIMEZONE) else end_of_day
        self.set_up_at = self.moment(self.start)
        self.by_class = dict.fromkeys(TaskClass, 0)
        self.officials = self.documents = 0

    def write(self, code: str, units: int, tasks: int, mix: Mapping[TaskClass, int]
              ) -> Generated:
        places = self._places(units + 1)
        province_place, commune_places = places[0], places[1:]
        province_name = f"UBND tỉnh {province_place}"
        province_id = self._units([(code, province_name, province_place, UnitLevel.PROVINCE)],
                                  parent_id=None)[0]
        communes = self._communes(code, commune_places, province_id)
        self._staff(communes, province_id, code)
        per_commune = -(-tasks // units)
        self._documents(communes, province_name, province_place, per_commune)
        _Tasks(self, mix).write(communes, tasks)
        return Generated(
            province_code=code, province_name=province_name, communes=units,
            officials=self.officials, documents=self.documents, tasks=tasks,
            by_class=self.by_class, chairman=f"{communes[0].code}.chutich",
        )

    # Units, departments and officials.

    def _places(self, count: int) -> list[str]:
        """Distinct invented place names; numbered once the two-syllable pairs run out."""
        syllables = words.PLACE_SYLLABLES
        # Codes come from the folded name: "Thanh Mỹ" and "Thạnh Mỹ" cannot both be used.
        pairs = list({fold(f"{a} {b}"): f"{a} {b}"
                      for a in syllables for b in syllables if a != b}.values())
        self.rng.shuffle(pairs)
        return [pairs[n % len(pairs)] + (f" {n // len(pairs) + 1}" if n >= len(pairs) else "")
                for n in range(count)]

    def _units(self, specs: list[tuple[str, str, str, UnitLevel]], parent_id: int | None
               ) -> list[int]:
        rows = [{"code": code, "name": name, "place_name": place, "level": level,
                 "parent_id": parent_id, "timezone": DEFAULT_TIMEZONE,
                 "created_at": self.set_up_at} for code, name, place, level in specs]
        return self.insert(Unit, rows)

    def _communes(self, code: str, places: list[str], province_id: int) -> list[_Commune]:
        codes = [f"{code}-{fold(place).replace(' ', '-')}" for place in places]
        ids = self._units([(c, f"UBND xã {p}", p, UnitLevel.COMMUNE)
                           for c, p in zip(codes, places, strict=True)], province_id)
        communes = [_Commune(i, c, p) for i, c, p in zip(ids, codes, places, strict=True)]
        department_ids = self.insert(Department, [
            {"unit_id": commune.id, "name": name, "position": position}
            for commune in communes for position, name in enumerate(DEPARTMENTS)])
        offices = department_ids[DEPARTMENTS.index(OFFICE)::len(DEPARTMENTS)]
        # The other settings are the model's defaults, as create_unit leaves them; every
        # row names the same columns (an executemany takes them from the first row).
        settings = [{"unit_id": province_id, "office_department_id": None}]
        settings += [{"unit_id": commune.id, "office_department_id": office}
                     for commune, office in zip(communes, offices, strict=True)]
        self.session.execute(insert(UnitSettings.__table__), settings)
        for number, commune in enumerate(communes):
            ids = department_ids[number * len(DEPARTMENTS):(number + 1) * len(DEPARTMENTS)]
            commune.departments = dict(zip(DEPARTMENTS, ids, strict=True))
            commune.officers = {name: [] for name in DEPARTMENTS}
        return communes

    def _staff(self, communes: list[_Commune], province_id: int, code: str) -> None:
        rows, roles = [], []
        for commune in communes:
            for stem, count, role, position, department in words.STAFF:
                for n in range(1, count + 1):
                    username = f"{commune.code}.{stem}{n if count > 1 else ''}"
                    rows.append(self._official(commune.id, username, role, position,
                                               commune.departments.get(department)))
                    roles.append((commune, role, department))
        viewer = self._official(province_id, f"{code}.noivu1", Role.VIEWER,
                                "Chuyên viên Sở Nội vụ", None)
        ids = self.insert(Official, [*rows, viewer])
        for official_id, (commune, role, department) in zip(ids[:-1], roles, strict=True):
            self._place(commune, official_id, role, department)
        self.officials = len(ids)

    def _official(self, unit_id: int, username: str, role: Role, position: str,
                  department_id: int | None) -> dict[str, Any]:
        full_name = self._person()
        return {"unit_id": unit_id, "department_id": department_id, "username": username,
                "email": None, "full_name": full_name, "name_key": fold(full_name),
                "position": position, "phone": None, "role": role, "active": True,
                "password_hash": self.password_hash, "created_at": self.set_up_at,
                "notify_email": True, "email_digest": True, "notify_webhook": False}

    def _person(self) -> str:
        rng = self.rng
        sex = rng.choice(("male", "female"))
        family = rng.choices([name for name, _ in words.FAMILY_NAMES],
                             [weight for _, weight in words.FAMILY_NAMES])[0]
        return clean(f"{family} {rng.choice(words.MIDDLE_NAMES[sex])} "
                     f"{rng.choice(words.GIVEN_NAMES[sex])}")

    @staticmethod
    def _place(commune: _Commune, official_id: int, role: Role, department: str | None
               ) -> None:
        if role is Role.CHAIRMAN:
            commune.chairman = official_id
        elif role is Role.VICE_CHAIRMAN:
            commune.vice_chairmen.append(official_id)
        elif department is not None:
            commune.officers[department].append(official_id)
            commune.all_officers.append(official_id)

    # Documents.

    def _documents(self, communes: list[_Commune], province_name: str, province_place: str,
                   per_commune: int) -> None:
        received = self._province_documents(province_name, province_place)
        rows = [self._document_row(commune, *spec, own=False)
                for commune in communes for spec in received]
        ids = iter(self.insert(Document, rows))
        for commune in communes:
            commune.received = [_Document(next(ids), spec[4], spec[6]) for spec in received]
        count = min(40, max(6, per_commune // TASKS_PER_DOCUMENT))
        rows = [self._document_row(commune, *spec, own=True)
                for commune in communes for spec in self._commune_documents(commune, count)]
        ids = iter(self.insert(Document, rows))
        for commune, row in zip((c for c in communes for _ in range(count)), rows, strict=True):
            commune.own.append(_Document(next(ids), row["issued_on"], row["reform_area"]))
        for commune in communes:
            commune.own_days = [document.issued_on for document in commune.own]
        self.documents = len(rows) + len(communes) * len(received)

    def _province_documents(self, issuer: str, place: str) -> list[tuple]:
        """(type, number, symbol, issuer, issued on, title, area, implements), early in the
        year of history so that the communes' plans can implement them."""
        specs = words.PROVINCE_DOCUMENTS
        numbers = self.rng.sample(range(50, 3000), len(specs))
        result = []
        for (doc_type, symbol, title, area), number in zip(specs, numbers, strict=True):
            issued = self.weekday(self.day_between(self.start, self.start + 60 * _DAY))
            result.append((doc_type, number, symbol, issuer, issued,
                           title.format(province=place, year=issued.year), area, None))
        return result

    def _commune_documents(self, commune: _Commune, count: int) -> list[tuple]:
        rng, specs = self.rng, words.COMMUNE_DOCUMENTS
        days = sorted(self.weekday(self.day_between(self.start, self.today))
                      for _ in range(count))
        counters: dict[tuple[DocumentType, int], int] = {}
        seen: dict[str, int] = {}
        result = []
        for day in days:
            doc_type, title, area = rng.choice(specs)
            key = (doc_type, day.year)
            counters[key] = counters.get(key, rng.randint(0, 8)) + rng.randint(1, 5)
            title = title.format(place=commune.place, year=day.year)
            seen[title] = seen.get(title, 0) + 1
            if seen[title] > 1:
                title = f"{title} (đợt {seen[title]})"
            implements = next((d.id for d in commune.received
                               if d.area == area and d.issued_on <= day), None)
            result.append((doc_type, counters[key], words.SYMBOLS[doc_type],
                           f"UBND xã {commune.place}", day, title, area, implements))
        return result

    def _document_row(self, commune: _Commune, doc_type: DocumentType, number: int, symbol: str,
                      issuer: str, issued_on: date, title: str, area: ReformArea,
                      implements: int | None, *, own: bool) -> dict[str, Any]:
        moment = self.moment(issued_on)
        return {"unit_id": commune.id, "doc_type": doc_type, "number": number,
                "symbol": symbol, "issuer": issuer, "issuer_key": fold(issuer),
                "issued_by_unit": own, "issued_on": issued_on, "year": issued_on.year,
                "title": clean(title), "title_key": fold(title),
                "reference_key": fold(format_reference(number, symbol)), "reform_area": area,
                "implements_id": implements, "created_at": moment, "updated_at": moment}

    # Shared helpers.

    def insert(self, model: type, rows: list[dict[str, Any]]) -> list[int]:
        """Bulk INSERT `rows` in batches; the new ids, in the order of `rows`.

        Into the table, not the mapped class: the ORM would reset a task's version to 1.
        """
        table = model.__table__
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        ids: list[int] = []
        for first in range(0, len(rows), BATCH):
            ids += self.session.scalars(statement, rows[first:first + BATCH]).all()
        return ids

    def day_between(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    @staticmethod
    def weekday(day: date, floor: date | None = None) -> date:
        """Back to the Friday before a weekend day, not before `floor`."""
        while day.weekday() >= 5 and (floor is None or day > floor):
            day -= _DAY
        return day

    def moment(self, day: date) -> datetime:
        """A time in office hours that day, never later than now."""
        clock = time(self.rng.randint(7, 16), self.rng.randint(0, 59))
        return min(datetime.combine(day, clock, _ZONE).astimezone(UTC), self.latest)


class _Tasks:
    """Tasks with dates that fit their class as of today, written in batches."""

    def __init__(self, writer: _Writer, mix: Mapping[TaskClass, int]) -> None:
        self.writer, self.rng, self.today = writer, writer.rng, writer.today
        self.classes = [task_class for task_class in TaskClass if mix.get(task_class)]
        total, self.cumulative = 0, []
        for task_class in self.classes:
            total += mix[task_class]
            self.cumulative.append(total)
        self.pending: list[tuple[dict[str, Any], list[int], dict[str, Any] | None]] = []

    def write(self, communes: list[_Commune], total: int) -> None:
        for number, commune in enumerate(communes):
            count = total // len(communes) + (number < total % len(communes))
            for index in range(count):
                task_class = self._class(index)
                self.writer.by_class[task_class] += 1
                self.pending.append(self._task(commune, task_class))
                if len(self.pending) == BATCH:
                    self._flush()
        self._flush()

    def _class(self, index: int) -> TaskClass:
        # Each commune's first tasks take every class once, so small runs show them all.
        if index < len(self.classes):
            return self.classes[index]
        return self.rng.choices(self.classes, cum_weights=self.cumulative)[0]

    def _task(self, commune: _Commune, task_class: TaskClass
              ) -> tuple[dict[str, Any], list[int], dict[str, Any] | None]:
        rng, writer = self.rng, self.writer
        # Done late and overdue need a due date before today, so a day of history at least.
        latest = self.today - _DAY if task_class in (C.DONE_LATE, C.OVERDUE) else self.today
        document = self._document(commune, latest)
        first = document.issued_on if document else writer.start
        assigned = writer.weekday(writer.day_between(first, latest), floor=first)
        area = document.area if document else rng.choice(_AREAS)
        due, completed, cancelled = self._dates(task_class, assigned)
        lead = self._lead(commune, area)
        assigned_at = writer.moment(assigned)
        row = {
            "unit_id": commune.id, "document_id": document.id if document else None,
            "reform_area": area, "title": self._title(area, due or assigned), "description": "",
            "lead_id": lead, "assigned_by_id": self._assigner(commune, lead),
            "assigned_at": assigned_at, "due_date": due, "due_wording": self._wording(due),
            "state": TaskState.OPEN, "progress_percent": 0, "completed_on": completed,
            "result": None, "cancelled_on": cancelled, "cancel_reason": None,
            "overdue_flagged_on": None, "next_scan_on": None, "version": 2,
            "created_at": assigned_at, "updated_at": assigned_at,
        }
        row["title_key"] = _fold(row["title"])
        progress = self._settle(row, task_class, assigned)
        return row, self._coordinators(commune, lead), progress

    def _document(self, commune: _Commune, latest: date) -> _Document | None:
        """Mostly one of the commune's plans, sometimes the province's, sometimes none."""
        roll = self.rng.random()
        if roll < 0.85:
            issued = bisect_right(commune.own_days, latest)
            return commune.own[self.rng.randrange(issued)] if issued else None
        if roll < 0.9:
            return self.rng.choice(commune.received)  # all issued early in the history
        return None

    def _dates(self, task_class: TaskClass, assigned: date
               ) -> tuple[date | None, date | None, date | None]:
        """(due, completed on, cancelled on), each between assignment and today."""
        rng, today, days = self.rng, self.today, timedelta
        match task_class:
            case C.DONE_ON_TIME:
                due = assigned + days(rng.randint(5, 120))
                return due, self.writer.day_between(assigned, min(due, today)), None
            case C.DONE_LATE:
                due = min(assigned + days(rng.randint(3, 90)), today - _DAY)
                return due, min(today, due + days(rng.randint(1, 30))), None
            case C.IN_PROGRESS:
                return today + days(rng.randint(0, 365)), None, None
            case C.OVERDUE:
                return max(assigned, today - days(rng.randint(1, 60))), None, None
            case C.ONGOING:
                return None, None, None
            case C.CANCELLED:
                due = assigned + days(rng.randint(5, 120))
                return due, None, self.writer.day_between(assigned, today)

    def _settle(self, row: dict[str, Any], task_class: TaskClass, assigned: date
                ) -> dict[str, Any] | None:
        """What the lead or the chairman did since: the state, result, reason or progress
        (one version per change, as the services count); a progress update, if any."""
        rng = self.rng
        if task_class.is_done:
            row.update(state=TaskState.DONE, progress_percent=100,
                       result=rng.choice(words.RESULTS).format(hamlet=rng.choice(words.HAMLETS)),
                       updated_at=self._after_assignment(row, row["completed_on"]))
            return None
        if task_class is C.CANCELLED:
            row.update(state=TaskState.CANCELLED, cancel_reason=rng.choice(words.CANCEL_REASONS),
                       updated_at=self._after_assignment(row, row["cancelled_on"]))
            return None
        percent = rng.choice(_PERCENTS)
        if not percent:
            row["version"] = 1
            return None
        moment = self._after_assignment(row, self.writer.day_between(assigned, self.today))
        row.update(progress_percent=percent, updated_at=moment)
        return {"author_id": row["lead_id"], "created_at": moment, "percent": percent,
                "note": rng.choice(words.PROGRESS_NOTES)}

    def _after_assignment(self, row: dict[str, Any], day: date) -> datetime:
        """A moment on `day`, not before the task was assigned (the same day, earlier)."""
        return max(self.writer.moment(day), row["assigned_at"])

    def _title(self, area: ReformArea, day: date) -> str:
        rng = self.rng
        period = f"quý {_ROMAN[(day.month - 1) // 3]}/{day.year}"
        title = rng.choice(words.TASK_TITLES[area]).format(
            field=rng.choice(words.FIELDS), hamlet=rng.choice(words.HAMLETS), period=period)
        return _clean(title)

    def _wording(self, due: date | None) -> str | None:
        """As plans write deadlines: "Thường xuyên", sometimes "trước ngày 15/6/2025"."""
        if due is None:
            return "Thường xuyên"
        return f"trước ngày {due.day}/{due.month}/{due.year}" if self.rng.random() < 0.2 \
            else None

    def _lead(self, commune: _Commune, area: ReformArea) -> int:
        roll = self.rng.random()
        if roll < 0.05:
            return self.rng.choice(commune.vice_chairmen)
        if roll < 0.85:
            department = self.rng.choice(words.LEADING_DEPARTMENTS[area])
            return self.rng.choice(commune.officers[department])
        return self.rng.choice(commune.all_officers)

    def _assigner(self, commune: _Commune, lead: int) -> int:
        if lead in commune.vice_chairmen or self.rng.random() < 0.6:
            return commune.chairman
        return self.rng.choice(commune.vice_chairmen)

    def _coordinators(self, commune: _Commune, lead: int) -> list[int]:
        count = self.rng.choices(*_COORDINATORS)[0]
        chosen = self.rng.sample(commune.all_officers, count + 1)
        return [official for official in chosen if official != lead][:count]

    def _flush(self) -> None:
        if not self.pending:
            return
        session = self.writer.session
        ids = self.writer.insert(Task, [row for row, _, _ in self.pending])
        coordinators = [{"task_id": task_id, "official_id": official}
                        for task_id, (_, officials, _) in zip(ids, self.pending, strict=True)
                        for official in officials]
        updates = [{"task_id": task_id, **update}
                   for task_id, (_, _, update) in zip(ids, self.pending, strict=True) if update]
        if coordinators:
            session.execute(insert(task_coordinators), coordinators)
        if updates:
            session.execute(insert(ProgressUpdate.__table__), updates)
        self.pending = []

"""Writing a generated province with bulk INSERTs: units, departments, officials,
documents, then their tasks."""

import random
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from tracker.core.clock import DEFAULT_TIMEZONE, now_utc, today_in
from tracker.core.reform_areas import ReformArea
from tracker.core.roles import Role
from tracker.core.text import clean, fold
from tracker.demo import words
from tracker.demo.data import DEPARTMENTS, OFFICE
from tracker.demo.generate.records import (
    BATCH,
    DAY,
    HISTORY_DAYS,
    TASKS_PER_DOCUMENT,
    ZONE,
    DemoCommune,
    DemoDocument,
    Generated,
)
from tracker.demo.generate.tasks import DemoTasks
from tracker.documents.models import Document
from tracker.documents.types import DocumentType, format_reference
from tracker.org.models import Department, Official, Unit, UnitLevel, UnitSettings
from tracker.tasks.status import TaskClass


class DemoWriter:
    def __init__(self, session: Session, rng: random.Random, today: date,
                 password_hash: str) -> None:
        self.session, self.rng, self.today = session, rng, today
        self.password_hash = password_hash
        self.start = today - timedelta(days=HISTORY_DAYS)
        # Nothing is stamped later than now (or than the end of a `today` not the real one).
        end_of_day = datetime.combine(today, time(17), ZONE)
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
        DemoTasks(self, mix).write(communes, tasks)
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

    def _communes(self, code: str, places: list[str], province_id: int) -> list[DemoCommune]:
        codes = [f"{code}-{fold(place).replace(' ', '-')}" for place in places]
        ids = self._units([(c, f"UBND xã {p}", p, UnitLevel.COMMUNE)
                           for c, p in zip(codes, places, strict=True)], province_id)
        communes = [DemoCommune(i, c, p) for i, c, p in zip(ids, codes, places, strict=True)]
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

    def _staff(self, communes: list[DemoCommune], province_id: int, code: str) -> None:
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
    def _place(commune: DemoCommune, official_id: int, role: Role, department: str | None
               ) -> None:
        if role is Role.CHAIRMAN:
            commune.chairman = official_id
        elif role is Role.VICE_CHAIRMAN:
            commune.vice_chairmen.append(official_id)
        elif department is not None:
            commune.officers[department].append(official_id)
            commune.all_officers.append(official_id)

    # Documents.

    def _documents(self, communes: list[DemoCommune], province_name: str, province_place: str,
                   per_commune: int) -> None:
        received = self._province_documents(province_name, province_place)
        rows = [self._document_row(commune, *spec, own=False)
                for commune in communes for spec in received]
        ids = iter(self.insert(Document, rows))
        for commune in communes:
            commune.received = [DemoDocument(next(ids), spec[4], spec[6]) for spec in received]
        count = min(40, max(6, per_commune // TASKS_PER_DOCUMENT))
        rows = [self._document_row(commune, *spec, own=True)
                for commune in communes for spec in self._commune_documents(commune, count)]
        ids = iter(self.insert(Document, rows))
        for commune, row in zip((c for c in communes for _ in range(count)), rows, strict=True):
            commune.own.append(DemoDocument(next(ids), row["issued_on"], row["reform_area"]))
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
            issued = self.weekday(self.day_between(self.start, self.start + 60 * DAY))
            result.append((doc_type, number, symbol, issuer, issued,
                           title.format(province=place, year=issued.year), area, None))
        return result

    def _commune_documents(self, commune: DemoCommune, count: int) -> list[tuple]:
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

    def _document_row(self, commune: DemoCommune, doc_type: DocumentType, number: int, symbol: str,
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
            day -= DAY
        return day

    def moment(self, day: date) -> datetime:
        """A time in office hours that day, never later than now."""
        clock = time(self.rng.randint(7, 16), self.rng.randint(0, 59))
        return min(datetime.combine(day, clock, ZONE).astimezone(UTC), self.latest)

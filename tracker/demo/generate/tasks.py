"""A commune's generated tasks, in every class as of today, as rows for bulk INSERTs."""

from bisect import bisect_right
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert

from tracker.core.reform_areas import ReformArea
from tracker.core.text import roman
from tracker.demo import words
from tracker.demo.generate.records import (
    AREAS,
    BATCH,
    COORDINATORS,
    DAY,
    PERCENTS,
    C,
    DemoCommune,
    DemoDocument,
    cached_clean,
    cached_fold,
)
from tracker.tasks.models import ProgressUpdate, Task, TaskState, task_coordinators
from tracker.tasks.search_text import refresh_search_text
from tracker.tasks.status import TaskClass

if TYPE_CHECKING:  # the writer hands itself to the tasks it writes
    from tracker.demo.generate.writer import DemoWriter


class DemoTasks:
    """Tasks with dates that fit their class as of today, written in batches."""

    def __init__(self, writer: "DemoWriter", mix: Mapping[TaskClass, int]) -> None:
        self.writer, self.rng, self.today = writer, writer.rng, writer.today
        self.classes = [task_class for task_class in TaskClass if mix.get(task_class)]
        total, self.cumulative = 0, []
        for task_class in self.classes:
            total += mix[task_class]
            self.cumulative.append(total)
        self.pending: list[tuple[dict[str, Any], list[int], dict[str, Any] | None]] = []

    def write(self, communes: list[DemoCommune], total: int) -> None:
        for number, commune in enumerate(communes):
            count = total // len(communes) + (number < total % len(communes))
            for index in range(count):
                task_class = self._class(index)
                self.writer.by_class[task_class] += 1
                self.pending.append(self._task(commune, task_class))
                if len(self.pending) == BATCH:
                    self._flush()
        self._flush()
        # Bulk INSERTs pass by the session events that keep the search text of a task.
        refresh_search_text(self.writer.session.connection(),
                            Task.unit_id.in_([commune.id for commune in communes]))

    def _class(self, index: int) -> TaskClass:
        # Each commune's first tasks take every class once, so small runs show them all.
        if index < len(self.classes):
            return self.classes[index]
        return self.rng.choices(self.classes, cum_weights=self.cumulative)[0]

    def _task(self, commune: DemoCommune, task_class: TaskClass
              ) -> tuple[dict[str, Any], list[int], dict[str, Any] | None]:
        rng, writer = self.rng, self.writer
        # Done late and overdue need a due date before today, so a day of history at least.
        latest = self.today - DAY if task_class in (C.DONE_LATE, C.OVERDUE) else self.today
        document = self._document(commune, latest)
        first = document.issued_on if document else writer.start
        assigned = writer.weekday(writer.day_between(first, latest), floor=first)
        area = document.area if document else rng.choice(AREAS)
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
        row["title_key"] = cached_fold(row["title"])
        progress = self._settle(row, task_class, assigned)
        return row, self._coordinators(commune, lead), progress

    def _document(self, commune: DemoCommune, latest: date) -> DemoDocument | None:
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
                due = min(assigned + days(rng.randint(3, 90)), today - DAY)
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
        percent = rng.choice(PERCENTS)
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
        period = f"quý {roman((day.month - 1) // 3 + 1)}/{day.year}"
        title = rng.choice(words.TASK_TITLES[area]).format(
            field=rng.choice(words.FIELDS), hamlet=rng.choice(words.HAMLETS), period=period)
        return cached_clean(title)

    def _wording(self, due: date | None) -> str | None:
        """As plans write deadlines: "Thường xuyên", sometimes "trước ngày 15/6/2025"."""
        if due is None:
            return "Thường xuyên"
        return f"trước ngày {due.day}/{due.month}/{due.year}" if self.rng.random() < 0.2 \
            else None

    def _lead(self, commune: DemoCommune, area: ReformArea) -> int:
        roll = self.rng.random()
        if roll < 0.05:
            return self.rng.choice(commune.vice_chairmen)
        if roll < 0.85:
            department = self.rng.choice(words.LEADING_DEPARTMENTS[area])
            return self.rng.choice(commune.officers[department])
        return self.rng.choice(commune.all_officers)

    def _assigner(self, commune: DemoCommune, lead: int) -> int:
        if lead in commune.vice_chairmen or self.rng.random() < 0.6:
            return commune.chairman
        return self.rng.choice(commune.vice_chairmen)

    def _coordinators(self, commune: DemoCommune, lead: int) -> list[int]:
        count = self.rng.choices(*COORDINATORS)[0]
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

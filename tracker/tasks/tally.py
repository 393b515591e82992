"""Tasks by class: the one count the dashboard and the quarterly report both show.

Cancelled (or suspended) tasks no longer have to be done, so the report does not count
them in its total (Tổng số nhiệm vụ): they are counted apart, here as on the dashboard.
The completion rate is counted the way Vietnamese task tracking counts it: over the
tasks that have fallen due (đến hạn) — done, or open past their due date — not over
tasks still on time or ongoing.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from tracker.tasks.status import TaskClass


@dataclass
class Tally:
    """Tasks of one group (the unit, an area, a department, an official) by class."""

    counts: dict[TaskClass, int] = field(default_factory=lambda: dict.fromkeys(TaskClass, 0))

    @classmethod
    def of(cls, classes: Iterable[TaskClass]) -> "Tally":
        tally = cls()
        for task_class in classes:
            tally.counts[task_class] += 1
        return tally

    @property
    def total(self) -> int:
        """Every task but the cancelled ones: done and not done."""
        return self.done + self.not_done

    @property
    def including_cancelled(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def not_done(self) -> int:
        return self.in_progress + self.overdue + self.ongoing

    @property
    def fallen_due(self) -> int:
        return self.done + self.overdue

    @property
    def completion_rate(self) -> float | None:
        """Done out of what has fallen due, in percent; None when nothing has."""
        return 100 * self.done / self.fallen_due if self.fallen_due else None

    @property
    def on_time_rate(self) -> float | None:
        return 100 * self.done_on_time / self.fallen_due if self.fallen_due else None

    @property
    def done_on_time(self) -> int:
        return self.counts[TaskClass.DONE_ON_TIME]

    @property
    def done_late(self) -> int:
        return self.counts[TaskClass.DONE_LATE]

    @property
    def in_progress(self) -> int:
        return self.counts[TaskClass.IN_PROGRESS]

    @property
    def overdue(self) -> int:
        return self.counts[TaskClass.OVERDUE]

    @property
    def ongoing(self) -> int:
        return self.counts[TaskClass.ONGOING]

    @property
    def cancelled(self) -> int:
        return self.counts[TaskClass.CANCELLED]

    @classmethod
    def combined(cls, tallies: Iterable["Tally"]) -> "Tally":
        """The tasks of several groups together (a province's total over its communes)."""
        total = cls()
        for tally in tallies:
            for task_class, count in tally.counts.items():
                total.counts[task_class] += count
        return total

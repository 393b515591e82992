"""Reporting periods of Nghị định 09/2019/NĐ-CP as Công văn 581/BNV-CCHC applies them
to CCHC reports: figures run from the 15th of the month before the period to the 14th
of its last month, and most reports are cumulative from 15/12 of the year before."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from flask_babel import lazy_gettext as _l


class PeriodKind(StrEnum):
    Q1 = "Q1"
    H1 = "H1"
    Q3 = "Q3"
    NINE_MONTHS = "9M"
    YEAR = "Y"


# kind: (last month, cumulative from 15/12 of the year before?)
_SHAPE = {
    PeriodKind.Q1: (3, True),
    PeriodKind.H1: (6, True),
    PeriodKind.Q3: (9, False),
    PeriodKind.NINE_MONTHS: (9, True),
    PeriodKind.YEAR: (12, True),
}
_LABELS = {
    PeriodKind.Q1: _l("Quý I năm %(year)d"),
    PeriodKind.H1: _l("6 tháng đầu năm %(year)d"),
    PeriodKind.Q3: _l("Quý III năm %(year)d"),
    PeriodKind.NINE_MONTHS: _l("9 tháng năm %(year)d"),
    PeriodKind.YEAR: _l("năm %(year)d"),
}
# What a report's section IV plans for: the period after it ("Quý II năm 2023").
_NEXT_LABELS = {
    PeriodKind.Q1: _l("Quý II năm %(year)d"),
    PeriodKind.H1: _l("6 tháng cuối năm %(year)d"),
    PeriodKind.Q3: _l("Quý IV năm %(year)d"),
    PeriodKind.NINE_MONTHS: _l("Quý IV năm %(year)d"),
    PeriodKind.YEAR: _l("năm %(year)d"),
}
# kind: (years on, month) of the cut-off that ends the next period.
_NEXT_END = {
    PeriodKind.Q1: (0, 6),
    PeriodKind.H1: (0, 12),
    PeriodKind.Q3: (0, 12),
    PeriodKind.NINE_MONTHS: (0, 12),
    PeriodKind.YEAR: (1, 12),
}
# The four reports a commune writes each year, in order.
COMMUNE_CYCLE = (PeriodKind.Q1, PeriodKind.H1, PeriodKind.Q3, PeriodKind.YEAR)
CUTOFF_DAY = 14
_CODE = re.compile(r"^(\d{4})-(Q1|H1|Q3|9M|Y)$")


@dataclass(frozen=True)
class ReportingPeriod:
    year: int
    kind: PeriodKind

    @classmethod
    def parse(cls, code: str) -> "ReportingPeriod":
        """ "2023-Q1", "2023-H1", "2023-Q3", "2023-9M", "2023-Y"."""
        match = _CODE.match(code.strip().upper())
        if not match:
            raise ValueError(code)
        return cls(int(match.group(1)), PeriodKind(match.group(2)))

    @property
    def code(self) -> str:
        return f"{self.year}-{self.kind.value}"

    @property
    def last_month(self) -> int:
        return _SHAPE[self.kind][0]

    @property
    def start(self) -> date:
        if _SHAPE[self.kind][1]:
            return date(self.year - 1, 12, 15)
        return date(self.year, self.last_month - 3, 15)

    @property
    def cutoff(self) -> date:
        return date(self.year, self.last_month, CUTOFF_DAY)

    @property
    def label(self) -> str:
        return str(_LABELS[self.kind]) % {"year": self.year}

    @property
    def next_label(self) -> str:
        year = self.year + 1 if self.kind is PeriodKind.YEAR else self.year
        return str(_NEXT_LABELS[self.kind]) % {"year": year}

    @property
    def next_span(self) -> tuple[date, date]:
        """The days section IV plans for, from the day after the cut-off to the cut-off
        of the period `next_label` names."""
        year, month = _NEXT_END[self.kind]
        return self.cutoff + timedelta(days=1), date(self.year + year, month, CUTOFF_DAY)

    def has_started(self, day: date) -> bool:
        """A report may be drafted from the period's first day (its cut-off may be ahead)."""
        return self.start <= day

    def due_date(self, due_day: int) -> date:
        """The unit's own due date: `due_day` of the period's last month (a unit setting)."""
        return date(self.year, self.last_month, due_day)


def next_commune_period(day: date) -> ReportingPeriod:
    """The commune report running on `day`: its cut-off is `day` or the first after it."""
    for kind in COMMUNE_CYCLE:
        period = ReportingPeriod(day.year, kind)
        if period.cutoff >= day:
            return period
    return ReportingPeriod(day.year + 1, PeriodKind.Q1)


def period_due_now(day: date) -> ReportingPeriod:
    """The commune report to write on `day`: the latest whose cut-off has passed."""
    for kind in reversed(COMMUNE_CYCLE):
        period = ReportingPeriod(day.year, kind)
        if period.cutoff < day:
            return period
    return ReportingPeriod(day.year - 1, PeriodKind.YEAR)


def next_report_due(day: date, due_day: int) -> tuple[ReportingPeriod, date]:
    """The commune report whose due date (`due_day` of its last month, a unit setting)
    is `day` or the first after it, with that date."""
    candidates = (ReportingPeriod(year, kind) for year in (day.year, day.year + 1)
                  for kind in COMMUNE_CYCLE)
    period = next(p for p in candidates if p.due_date(due_day) >= day)
    return period, period.due_date(due_day)


def periods_covering(day: date) -> list[ReportingPeriod]:
    """Every period whose figures count `day` (from its start to its cut-off)."""
    after_last_cutoff = day.month == 12 and day.day > CUTOFF_DAY
    year = day.year + 1 if after_last_cutoff else day.year
    periods = (ReportingPeriod(year, kind) for kind in PeriodKind)
    return [period for period in periods if period.start <= day <= period.cutoff]


def offered_periods(today: date, days_with_data: Iterable[date]) -> list[ReportingPeriod]:
    """The periods a unit may report on, newest first: every period that counts a day
    with data, plus the commune report due now and the one running; none that has
    not started."""
    periods = {period_due_now(today), next_commune_period(today)}
    for day in days_with_data:
        periods.update(periods_covering(day))
    started = [period for period in periods if period.has_started(today)]
    return sorted(started, key=chronological, reverse=True)


def preselected_period(offered: list[ReportingPeriod], today: date) -> ReportingPeriod | None:
    """The period a new report starts on: the commune report due now, else the one
    running, else the newest offered."""
    for period in (period_due_now(today), next_commune_period(today)):
        if period in offered:
            return period
    return offered[0] if offered else None


def chronological(period: ReportingPeriod) -> tuple[date, int]:
    """The sort key of periods: by cut-off; on the same cut-off the longer (cumulative)
    period after the shorter."""
    return period.cutoff, list(PeriodKind).index(period.kind)


def recent_commune_periods(today: date, years: int = 2) -> list[ReportingPeriod]:
    """The commune reports of this year and the `years - 1` before that have started,
    newest first: what the level above looks back on."""
    periods = [ReportingPeriod(today.year - back, kind) for back in range(years)
               for kind in COMMUNE_CYCLE]
    started = [period for period in periods if period.has_started(today)]
    return sorted(started, key=chronological, reverse=True)

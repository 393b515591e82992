"""A pass reads what its loop needs as plain data: the commit after each unit's scan
expires every loaded object, and nothing of an earlier unit is read again."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from jobs.work import PassReport, scan_all_units, scan_units_due
from tests.factories import OfficialFactory, UnitFactory
from tests.helpers import statements_during
from tracker.extensions import db
from tracker.org.models import CalendarDay
from tracker.reminders.models import ScanRun

# 10:00 in Hà Nội on Tuesday 7 February 2023; still Monday the 6th in Los Angeles.
MORNING = datetime(2023, 2, 7, 3, 0, tzinfo=UTC)
DAY_BEFORE = MORNING.date() - timedelta(days=1)


def _communes(count: int) -> list:
    units = UnitFactory.create_batch(count)
    for unit in units:
        OfficialFactory(unit=unit)
        db.session.add(CalendarDay(unit=unit, day=MORNING.date(), is_working=False,
                                   note="Nghỉ bù"))
    db.session.commit()
    return units


@pytest.mark.usefixtures("db_session")
def test_a_pass_reads_each_unit_with_its_settings_and_calendar_once_in_one_statement():
    units = _communes(3)
    statements = statements_during(lambda: scan_all_units(db.session, MORNING, PassReport()))
    # Whether a unit has units below is the late reports' own question, not a reload.
    unit_reads = [s for s in statements
                  if any(table in s for table in ("FROM units", "unit_settings", "calendar_days"))
                  and "WHERE units.parent_id" not in s]
    # The loop's read of the units' codes and scan times, then each unit once, joined.
    assert len(unit_reads) == len(units) + 1
    assert all("unit_settings" in s and "calendar_days" in s for s in unit_reads[1:])


@pytest.mark.usefixtures("db_session")
def test_a_pass_scans_each_unit_once_for_its_own_local_day():
    hanoi, los_angeles, yesterday_only = _communes(3)
    los_angeles.timezone = "America/Los_Angeles"
    db.session.add_all([ScanRun(unit_id=hanoi.id, day=MORNING.date(), finished_at=MORNING),
                        # Scanned for its yesterday: today is still to scan.
                        ScanRun(unit_id=yesterday_only.id, day=DAY_BEFORE,
                                finished_at=MORNING)])
    db.session.commit()
    first, second = PassReport(), PassReport()
    scan_units_due(db.session, MORNING, first)
    scan_units_due(db.session, MORNING, second)
    assert sorted(first.scanned) == sorted([
        (los_angeles.code, DAY_BEFORE), (yesterday_only.code, MORNING.date())])
    assert second.scanned == []
    assert db.session.scalar(select(func.count()).select_from(ScanRun)) == 4


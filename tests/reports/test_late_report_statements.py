"""The late-report reminders of a province are written as the daily scan writes a unit's:
one INSERT a commune, whatever its recipients, and the communes' calendars in one read."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import func, select

from tests.factories import OfficialFactory, UnitFactory
from tests.helpers import statements_during
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.notifications.models import Notification, NotificationKind
from tracker.org.models import UnitLevel, UnitSettings
from tracker.reports.late_reports import remind_late_reports

FIRST_DAY_AFTER = date(2026, 9, 18)  # a Friday, the day after the Q3 2026 report's due date
MORNING = datetime.combine(FIRST_DAY_AFTER, time(8), ZoneInfo("Asia/Ho_Chi_Minh"))


def _province_with_communes_missing(count: int):
    """A province (chairman, vice-chairman, viewer) and `count` communes without a report,
    each with a chairman and a vice-chairman, who compile it (no office is set)."""
    province = UnitFactory(level=UnitLevel.PROVINCE)
    for role in (Role.CHAIRMAN, Role.VICE_CHAIRMAN, Role.VIEWER):
        OfficialFactory(unit=province, role=role)
    for _ in range(count):
        commune = UnitFactory(parent=province, settings=UnitSettings(report_due_day=17))
        for role in (Role.CHAIRMAN, Role.VICE_CHAIRMAN):
            OfficialFactory(unit=commune, role=role)
    db.session.commit()
    return province


def _remind(province) -> tuple[list[str], dict]:
    outcomes = []
    with time_machine.travel(MORNING.astimezone(UTC), tick=False):
        statements = statements_during(lambda: outcomes.append(
            remind_late_reports(db.session, province, FIRST_DAY_AFTER)))
    return statements, outcomes[0].written


@pytest.mark.usefixtures("db_session")
def test_a_province_writes_one_insert_a_commune_and_reads_the_calendars_once():
    small, large = _province_with_communes_missing(2), _province_with_communes_missing(5)
    (small_statements, small_written), (large_statements, large_written) = (
        _remind(small), _remind(large))

    def inserts(statements):
        return sum(s.startswith("INSERT INTO notifications") for s in statements)

    def calendar_reads(statements):
        return sum("FROM calendar_days" in s for s in statements)

    # Two leaders a commune (the chairman who compiles once), three readers of the summary.
    assert small_written == {NotificationKind.REPORT_MISSING: 4,
                             NotificationKind.REPORTS_SUMMARY: 3}
    assert large_written == {NotificationKind.REPORT_MISSING: 10,
                             NotificationKind.REPORTS_SUMMARY: 3}
    assert (inserts(small_statements), inserts(large_statements)) == (2 + 1, 5 + 1)
    assert calendar_reads(small_statements) == calendar_reads(large_statements)
    assert db.session.scalar(select(func.count()).select_from(Notification)) == 4 + 3 + 10 + 3

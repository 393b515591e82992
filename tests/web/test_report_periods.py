"""The periods the reports page offers: every period with data, whatever its year, plus
the commune report due now and the one running; the one due now comes preselected."""

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.conftest import csrf_token_from, sign_in
from tests.factories import DocumentFactory, OfficialFactory, TaskFactory, UnitFactory
from tracker.core.actor import SYSTEM
from tracker.core.roles import Role
from tracker.reports.models import Report
from tracker.reports.services import create_report

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = datetime(2026, 12, 3, 9, tzinfo=HANOI)
_SELECT = re.compile(r'<select[^>]*name="period"[^>]*>(.*?)</select>', re.S)
_OPTION = re.compile(r'<option( selected)? value="([^"]+)"')


@pytest.fixture
def chairman(db_session):
    unit = UnitFactory()
    chairman = OfficialFactory(unit=unit, role=Role.CHAIRMAN)
    DocumentFactory(unit=unit, issued_on=date(2023, 2, 1))  # its own plan, in Quý I 2023
    TaskFactory(unit=unit, due_date=date(2023, 3, 31))  # due in 6 tháng đầu năm 2023
    DocumentFactory(unit=unit, issued_by_unit=False, issued_on=date(2015, 2, 14),
                    issuer="Chính phủ")  # a higher level's: no 2015 report of the unit's
    db_session.commit()
    return chairman


def _offered(client) -> tuple[list[str], str | None]:
    html = client.get("/reports").get_data(as_text=True)
    options = _OPTION.findall(_SELECT.search(html).group(1))
    selected = [code for flag, code in options if flag]
    return [code for _flag, code in options], selected[0] if selected else None


def test_the_periods_with_data_and_the_reports_due_now_newest_first(client, chairman):
    with time_machine.travel(TODAY, tick=False):
        sign_in(client, chairman.username)
        codes, selected = _offered(client)
    assert codes == ["2026-Y", "2026-Q3", "2023-Y", "2023-9M", "2023-H1", "2023-Q1"]
    assert selected == "2026-Q3"  # its cut-off, 14/09, has passed: it is due now


def test_a_period_with_its_report_is_not_offered_again(client, chairman, db_session):
    create_report(db_session, SYSTEM, chairman.unit, "2026-Q3")
    db_session.commit()
    with time_machine.travel(TODAY, tick=False):
        sign_in(client, chairman.username)
        codes, selected = _offered(client)
    assert "2026-Q3" not in codes and selected == "2026-Y"


def test_a_period_not_offered_is_refused_and_nothing_is_written(client, chairman, db_session):
    with time_machine.travel(TODAY, tick=False):
        sign_in(client, chairman.username)
        token = csrf_token_from(client.get("/reports").get_data(as_text=True))
        response = client.post("/reports", data={"period": "2019-Q1", "csrf_token": token})
    assert response.status_code == 422
    assert "Lựa chọn không hợp lệ." in response.get_data(as_text=True)
    assert db_session.query(Report).count() == 0


def test_the_report_due_now_turns_over_at_the_units_midnight(client, chairman):
    # 14/09/2026 16:00 UTC is 23:00 in the unit, 18:00 UTC is 15/09 01:00 there.
    with time_machine.travel(datetime(2026, 9, 14, 16, tzinfo=UTC), tick=False):
        sign_in(client, chairman.username)
        codes, selected = _offered(client)
    assert selected == "2026-H1" and "2026-Y" not in codes
    with time_machine.travel(datetime(2026, 9, 14, 18, tzinfo=UTC), tick=False):
        codes, selected = _offered(client)
    assert selected == "2026-Q3" and "2026-Y" in codes  # Quý III's cut-off has passed

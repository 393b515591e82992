"""The demo unit loaded the day after the Q1 2023 cut-off, as the office would meet it
when it sits down to write the Q1 2023 report."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import select

from tracker.demo.loader import load_demo
from tracker.org.models import Official, Unit
from tracker.reports.models import Report
from tracker.reports.services import create_report

REPORT_DAY = datetime(2023, 3, 15, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))  # a Wednesday


@pytest.fixture
def report_day():
    with time_machine.travel(REPORT_DAY, tick=False):
        yield


@pytest.fixture
def commune(db_session, report_day) -> Unit:
    load_demo(db_session, password="demo-cchc")
    return db_session.scalar(select(Unit).where(Unit.code == "pho-phong"))


@pytest.fixture
def official(db_session):
    def by_username(username: str) -> Official:
        return db_session.scalar(select(Official).where(Official.username == username))

    return by_username


@pytest.fixture
def office(official) -> Official:
    """The demo's office officer, who compiles the report."""
    return official("vanphong1")


@pytest.fixture
def report(commune, db_session, office) -> Report:
    """The Q1 2023 draft of the demo commune, as the office starts it."""
    return create_report(db_session, office, commune, "2023-Q1")

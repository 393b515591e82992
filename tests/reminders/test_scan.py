import re
from datetime import date

import pytest
import time_machine
from sqlalchemy import select, update
from sqlalchemy.orm.attributes import set_committed_value

from jobs.cli import jobs_group
from jobs.runner import run_once
from tests.conftest import csrf_token_from, sign_in
from tests.factories import OfficialFactory
from tests.jobs.scenario import build_commune, notification_keys, readable
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.org.settings import add_calendar_day
from tracker.reminders.scan import _write_bookkeeping
from tracker.tasks.models import Task
from tracker.tasks.services import update_task


@pytest.fixture
def commune(db_session):
    return build_commune()


def _new_on(app, commune, day):
    before = notification_keys()
    run_once(app, day)
    return readable(notification_keys() - before, commune)


def test_moving_a_due_date_restarts_its_reminders(app, commune):
    task = commune.tasks["overdue"]
    run_once(app, date(2023, 2, 6))  # flagged overdue
    db.session.refresh(task)
    with time_machine.travel("2023-02-07 08:00 +07:00", tick=False):
        update_task(db.session, commune.chairman, task, version=task.version,
                    due_date=date(2023, 2, 9))
    assert task.overdue_flagged_on is None and task.next_scan_on is None
    new = _new_on(app, commune, date(2023, 2, 7))
    assert ("due_reminder", "overdue", 2, "chutri") in new


def test_an_edit_form_opened_before_the_scan_still_saves(app, client, commune):
    task = commune.tasks["overdue"]
    with time_machine.travel("2023-02-06 06:30 +07:00", tick=False):
        sign_in(client, "chutich")
        form = client.get(f"/tasks/{task.id}/edit").get_data(as_text=True)
    seen = re.search(r'name="version" type="hidden" value="(\d+)"', form).group(1)
    run_once(app, date(2023, 2, 6))  # flags it overdue, works out its next scan day
    db.session.refresh(task)
    assert task.overdue_flagged_on == date(2023, 2, 6) and task.next_scan_on is not None
    assert str(task.version) == seen
    with time_machine.travel("2023-02-06 07:20 +07:00", tick=False):
        saved = client.post(f"/tasks/{task.id}/edit", data={
            "csrf_token": csrf_token_from(form), "title": "Tên mới", "reform_area": "procedures",
            "lead": commune.lead.id, "due": "03/02/2023", "version": seen})
    assert saved.status_code == 302
    db.session.refresh(task)
    assert task.title == "Tên mới" and task.overdue_flagged_on == date(2023, 2, 6)


def test_the_scan_keeps_no_bookkeeping_for_a_task_edited_since_it_read_it(commune):
    task = commune.tasks["overdue"]
    set_committed_value(task, "next_scan_on", date(2023, 2, 9))  # as the scan worked it out
    tasks = Task.__table__
    db.session.execute(update(tasks).where(tasks.c.id == task.id)
                       .values(version=tasks.c.version + 1))  # an edit committed meanwhile
    _write_bookkeeping(db.session, [task])
    assert db.session.scalar(select(tasks.c.next_scan_on).where(tasks.c.id == task.id)) is None


def test_reassigning_announces_to_the_new_lead_only(app, commune):
    task = commune.tasks["ongoing"]
    newcomer = OfficialFactory(unit=commune.unit, username="moi", role=Role.OFFICER)
    helper = OfficialFactory(unit=commune.unit, username="giup", role=Role.OFFICER)
    before = notification_keys()
    update_task(db.session, commune.chairman, task, version=task.version, lead=newcomer)
    update_task(db.session, commune.chairman, task, version=task.version,
                coordinators=[commune.other, helper])  # the former lead was told already
    new = {key.split(":")[0] + ":" + key.split(":")[-1] for key in notification_keys() - before}
    assert new == {f"assigned:{newcomer.id}", f"assigned:{helper.id}"}


def test_no_reminder_on_a_day_the_unit_declared_a_holiday(app, commune):
    admin = OfficialFactory(unit=commune.unit, role=Role.ADMIN)
    add_calendar_day(db.session, admin, commune.unit, day=date(2023, 1, 27), is_working=False,
                     note="Nghỉ bù")
    assert _new_on(app, commune, date(2023, 1, 27)) == set()
    # The next working day sends the reminder that fits it.
    assert ("due_reminder", "overdue", 5, "chutri") in _new_on(app, commune, date(2023, 1, 30))


def test_report_reminder_falls_back_to_the_leaders_without_an_office(app, commune):
    commune.unit.settings.office_department = None
    db.session.flush()
    new = _new_on(app, commune, date(2023, 3, 13))
    assert {row for row in new if row[0] == "report_due"} == {("report_due", None, 2, "chutich")}


def test_run_once_command_reports_what_it_did(app, commune):
    result = app.test_cli_runner().invoke(jobs_group, ["run-once", "--today", "2023-02-06"])
    assert result.exit_code == 0, result.output
    assert "Đã quét xa-nhac-viec ngày 06/02/2023" in result.output
    assert "Thông báo mới: 9" in result.output


def test_run_once_refuses_a_malformed_date(app, commune):
    result = app.test_cli_runner().invoke(jobs_group, ["run-once", "--today", "06/02/2023"])
    assert result.exit_code == 2 and "--today" in result.output

"""Loading the demo unit through the services, as its officials would have entered it.

Every step runs at the moment it happened (a document on its issue date, a task on
the day it was assigned, a result on its completion date), so the audit log, the
notifications and the report periods read like a real unit's history.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import partial
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.core.actor import SYSTEM
from tracker.core.clock import DEFAULT_TIMEZONE, moment_source, today_in
from tracker.core.roles import Role
from tracker.demo import data
from tracker.documents.models import Document
from tracker.documents.services import register_document
from tracker.notifications.services import mark_all_read
from tracker.org.calendar import unit_calendar
from tracker.org.departments import create_department
from tracker.org.models import Department, Official, Unit
from tracker.org.services import create_official
from tracker.org.settings import update_preferences, update_unit_settings
from tracker.org.units import create_unit
from tracker.tasks.extension_requests import request_extension
from tracker.tasks.models import Task
from tracker.tasks.services import cancel_task, complete_task, create_task, record_progress

# The day the commune started keeping its registry here: units, officials and the
# documents issued before it are entered on that day.
SETUP_DAY = date(2022, 12, 1)
_OFFICE_HOURS = time(8, 30)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: Role
    position: str
    unit_name: str


@dataclass(frozen=True)
class DemoLoad:
    created: bool
    documents: int
    tasks: int
    accounts: list[DemoAccount]


def load_demo(session: Session, *, password: str) -> DemoLoad:
    """Create the demo unit unless it exists; running it again changes nothing.

    :raise ValidationFailed: a password the services refuse (too short).
    """
    exists = session.scalar(select(Unit.id).where(Unit.code == data.COMMUNE_CODE)) is not None
    if not exists:
        _History(session, password).write()
    return _summary(session, created=not exists)


class _History:
    def __init__(self, session: Session, password: str) -> None:
        self.session, self.password = session, password
        self.today = today_in(DEFAULT_TIMEZONE)
        self.units: dict[str, Unit] = {}
        self.departments: dict[str, Department] = {}
        self.officials: dict[str, Official] = {}
        self.documents: dict[str, Document] = {}
        self.tasks: dict[str, Task] = {}

    def write(self) -> None:
        with _at(SETUP_DAY):
            self._organisation()
        self.calendar = unit_calendar(self.units[data.COMMUNE_CODE])
        # Open tasks count their due dates from the next working day when loaded on a
        # weekend or holiday, so "due in 0 days" is a day someone is at work.
        self.anchor = self.today if self.calendar.is_working_day(self.today) \
            else self.calendar.add_working_days(self.today, 1)
        # sorted() is stable: on the same day a document comes before its tasks.
        for day, step in sorted(self._events(), key=lambda event: event[0]):
            with _at(day):
                step()
        for official in self.officials.values():
            # What was assigned in the past has been seen; new reminders stay unread,
            # and from now on they go out by e-mail too.
            mark_all_read(self.session, official)
            _choose_email(self.session, official, True)
        # Asked on the load day, after the old notices were read: the chairman has it waiting.
        for spec in data.TASKS:
            if isinstance(spec.outcome, data.ExtensionAsked):
                self._ask_extension(spec, spec.outcome)
        self.session.flush()

    def _organisation(self) -> None:
        for spec in data.UNITS:
            parent = self.units.get(spec.parent_code) if spec.parent_code else None
            self.units[spec.code] = create_unit(
                self.session, SYSTEM, code=spec.code, name=spec.name,
                place_name=spec.place_name, level=spec.level, parent=parent,
            )
        self.session.flush()
        commune = self.units[data.COMMUNE_CODE]
        for position, name in enumerate(data.DEPARTMENTS):
            self.departments[name] = create_department(
                self.session, SYSTEM, commune, name=name, position=position
            )
        shared_hash = None  # one password for every demo account: hashed once, not 16 times
        for spec in data.OFFICIALS:
            self.officials[spec.username] = create_official(
                self.session, SYSTEM, self.units[spec.unit_code], username=spec.username,
                password=self.password, password_hash=shared_hash,
                full_name=spec.full_name, role=spec.role,
                position=spec.position, email=f"{spec.username}@{data.EMAIL_DOMAIN}",
                department=self.departments.get(spec.department),
            )
            shared_hash = self.officials[spec.username].password_hash
            # The history's notices were read in the app back then: none waits as an e-mail.
            _choose_email(self.session, self.officials[spec.username], False)
        update_unit_settings(self.session, SYSTEM, commune,
                             office_department=self.departments[data.OFFICE])

    def _events(self) -> Iterator[tuple[date, Callable[[], None]]]:
        for document in data.DOCUMENTS:
            yield max(document.issued_on, SETUP_DAY), partial(self._register, document)
        for task in data.TASKS:
            yield task.assigned_on, partial(self._assign, task)
            if task.outcome is not None and not isinstance(task.outcome, data.ExtensionAsked):
                yield self._outcome_day(task.outcome), partial(self._settle, task)

    def _register(self, spec: data.DemoDocument) -> None:
        self.documents[spec.key] = register_document(
            self.session, self.officials["chutich"], self.units[data.COMMUNE_CODE],
            doc_type=spec.doc_type, number=spec.number, symbol=spec.symbol, issuer=spec.issuer,
            issued_on=spec.issued_on, title=spec.title, reform_area=spec.reform_area,
            implements=self.documents.get(spec.implements) if spec.implements else None,
        )

    def _assign(self, spec: data.DemoTask) -> None:
        due = spec.due_on
        if spec.due_in is not None:
            due = self.calendar.add_working_days(self.anchor, spec.due_in)
        self.tasks[spec.title] = create_task(
            self.session, self.officials[spec.assigned_by], self.units[data.COMMUNE_CODE],
            title=spec.title, reform_area=spec.reform_area, lead=self.officials[spec.lead],
            document=self.documents[spec.document] if spec.document else None,
            coordinators=[self.officials[name] for name in spec.coordinators],
            followers=[self.officials[name] for name in spec.followers],
            due_date=due, recurrence=spec.recurrence,
        )
        self.session.flush()

    def _settle(self, spec: data.DemoTask) -> None:
        task, outcome = self.tasks[spec.title], spec.outcome
        lead = self.officials[spec.lead]
        match outcome:
            case data.Done(completed_on=completed_on, result=result):
                complete_task(self.session, lead, task, result=result,
                              completed_on=completed_on, version=task.version)
            case data.InProgress(percent=percent, note=note):
                record_progress(self.session, lead, task, percent=percent, note=note,
                                version=task.version)
            case data.Cancelled(reason=reason):
                cancel_task(self.session, self.officials[spec.assigned_by], task,
                            reason=reason, version=task.version)

    def _ask_extension(self, spec: data.DemoTask, asked: data.ExtensionAsked) -> None:
        task = self.tasks[spec.title]
        request_extension(
            self.session, self.officials[spec.lead], task, reason=asked.reason,
            proposed_due_date=self.calendar.add_working_days(self.anchor, asked.due_in),
            version=task.version)

    def _outcome_day(self, outcome: data.Done | data.InProgress | data.Cancelled) -> date:
        match outcome:
            case data.Done(completed_on=day) | data.Cancelled(cancelled_on=day):
                return day
            case data.InProgress(working_days_ago=ago):
                return self.calendar.add_working_days(self.today, -ago)


def _choose_email(session: Session, official: Official, enabled: bool) -> None:
    update_preferences(session, official, official, notify_email=enabled,
                       email_digest=official.email_digest, notify_webhook=official.notify_webhook)


@contextmanager
def _at(day: date) -> Iterator[None]:
    """Everything written inside happens on `day`, at the start of office hours."""
    moment = datetime.combine(day, _OFFICE_HOURS, ZoneInfo(DEFAULT_TIMEZONE))
    with moment_source(lambda: moment):
        yield


def _summary(session: Session, *, created: bool) -> DemoLoad:
    commune = session.scalar(select(Unit).where(Unit.code == data.COMMUNE_CODE))
    usernames = [spec.username for spec in data.OFFICIALS]
    officials = {o.username: o for o in session.scalars(
        select(Official).where(Official.username.in_(usernames)))}
    return DemoLoad(
        created=created,
        documents=_count(session, Document.unit_id == commune.id),
        tasks=_count(session, Task.unit_id == commune.id),
        accounts=[
            DemoAccount(o.username, o.full_name, o.role, o.position, o.unit.name)
            for o in (officials.get(name) for name in usernames) if o is not None
        ],
    )


def _count(session: Session, condition) -> int:
    return session.scalar(select(func.count()).where(condition))

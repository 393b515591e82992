"""Loading the demo's communes through the services, as their officials would have
entered them: Phổ Phong as it stood in 2023, and a present-day commune under the
province with work due around the load day.

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
from tracker.demo.present_day import present_day_commune
from tracker.documents.models import Document
from tracker.documents.services import register_document
from tracker.notifications.services import mark_all_read
from tracker.org.departments import create_department
from tracker.org.models import Department, Official, Unit
from tracker.org.services import create_official
from tracker.org.settings import update_preferences, update_unit_settings
from tracker.org.units import create_unit
from tracker.tasks.extension_requests import request_extension
from tracker.tasks.models import Task
from tracker.tasks.services import cancel_task, complete_task, create_task, record_progress

_OFFICE_HOURS = time(8, 30)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: Role
    position: str
    unit_name: str


@dataclass(frozen=True)
class DemoCommuneLoad:
    code: str
    name: str
    created: bool  # by this run; False: it was there already and is left as it was
    documents: int
    tasks: int


@dataclass(frozen=True)
class DemoLoad:
    communes: list[DemoCommuneLoad]
    accounts: list[DemoAccount]

    @property
    def created(self) -> bool:
        return any(commune.created for commune in self.communes)


def load_demo(session: Session, *, password: str) -> DemoLoad:
    """Create each demo commune that does not exist yet; running it again changes nothing.

    The present-day commune comes only once it can have a history (after the 2025
    reform); its dates are counted from today.

    :raise ValidationFailed: a password the services refuse (too short).
    """
    communes = [data.PHO_PHONG_2023]
    present = present_day_commune(today_in(DEFAULT_TIMEZONE))
    if present is not None:
        communes.append(present)
    created = set()
    for commune in communes:
        if session.scalar(select(Unit.id).where(Unit.code == commune.code)) is None:
            _History(session, commune, password).write()
            created.add(commune.code)
    return _summary(session, communes, created)


class _History:
    def __init__(self, session: Session, commune: data.DemoCommune, password: str) -> None:
        self.session, self.commune, self.password = session, commune, password
        self.units: dict[str, Unit] = {}
        self.departments: dict[str, Department] = {}
        self.officials: dict[str, Official] = {}
        self.documents: dict[str, Document] = {}
        self.tasks: dict[str, Task] = {}

    def write(self) -> None:
        with _at(self.commune.setup_day):
            self._organisation()
        # sorted() is stable: on the same day a document comes before its tasks.
        events = sorted(self._events(), key=lambda event: event[0])
        for day, step in events:
            with _at(day):
                step()
        # By the history's last day what was assigned has been seen; new reminders stay
        # unread, and from then on they go out by e-mail too.
        with _at(events[-1][0]):
            for spec in self.commune.officials:
                official = self.officials[spec.username]
                mark_all_read(self.session, official)
                _choose_email(self.session, official, True)
        # Asked on the load day, after the old notices were read: the chairman has it waiting.
        for spec in self.commune.tasks:
            if isinstance(spec.outcome, data.ExtensionAsked):
                self._ask_extension(spec, spec.outcome)
        self.session.flush()

    def _organisation(self) -> None:
        for spec in self.commune.units:
            self.units[spec.code] = create_unit(
                self.session, SYSTEM, code=spec.code, name=spec.name,
                place_name=spec.place_name, level=spec.level,
                parent=self._unit(spec.parent_code) if spec.parent_code else None,
            )
            self.session.flush()
        unit = self.units[self.commune.code]
        for position, name in enumerate(self.commune.departments):
            self.departments[name] = create_department(
                self.session, SYSTEM, unit, name=name, position=position
            )
        shared_hash = None  # one password for every demo account: hashed once, not 16 times
        for spec in self.commune.officials:
            self.officials[spec.username] = create_official(
                self.session, SYSTEM, self._unit(spec.unit_code or self.commune.code),
                username=spec.username, password=self.password, password_hash=shared_hash,
                full_name=spec.full_name, role=spec.role, position=spec.position,
                email=f"{spec.username}@{self.commune.email_domain}",
                department=self.departments.get(spec.department),
            )
            shared_hash = self.officials[spec.username].password_hash
            # The history's notices were read in the app back then: none waits as an e-mail.
            _choose_email(self.session, self.officials[spec.username], False)
        update_unit_settings(self.session, SYSTEM, unit,
                             office_department=self.departments[self.commune.office],
                             **({"report_recipients": self.commune.recipients}
                                if self.commune.recipients else {}))

    def _unit(self, code: str) -> Unit:
        """One of this commune's new units, or one an earlier commune created (the province)."""
        if code not in self.units:
            self.units[code] = self.session.scalar(select(Unit).where(Unit.code == code))
        return self.units[code]

    def _events(self) -> Iterator[tuple[date, Callable[[], None]]]:
        for document in self.commune.documents:
            yield max(document.issued_on, self.commune.setup_day), partial(self._register,
                                                                           document)
        for task in self.commune.tasks:
            yield task.assigned_on, partial(self._assign, task)
            if task.outcome is not None and not isinstance(task.outcome, data.ExtensionAsked):
                yield _outcome_day(task.outcome), partial(self._settle, task)

    def _register(self, spec: data.DemoDocument) -> None:
        self.documents[spec.key] = register_document(
            self.session, self.officials[self.commune.chairman], self.units[self.commune.code],
            doc_type=spec.doc_type, number=spec.number, symbol=spec.symbol, issuer=spec.issuer,
            issued_on=spec.issued_on, title=spec.title, reform_area=spec.reform_area,
            implements=self.documents.get(spec.implements) if spec.implements else None,
        )

    def _assign(self, spec: data.DemoTask) -> None:
        self.tasks[spec.title] = create_task(
            self.session, self._assigner(spec), self.units[self.commune.code],
            title=spec.title, reform_area=spec.reform_area, lead=self.officials[spec.lead],
            document=self.documents[spec.document] if spec.document else None,
            coordinators=[self.officials[name] for name in spec.coordinators],
            followers=[self.officials[name] for name in spec.followers],
            due_date=spec.due_on, recurrence=spec.recurrence,
        )
        self.session.flush()

    def _assigner(self, spec: data.DemoTask) -> Official:
        return self.officials[spec.assigned_by or self.commune.chairman]

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
                cancel_task(self.session, self._assigner(spec), task,
                            reason=reason, version=task.version)

    def _ask_extension(self, spec: data.DemoTask, asked: data.ExtensionAsked) -> None:
        task = self.tasks[spec.title]
        request_extension(
            self.session, self.officials[spec.lead], task, reason=asked.reason,
            proposed_due_date=asked.proposed_due, version=task.version)


def _outcome_day(outcome: data.Done | data.InProgress | data.Cancelled) -> date:
    match outcome:
        case data.Done(completed_on=day) | data.Cancelled(cancelled_on=day) | \
                data.InProgress(written_on=day):
            return day


def _choose_email(session: Session, official: Official, enabled: bool) -> None:
    update_preferences(session, official, official, notify_email=enabled,
                       email_digest=official.email_digest, notify_webhook=official.notify_webhook)


@contextmanager
def _at(day: date) -> Iterator[None]:
    """Everything written inside happens on `day`, at the start of office hours."""
    moment = datetime.combine(day, _OFFICE_HOURS, ZoneInfo(DEFAULT_TIMEZONE))
    with moment_source(lambda: moment):
        yield


def _summary(session: Session, communes: list[data.DemoCommune], created: set[str]
             ) -> DemoLoad:
    units = {unit.code: unit for unit in session.scalars(
        select(Unit).where(Unit.code.in_([commune.code for commune in communes])))}
    usernames = [spec.username for commune in communes for spec in commune.officials]
    officials = {o.username: o for o in session.scalars(
        select(Official).where(Official.username.in_(usernames)))}
    return DemoLoad(
        communes=[
            DemoCommuneLoad(unit.code, unit.name, unit.code in created,
                            _count(session, Document.unit_id == unit.id),
                            _count(session, Task.unit_id == unit.id))
            for unit in (units[commune.code] for commune in communes)
        ],
        accounts=[
            DemoAccount(o.username, o.full_name, o.role, o.position, o.unit.name)
            for o in (officials.get(name) for name in usernames) if o is not None
        ],
    )


def _count(session: Session, condition) -> int:
    return session.scalar(select(func.count()).where(condition))

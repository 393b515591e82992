"""A small commune and a handful of tasks whose reminders tests follow day by day."""

from dataclasses import dataclass
from datetime import date

import time_machine

from tests.factories import DepartmentFactory, OfficialFactory, UnitFactory
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.notifications.models import Notification
from tracker.org.models import Official, Unit
from tracker.tasks.models import Task
from tracker.tasks.services import create_task


@dataclass
class Commune:
    unit: Unit
    chairman: Official
    lead: Official
    coordinator: Official
    other: Official
    office: Official
    tasks: dict[str, Task]


def build_commune(email_domain: str | None = None) -> Commune:
    """The commune as the chairman set it up on the morning of 02/01/2023."""
    with time_machine.travel("2023-01-02 08:00 +07:00", tick=False):
        return _build(email_domain)


def _build(email_domain: str | None) -> Commune:
    unit = UnitFactory(code="xa-nhac-viec", name="UBND xã Nhắc Việc")
    office_department = DepartmentFactory(unit=unit, name="Văn phòng - Thống kê")
    unit.settings.office_department = office_department

    def person(username, role, department=None):
        email = f"{username}@{email_domain}" if email_domain else None
        return OfficialFactory(unit=unit, username=username, role=role, email=email,
                               department=department)

    commune = Commune(
        unit=unit,
        chairman=person("chutich", Role.CHAIRMAN),
        lead=person("chutri", Role.OFFICER),
        coordinator=person("phoihop", Role.OFFICER),
        other=person("khac", Role.OFFICER),
        office=person("vanphong", Role.OFFICER, office_department),
        tasks={},
    )
    due_dates = {
        "done_early": date(2023, 2, 10),
        "done_late": date(2023, 2, 15),
        "overdue": date(2023, 2, 3),
        "across_tet": date(2023, 1, 30),
    }
    for name, due in due_dates.items():
        commune.tasks[name] = _task(commune, name, due, commune.lead, [commune.coordinator])
    commune.tasks["ongoing"] = _task(commune, "ongoing", None, commune.other, [])
    db.session.flush()
    return commune


def _task(commune: Commune, name: str, due: date | None, lead, coordinators) -> Task:
    return create_task(db.session, commune.chairman, commune.unit, title=f"Nhiệm vụ {name}",
                       reform_area="procedures", lead=lead, coordinators=coordinators,
                       due_date=due)


def notification_keys() -> set[str]:
    return set(db.session.scalars(db.select(Notification.key)))


def readable(keys: set[str], commune: Commune) -> set[tuple]:
    """(kind, task name or None, offset, username) for each key."""
    names = {str(task.id): name for name, task in commune.tasks.items()}
    usernames = {str(o.id): o.username for o in (commune.chairman, commune.lead,
                 commune.coordinator, commune.other, commune.office)}
    rows = set()
    for key in keys:
        kind, task_id, _due, offset, recipient = key.split(":")
        rows.add((kind, names.get(task_id), int(offset), usernames[recipient]))
    return rows


def load_commune() -> Commune:
    """The commune `build_commune` wrote, read back from the database."""
    unit = db.session.scalar(db.select(Unit).where(Unit.code == "xa-nhac-viec"))
    people = {o.username: o for o in db.session.scalars(db.select(Official))}
    tasks = {t.title.removeprefix("Nhiệm vụ "): t for t in db.session.scalars(db.select(Task))}
    return Commune(unit, people["chutich"], people["chutri"], people["phoihop"],
                   people["khac"], people["vanphong"], tasks)

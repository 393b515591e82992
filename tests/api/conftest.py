"""A commune with its chairman, two officers, a viewer, and a neighbouring commune;
each official holds a personal API token."""

from datetime import date
from types import SimpleNamespace

import pytest

from tests.factories import DepartmentFactory, OfficialFactory, TaskFactory, UnitFactory
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.org.tokens import create_token


def bearer(official) -> dict[str, str]:
    _token, secret = create_token(db.session, official, official, "thử")
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def commune(db_session):
    unit = UnitFactory(name="UBND xã Phổ Phong")
    office = DepartmentFactory(unit=unit, name="Văn phòng - Thống kê")
    justice = DepartmentFactory(unit=unit, name="Tư pháp - Hộ tịch")
    people = SimpleNamespace(
        unit=unit, office=office, justice=justice,
        chairman=OfficialFactory(unit=unit, username="chutich", role=Role.CHAIRMAN,
                                 full_name="Trần Văn Chủ"),
        lead=OfficialFactory(unit=unit, username="tuphap1", department=justice,
                             full_name="Võ Thị Kim Oanh"),
        other=OfficialFactory(unit=unit, username="vanphong1", department=office,
                              full_name="Huỳnh Văn Tâm"),
        viewer=OfficialFactory(unit=unit, username="xem", role=Role.VIEWER),
        stranger=OfficialFactory(username="xakhac", role=Role.CHAIRMAN),
    )
    people.task = TaskFactory(unit=unit, lead=people.lead, coordinators=[people.other],
                              title="Rà soát thủ tục hành chính", due_date=date(2023, 3, 31))
    for name in ("chairman", "lead", "other", "viewer", "stranger"):
        setattr(people, f"{name}_auth", bearer(getattr(people, name)))
    return people

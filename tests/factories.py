"""factory_boy factories per domain, writing through the test's session."""

from datetime import date

import factory
from werkzeug.security import generate_password_hash

from tests.conftest import TEST_PASSWORD
from tracker.core.reform_areas import ReformArea
from tracker.core.roles import Role
from tracker.core.text import fold
from tracker.documents.models import Document
from tracker.documents.types import DocumentType, format_reference
from tracker.extensions import db
from tracker.org.models import Department, Official, Unit, UnitLevel, UnitSettings
from tracker.tasks.models import Task, TaskState

# scrypt is deliberately slow: hash the shared test password once.
_TEST_PASSWORD_HASH = generate_password_hash(TEST_PASSWORD)


class _Base(factory.alchemy.SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "flush"


class UnitFactory(_Base):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"xa-{n}")
    name = factory.Sequence(lambda n: f"UBND xã Thử Nghiệm {n}")
    place_name = factory.Sequence(lambda n: f"Thử Nghiệm {n}")
    level = UnitLevel.COMMUNE
    timezone = "Asia/Ho_Chi_Minh"
    settings = factory.LazyFunction(UnitSettings)


class DepartmentFactory(_Base):
    class Meta:
        model = Department

    unit = factory.SubFactory(UnitFactory)
    name = factory.Sequence(lambda n: f"Bộ phận {n}")


class OfficialFactory(_Base):
    class Meta:
        model = Official

    unit = factory.SubFactory(UnitFactory)
    username = factory.Sequence(lambda n: f"canbo{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Cán Bộ {n}")
    name_key = factory.LazyAttribute(lambda o: fold(o.full_name))
    position = "Công chức"
    role = Role.OFFICER
    active = True
    password_hash = _TEST_PASSWORD_HASH


class DocumentFactory(_Base):
    class Meta:
        model = Document

    unit = factory.SubFactory(UnitFactory)
    doc_type = DocumentType.KH
    number = factory.Sequence(lambda n: n + 1)
    symbol = "KH-UBND"
    issuer = factory.LazyAttribute(lambda o: o.unit.name)
    issuer_key = factory.LazyAttribute(lambda o: fold(o.issuer))
    issued_by_unit = True
    issued_on = date(2023, 2, 1)
    year = factory.LazyAttribute(lambda o: o.issued_on.year)
    title = factory.Sequence(lambda n: f"Kế hoạch thử nghiệm số {n}")
    title_key = factory.LazyAttribute(lambda o: fold(o.title))
    reference_key = factory.LazyAttribute(lambda o: fold(format_reference(o.number, o.symbol)))
    reform_area = ReformArea.PROCEDURES


class TaskFactory(_Base):
    class Meta:
        model = Task

    unit = factory.SubFactory(UnitFactory)
    lead = factory.SubFactory(OfficialFactory, unit=factory.SelfAttribute("..unit"))
    reform_area = ReformArea.PROCEDURES
    title = factory.Sequence(lambda n: f"Nhiệm vụ thử nghiệm {n}")
    title_key = factory.LazyAttribute(lambda o: fold(o.title))
    state = TaskState.OPEN
    progress_percent = 0
    due_date = date(2023, 3, 31)

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import func, select

from tests.conftest import sign_in
from tests.factories import UnitFactory
from tests.helpers import count_by_class, count_rows
from tracker.core.actor import SYSTEM
from tracker.core.errors import ValidationFailed
from tracker.core.text import fold
from tracker.demo.generate import Generated, generate
from tracker.documents.models import Document
from tracker.documents.types import format_reference
from tracker.org.models import Official, Unit, UnitSettings
from tracker.org.tokens import create_token
from tracker.tasks.models import Task, TaskState
from tracker.tasks.status import TaskClass

PASSWORD = "mat-khau-sinh-ra"
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = date(2024, 5, 15)  # a Wednesday


@pytest.fixture(autouse=True)
def on_the_day():
    with time_machine.travel(datetime(2024, 5, 15, 9, tzinfo=ZONE), tick=False):
        yield


def _generate(db_session, code: str = "tinh-thu", seed: int = 7, **sizes) -> Generated:
    sizes = {"units": 3, "tasks": 200} | sizes
    return generate(db_session, seed=seed, password=PASSWORD, province_code=code, **sizes)


def _communes(db_session, code: str) -> list[Unit]:
    province = db_session.scalar(select(Unit).where(Unit.code == code))
    return db_session.scalars(select(Unit).where(Unit.parent_id == province.id)
                              .order_by(Unit.id)).all()


def _tasks(db_session, code: str) -> list[Task]:
    ids = [commune.id for commune in _communes(db_session, code)]
    return db_session.scalars(select(Task).where(Task.unit_id.in_(ids)).order_by(Task.id)).all()


def test_every_commune_has_tasks_of_every_class_as_of_today(db_session):
    made = _generate(db_session)
    communes = _communes(db_session, "tinh-thu")
    assert len(communes) == made.communes == 3
    totals = dict.fromkeys(TaskClass, 0)
    for commune in communes:
        counts = count_by_class(db_session, commune, TODAY)
        assert all(counts.values()), counts
        for task_class, count in counts.items():
            totals[task_class] += count
    assert totals == made.by_class and sum(totals.values()) == made.tasks == 200


def test_tasks_obey_the_rules_of_their_state(db_session):
    _generate(db_session)
    for task in _tasks(db_session, "tinh-thu"):
        assigned = task.assigned_at.astimezone(ZONE).date()
        assert task.title_key == fold(task.title) and task.lead.unit_id == task.unit_id
        assert task.assigned_by.role.leads_unit and task.assigned_by.unit_id == task.unit_id
        if task.document is not None:
            assert task.document.unit_id == task.unit_id
            assert task.document.issued_on <= assigned
        if task.due_date is not None:
            assert task.due_date >= assigned
        if task.state is TaskState.DONE:
            assert assigned <= task.completed_on <= TODAY and task.result
            assert task.progress_percent == 100
        elif task.state is TaskState.CANCELLED:
            assert assigned <= task.cancelled_on <= TODAY and task.cancel_reason
        else:
            assert task.completed_on is None and task.result is None
            assert 0 <= task.progress_percent < 100
        assert task.created_at <= task.updated_at <= datetime.now(ZONE)
        coordinators = task.coordinators
        assert all(c.unit_id == task.unit_id and c.id != task.lead_id for c in coordinators)


def test_progress_updates_are_the_leads_and_match_the_percent(db_session):
    _generate(db_session)
    for task in _tasks(db_session, "tinh-thu"):
        updates = task.progress_updates
        if task.state is TaskState.OPEN and task.progress_percent:
            assert [(u.author_id, u.percent) for u in updates] == [
                (task.lead_id, task.progress_percent)]
            assert task.version == 2
        else:
            assert updates == []


def test_officials_documents_and_settings_are_as_the_services_would_write_them(db_session):
    made = _generate(db_session)
    officials = db_session.scalars(select(Official).where(Official.username.startswith(
        "tinh-thu"))).all()
    assert len(officials) == made.officials
    assert all(o.name_key == fold(o.full_name) for o in officials)
    assert len({o.username for o in officials}) == len(officials)
    assert count_rows(Official) == db_session.scalar(
        select(func.count(func.distinct(Official.username))))
    assert made.chairman in {o.username for o in officials if o.role == "chairman"}
    communes = _communes(db_session, "tinh-thu")
    documents = db_session.scalars(select(Document).where(
        Document.unit_id.in_([c.id for c in communes]))).all()
    assert len(documents) == made.documents
    for document in documents:
        assert document.issuer_key == fold(document.issuer)
        assert document.title_key == fold(document.title)
        assert document.reference_key == fold(format_reference(document.number, document.symbol))
        assert document.year == document.issued_on.year and document.issued_on <= TODAY
        assert document.issued_by_unit == (document.issuer == document.unit.name)
        if document.implements is not None:
            assert document.implements.issued_on <= document.issued_on
    for commune in communes:
        settings = db_session.get(UnitSettings, commune.id)
        assert settings.office_department.unit_id == commune.id


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(db_session):
    def snapshot(code: str) -> list[tuple]:
        return [(t.title, t.state, t.due_date, t.completed_on, t.lead.full_name,
                 t.document.title if t.document else None, len(t.coordinators))
                for t in _tasks(db_session, code)]

    _generate(db_session, "tinh-a", seed=11)
    _generate(db_session, "tinh-b", seed=11)
    _generate(db_session, "tinh-c", seed=12)
    assert snapshot("tinh-a") == snapshot("tinh-b")
    assert snapshot("tinh-a") != snapshot("tinh-c")


@pytest.fixture
def runner(app, db_session):
    return app.test_cli_runner()


def test_the_command_prints_what_it_made_and_whom_to_sign_in_as(runner):
    result = runner.invoke(args=["demo", "generate", "--units", "2", "--tasks", "30",
                                 "--province-code", "tinh-lenh", "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    assert "với 2 xã" in result.output and "30 nhiệm vụ" in result.output
    assert "Đăng nhập thử: tinh-lenh-" in result.output


def test_a_taken_province_code_is_refused_and_nothing_is_written(runner, db_session):
    UnitFactory(code="tinh-co-roi")
    db_session.commit()  # as if there since an earlier run
    units, tasks = count_rows(Unit), count_rows(Task)
    result = runner.invoke(args=["demo", "generate", "--units", "2", "--tasks", "30",
                                 "--province-code", "tinh-co-roi", "--password", PASSWORD])
    assert result.exit_code == 1
    assert "Đơn vị tinh-co-roi đã có; không ghi gì." in result.output
    assert (count_rows(Unit), count_rows(Task)) == (units, tasks)


def test_a_commune_code_taken_under_the_prefix_is_refused_too(db_session):
    UnitFactory(code="tinh-mot-an-hoa")
    with pytest.raises(ValidationFailed, match="Đã có đơn vị hoặc tài khoản mang mã tinh-mot"):
        _generate(db_session, "tinh-mot")
    assert db_session.scalar(select(Unit).where(Unit.code == "tinh-mot")) is None


def test_a_generated_chairman_sees_the_pages_and_the_api(client, db_session):
    made = _generate(db_session)
    chairman = db_session.scalar(select(Official).where(Official.username == made.chairman))
    _, secret = create_token(db_session, SYSTEM, chairman, "thử tải")
    sign_in(client, made.chairman, PASSWORD)
    for url in ("/", "/my-tasks", "/tasks", "/tasks?q=ke+hoach"):
        assert client.get(url).status_code == 200, url
    response = client.get("/api/v1/tasks", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    tasks = db_session.scalar(select(func.count()).where(Task.unit_id == chairman.unit_id))
    assert response.get_json()["total"] == tasks


def test_hundreds_of_communes_get_distinct_codes_and_usernames(db_session):
    # Place names that fold alike ("Thanh Mỹ", "Thạnh Mỹ") would give one code twice.
    made = _generate(db_session, units=400, tasks=0)
    codes = [commune.code for commune in _communes(db_session, "tinh-thu")]
    assert len(set(codes)) == len(codes) == made.communes

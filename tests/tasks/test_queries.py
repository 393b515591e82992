from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from tests.factories import (
    DepartmentFactory,
    DocumentFactory,
    OfficialFactory,
    TaskFactory,
    UnitFactory,
)
from tracker.core.reform_areas import ReformArea
from tracker.documents.queries import search_documents
from tracker.documents.types import DocumentType
from tracker.tasks.models import TaskState
from tracker.tasks.queries import TaskFilters, TaskSort, list_tasks
from tracker.tasks.status import TaskClass, classify

TODAY = date(2023, 3, 20)


def _done(on: date) -> dict:
    return {"state": TaskState.DONE, "completed_on": on, "progress_percent": 100}


def _cancelled(on: date) -> dict:
    return {"state": TaskState.CANCELLED, "cancelled_on": on, "cancel_reason": "Dừng theo chỉ đạo"}


@pytest.fixture
def commune(db_session):
    """Six tasks, one per class on TODAY, with leads in two departments and two documents;
    and a task of another commune that matches every search below."""
    unit = UnitFactory()
    office, land = DepartmentFactory(unit=unit), DepartmentFactory(unit=unit)
    oanh = OfficialFactory(unit=unit, department=office, full_name="Võ Thị Kim Oanh")
    dat = OfficialFactory(unit=unit, department=land, full_name="Lê Đức Đạt")
    an = OfficialFactory(unit=unit, full_name="Nguyễn Văn An")
    plan = DocumentFactory(unit=unit, number=14, title="Kế hoạch cải cách hành chính năm 2023")
    decision = DocumentFactory(unit=unit, doc_type=DocumentType.QD, number=5, symbol="QĐ-UBND",
                               title="Quyết định về quản lý đất đai")
    tasks = SimpleNamespace(
        review=TaskFactory(unit=unit, lead=oanh, document=plan, coordinators=[dat],
                           title="Rà soát thủ tục hành chính", due_date=date(2023, 3, 31),
                           progress_percent=40),
        survey=TaskFactory(unit=unit, lead=dat, document=decision,
                           reform_area=ReformArea.INSTITUTIONS,
                           title="Đo đạc bản đồ địa chính", due_date=date(2023, 3, 10),
                           progress_percent=70),
        notice=TaskFactory(unit=unit, lead=an, title="Niêm yết công khai thủ tục",
                           due_date=None, progress_percent=10),
        report=TaskFactory(unit=unit, lead=oanh, document=plan, reform_area=ReformArea.DIRECTION,
                           title="Báo cáo kết quả quý I", due_date=date(2023, 3, 15),
                           **_done(date(2023, 3, 14))),
        check=TaskFactory(unit=unit, lead=an, document=decision, title="Kiểm tra hồ sơ đất đai",
                          due_date=date(2023, 3, 1), **_done(date(2023, 3, 5))),
        training=TaskFactory(unit=unit, lead=dat, reform_area=ReformArea.DIGITAL_GOVERNMENT,
                             title="Tập huấn phần mềm một cửa", due_date=date(2023, 4, 10),
                             **_cancelled(date(2023, 3, 2))),
    )
    other = UnitFactory()
    TaskFactory(unit=other, title="Rà soát thủ tục hành chính đất đai Kế hoạch 14/KH-UBND",
                document=DocumentFactory(unit=other, number=14), due_date=None,
                lead=OfficialFactory(unit=other, full_name="Võ Thị Kim Oanh"))
    return SimpleNamespace(unit=unit, office=office, land=land, oanh=oanh, dat=dat, an=an,
                           plan=plan, decision=decision, tasks=tasks)


def _found(db_session, commune, today: date = TODAY, **filters) -> set[str]:
    """The fixture names of the tasks the list finds with `filters`."""
    page = list_tasks(db_session, commune.unit, TaskFilters(**filters), today)
    by_id = {task.id: name for name, task in vars(commune.tasks).items()}
    assert page.total == len(page.items)
    return {by_id[task.id] for task in page.items}


def test_without_filters_every_task_of_the_unit_and_no_other(db_session, commune):
    assert _found(db_session, commune) == set(vars(commune.tasks))


@pytest.mark.parametrize(("filters", "expected"), [
    ({"task_class": TaskClass.OVERDUE}, {"survey"}),
    ({"state": TaskState.DONE}, {"report", "check"}),
    ({"state": TaskState.CANCELLED}, {"training"}),
    ({"reform_area": ReformArea.PROCEDURES}, {"review", "notice", "check"}),
    ({"department_id": "office"}, {"review", "report"}),
    ({"official_id": "dat"}, {"survey", "training", "review"}),  # review: as coordinator
    ({"document_id": "plan"}, {"review", "report"}),
    ({"due_from": date(2023, 3, 15)}, {"review", "report", "training"}),
    ({"due_to": date(2023, 3, 10)}, {"survey", "check"}),
    ({"text": "thu tuc"}, {"review", "notice"}),
])
def test_each_filter_alone(db_session, commune, filters, expected):
    assert _found(db_session, commune, **_resolved(commune, filters)) == expected


@pytest.mark.parametrize(("filters", "expected"), [
    ({"official_id": "oanh", "state": TaskState.OPEN}, {"review"}),
    ({"reform_area": ReformArea.PROCEDURES, "task_class": TaskClass.ONGOING}, {"notice"}),
    ({"text": "thu tuc", "department_id": "office"}, {"review"}),
    ({"due_from": date(2023, 3, 1), "due_to": date(2023, 3, 15), "state": TaskState.DONE},
     {"report", "check"}),
    ({"document_id": "decision", "task_class": TaskClass.DONE_LATE, "text": "dat"}, {"check"}),
    ({"official_id": "an", "department_id": "office"}, set()),
])
def test_filters_combined(db_session, commune, filters, expected):
    assert _found(db_session, commune, **_resolved(commune, filters)) == expected


def _resolved(commune, filters: dict) -> dict:
    """Fixture names given for ids (the ids exist only once the fixture ran)."""
    return {key: getattr(commune, value).id if key.endswith("_id") else value
            for key, value in filters.items()}


@pytest.mark.parametrize(("text", "expected"), [
    ("ke hoach", {"review", "report"}),  # the document's title "Kế hoạch …"
    ("KẾ HOẠCH", {"review", "report"}),
    ("dat dai", {"survey", "check"}),  # đ folds to d: "đất đai"
    ("ĐẤT ĐAI", {"survey", "check"}),
    ("Đo đạc", {"survey"}),
    ("do dac", {"survey"}),
    ("14/KH-UBND", {"review", "report"}),  # the document's reference
    ("5/QĐ", {"survey", "check"}),
    ("oanh", {"review", "report"}),  # the lead's name
    ("le duc", {"survey", "training"}),
    ("kiem tra dat", {"check"}),  # every word, each anywhere
    ("hanh chinh khong co", set()),
])
def test_search_folds_diacritics_case_and_d(db_session, commune, text, expected):
    assert _found(db_session, commune, text=text) == expected


def test_search_takes_percent_and_underscore_literally(db_session):
    unit = UnitFactory()
    # A name without digits: the factory's numbered names would match "50".
    lead = OfficialFactory(unit=unit, full_name="Trần Thị Lan")
    TaskFactory(unit=unit, lead=lead, title="Giảm 50% thời gian giải quyết")
    TaskFactory(unit=unit, lead=lead, title="Tiếp nhận 500 hồ sơ")
    TaskFactory(unit=unit, lead=lead, title="Mã hồ_sơ điện tử")

    def titles(text: str) -> set[str]:
        page = list_tasks(db_session, unit, TaskFilters(text=text), TODAY)
        return {task.title for task in page.items}

    assert titles("50%") == {"Giảm 50% thời gian giải quyết"}
    assert titles("%") == {"Giảm 50% thời gian giải quyết"}
    assert titles("5_0") == set()
    assert titles("ho_so") == {"Mã hồ_sơ điện tử"}
    assert titles("50") == {"Giảm 50% thời gian giải quyết", "Tiếp nhận 500 hồ sơ"}


@pytest.mark.parametrize("day", [TODAY - timedelta(days=1), TODAY, TODAY + timedelta(days=1)])
def test_the_class_filter_agrees_with_classify(db_session, day):
    unit = UnitFactory()
    lead = OfficialFactory(unit=unit)
    yesterday, tomorrow = TODAY - timedelta(days=1), TODAY + timedelta(days=1)
    tasks = [
        TaskFactory(unit=unit, lead=lead, due_date=TODAY),
        TaskFactory(unit=unit, lead=lead, due_date=yesterday),
        TaskFactory(unit=unit, lead=lead, due_date=tomorrow),
        TaskFactory(unit=unit, lead=lead, due_date=None),
        TaskFactory(unit=unit, lead=lead, due_date=yesterday, **_done(TODAY)),
        TaskFactory(unit=unit, lead=lead, due_date=TODAY, **_done(TODAY)),
        TaskFactory(unit=unit, lead=lead, due_date=None, **_done(yesterday)),
        TaskFactory(unit=unit, lead=lead, due_date=yesterday, **_done(tomorrow)),
        TaskFactory(unit=unit, lead=lead, due_date=TODAY, **_cancelled(TODAY)),
        TaskFactory(unit=unit, lead=lead, due_date=None, **_cancelled(tomorrow)),
    ]
    seen = set()
    for task_class in TaskClass:
        page = list_tasks(db_session, unit, TaskFilters(task_class=task_class), day)
        expected = {task.id for task in tasks if classify(task, day) is task_class}
        assert {task.id for task in page.items} == expected, task_class
        seen |= expected
    assert seen == {task.id for task in tasks}


def test_pages_and_their_boundaries(db_session):
    unit = UnitFactory()
    lead = OfficialFactory(unit=unit)
    for day in range(1, 6):
        TaskFactory(unit=unit, lead=lead, title=f"Việc {day}", due_date=date(2023, 3, day))

    def page(number: int):
        return list_tasks(db_session, unit, TaskFilters(), TODAY, number, per_page=2)

    assert [t.title for t in page(1).items] == ["Việc 1", "Việc 2"]
    assert [t.title for t in page(3).items] == ["Việc 5"]
    assert (page(3).total, page(3).pages) == (5, 3)
    assert (page(4).items, page(4).total, page(4).pages) == ([], 5, 3)
    empty = list_tasks(db_session, UnitFactory(), TaskFilters(), TODAY, 1, per_page=2)
    assert (empty.items, empty.total, empty.pages) == ([], 0, 1)


@pytest.mark.parametrize(("sort", "descending", "expected"), [
    (TaskSort.DUE, False, ["check", "survey", "report", "review", "training", "notice"]),
    (TaskSort.DUE, True, ["training", "review", "report", "survey", "check", "notice"]),
    (TaskSort.TITLE, False, ["report", "survey", "check", "notice", "review", "training"]),
    # Vietnamese name order: given name first, An < Đạt < Oanh.
    (TaskSort.LEAD, False, ["check", "notice", "survey", "training", "report", "review"]),
    (TaskSort.LEAD, True, ["report", "review", "survey", "training", "check", "notice"]),
    (TaskSort.PROGRESS, True, ["check", "report", "survey", "review", "notice", "training"]),
])
def test_sorting(db_session, commune, sort, descending, expected):
    page = list_tasks(db_session, commune.unit, TaskFilters(sort=sort, descending=descending),
                      TODAY)
    by_id = {task.id: name for name, task in vars(commune.tasks).items()}
    assert [by_id[task.id] for task in page.items] == expected


def test_search_documents_by_folded_title_and_reference(db_session, commune):
    DocumentFactory(unit=commune.unit, number=3, title="Kế hoạch 50% hồ sơ trực tuyến")
    DocumentFactory(number=14, title="Kế hoạch cải cách hành chính của xã khác")

    def found(text: str, limit: int = 10) -> list[str]:
        return [d.reference for d in search_documents(db_session, commune.unit, text, limit)]

    assert found("ke hoach cai cach") == ["14/KH-UBND"]
    assert found("ĐẤT ĐAI") == ["05/QĐ-UBND"]
    assert found("14/kh-ubnd") == ["14/KH-UBND"]
    assert found("qđ") == ["05/QĐ-UBND"]
    assert found("50%") == ["03/KH-UBND"]
    # Issued the same day: the higher number first.
    assert found("ke hoach") == ["14/KH-UBND", "03/KH-UBND"]
    assert found("ke hoach", limit=1) == ["14/KH-UBND"]
    assert found("   ") == []

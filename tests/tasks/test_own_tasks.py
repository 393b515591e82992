from datetime import date, timedelta

from tests.factories import OfficialFactory, TaskFactory, UnitFactory
from tracker.tasks.models import TaskState
from tracker.tasks.own_tasks import own_open_tasks

TODAY = date(2023, 3, 20)


def test_lead_and_coordinate_apart_most_urgent_first(db_session):
    unit = UnitFactory()
    me, other = OfficialFactory(unit=unit), OfficialFactory(unit=unit)

    def task(title: str, due: date | None, lead=me, **fields):
        return TaskFactory(unit=unit, lead=lead, title=title, due_date=due, **fields)

    task("Sau này", TODAY + timedelta(days=10))
    task("Thường xuyên", None)
    task("Sắp đến hạn (3 ngày)", TODAY + timedelta(days=3))
    task("Quá hạn hôm qua", TODAY - timedelta(days=1))
    task("Đến hạn hôm nay", TODAY)
    task("Sau 4 ngày", TODAY + timedelta(days=4))
    task("Quá hạn lâu", TODAY - timedelta(days=30))
    task("Đã xong", TODAY - timedelta(days=5), state=TaskState.DONE,
         completed_on=TODAY - timedelta(days=6))
    task("Đã hủy", TODAY, state=TaskState.CANCELLED, cancelled_on=TODAY, cancel_reason="Dừng")
    task("Việc người khác", TODAY, lead=other)
    task("Phối hợp, thường xuyên", None, lead=other, coordinators=[me])
    task("Phối hợp, quá hạn", TODAY - timedelta(days=2), lead=other, coordinators=[me])
    task("Phối hợp, sắp đến hạn", TODAY + timedelta(days=1), lead=other, coordinators=[me])
    TaskFactory(title="Ở đơn vị khác", lead=OfficialFactory(), coordinators=[me])

    own = own_open_tasks(db_session, me)
    assert [t.title for t in own.leading.items] == [
        "Quá hạn lâu", "Quá hạn hôm qua", "Đến hạn hôm nay", "Sắp đến hạn (3 ngày)",
        "Sau 4 ngày", "Sau này", "Thường xuyên"]
    assert [t.title for t in own.coordinating.items] == [
        "Phối hợp, quá hạn", "Phối hợp, sắp đến hạn", "Phối hợp, thường xuyên"]
    assert (own.leading.total, own.coordinating.total) == (7, 3)


def test_only_the_most_urgent_are_read_and_every_one_is_counted(db_session):
    unit = UnitFactory()
    me, other = OfficialFactory(unit=unit), OfficialFactory(unit=unit)
    led = [TaskFactory(unit=unit, lead=me, due_date=TODAY + timedelta(days=n))
           for n in range(5)]
    helped = [TaskFactory(unit=unit, lead=other, coordinators=[me, other],
                          due_date=TODAY - timedelta(days=n)) for n in range(4)]

    own = own_open_tasks(db_session, me, limit=3)
    assert [t.id for t in own.leading.items] == [t.id for t in led[:3]]
    assert [t.id for t in own.coordinating.items] == [t.id for t in reversed(helped[1:])]
    assert (own.leading.total, own.coordinating.total) == (5, 4)

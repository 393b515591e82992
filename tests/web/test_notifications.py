import re

import pytest

from tests.conftest import csrf_token_from, sign_in
from tests.factories import OfficialFactory, TaskFactory, UnitFactory
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.notifications.models import Notification, NotificationKind
from tracker.notifications.services import enqueue


@pytest.fixture
def me(db_session):
    return OfficialFactory(unit=UnitFactory(), username="tuphap1", role=Role.OFFICER)


def _notify(official, title: str, *, offset: int = 0, kind=NotificationKind.ASSIGNED):
    task = TaskFactory(unit=official.unit, lead=official, title=title)
    payload = {"role": "lead", "title": title, "due": "2023-03-31", "days": offset}
    enqueue(db.session, official.unit, official, kind, payload, task_id=task.id, offset=offset)
    return db.session.query(Notification).filter_by(task_id=task.id).one()


def _bell(html: str) -> str:
    return re.search(r'<a class="nav-bell.*?</a>', html, re.S).group(0)


def test_bell_counts_unread_until_all_are_marked_read(client, me):
    _notify(me, "Rà soát thủ tục hành chính")
    _notify(me, "Niêm yết công khai thủ tục")
    sign_in(client, "tuphap1")
    bell = _bell(client.get("/").get_data(as_text=True))
    assert 'aria-label="2 thông báo chưa đọc"' in bell
    assert 'data-testid="unread-count">2<' in bell
    token = csrf_token_from(client.get("/notifications").get_data(as_text=True))
    response = client.post("/notifications/read-all", data={"csrf_token": token})
    assert response.status_code == 302
    bell = _bell(client.get("/").get_data(as_text=True))
    assert 'aria-label="0 thông báo chưa đọc"' in bell and "unread-count" not in bell


def test_list_shows_newest_first_with_text_time_and_task_link(client, me):
    older = _notify(me, "Rà soát thủ tục hành chính")
    newer = _notify(me, "Niêm yết công khai thủ tục")
    sign_in(client, "tuphap1")
    html = client.get("/notifications").get_data(as_text=True)
    assert html.index("Niêm yết công khai thủ tục") < html.index("Rà soát thủ tục hành chính")
    assert "Nhiệm vụ mới: bạn chủ trì" in html and "thời hạn: 31/03/2023" in html
    assert f'href="/tasks/{newer.task_id}"' in html and f'href="/tasks/{older.task_id}"' in html
    assert html.count("notification-unread") == 2
    assert client.get(f"/tasks/{newer.task_id}").status_code == 200


def test_marking_one_read_leaves_the_others_unread(client, me):
    first = _notify(me, "Rà soát thủ tục hành chính")
    second = _notify(me, "Niêm yết công khai thủ tục")
    sign_in(client, "tuphap1")
    token = csrf_token_from(client.get("/notifications").get_data(as_text=True))
    response = client.post(f"/notifications/{first.id}/read", data={"csrf_token": token})
    assert response.status_code == 302
    db.session.expire_all()
    assert first.read_at is not None and second.read_at is None
    html = client.get("/notifications").get_data(as_text=True)
    assert html.count("notification-unread") == 1


def test_marking_someone_elses_notification_is_404_and_changes_nothing(client, me):
    colleague = OfficialFactory(unit=me.unit)
    theirs = _notify(colleague, "Việc của người khác")
    sign_in(client, "tuphap1")
    token = csrf_token_from(client.get("/notifications").get_data(as_text=True))
    response = client.post(f"/notifications/{theirs.id}/read", data={"csrf_token": token})
    assert response.status_code == 404
    assert "Không tìm thấy thông báo." in response.get_data(as_text=True)
    db.session.expire_all()
    assert theirs.read_at is None


def test_no_notifications_says_so(client, me):
    sign_in(client, "tuphap1")
    html = client.get("/notifications").get_data(as_text=True)
    assert "Chưa có thông báo nào." in html
    assert "Đánh dấu tất cả đã đọc" not in html


def test_fifty_a_page(client, me):
    for offset in range(51):
        _notify(me, f"Nhiệm vụ số {offset:02d}", offset=offset)
    sign_in(client, "tuphap1")
    first = client.get("/notifications").get_data(as_text=True)
    assert first.count('data-testid="notification-') == 50
    assert "Nhiệm vụ số 50" in first and "Nhiệm vụ số 00" not in first
    second = client.get("/notifications?page=2").get_data(as_text=True)
    assert second.count('data-testid="notification-') == 1 and "Nhiệm vụ số 00" in second


def test_marking_all_read_needs_the_csrf_token(client, me):
    notification = _notify(me, "Rà soát thủ tục hành chính")
    sign_in(client, "tuphap1")
    response = client.post("/notifications/read-all")
    assert response.status_code == 400
    db.session.expire_all()
    assert notification.read_at is None


def test_notifications_need_sign_in(client, db_session):
    response = client.get("/notifications")
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")


@pytest.mark.parametrize(("role", "shown"), [(Role.ADMIN, True), (Role.OFFICER, False)])
def test_settings_link_only_for_the_units_admin(client, db_session, role, shown):
    OfficialFactory(username="nguoidung1", role=role)
    sign_in(client, "nguoidung1")
    html = client.get("/").get_data(as_text=True)
    assert 'href="/notifications"' in html and 'href="/profile"' in html
    assert ('href="/settings"' in html) is shown


def test_the_report_reminder_leads_to_the_reports(client, me):
    enqueue(db.session, me.unit, me, NotificationKind.REPORT_DUE,
            {"period": "Quý I năm 2023", "due": "2023-03-15", "cutoff": "2023-03-14"},
            task_id=None, offset=2)
    sign_in(client, "tuphap1")
    html = client.get("/notifications").get_data(as_text=True)
    assert "Hạn gửi báo cáo CCHC Quý I năm 2023: 15/03/2023" in html
    assert '<a href="/reports">Mở báo cáo</a>' in html

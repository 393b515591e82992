import itertools
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.conftest import csrf_token_from, sign_in
from tests.factories import DepartmentFactory, OfficialFactory, TaskFactory, UnitFactory
from tests.helpers import audit_actions, settings_form
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.notifications.models import (
    Channel,
    Delivery,
    DeliveryStatus,
    Notification,
    NotificationKind,
)
from tracker.notifications.queue import FAILED_LIST_LIMIT
from tracker.notifications.services import enqueue
from tracker.org.models import CalendarDay

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def unit(db_session):
    return UnitFactory(name="UBND xã Cài Đặt")


@pytest.fixture
def admin(unit):
    return OfficialFactory(unit=unit, username="quantri1", role=Role.ADMIN)


def _post(client, path: str, data: dict):
    token = csrf_token_from(client.get("/settings").get_data(as_text=True))
    return client.post(path, data={"csrf_token": token, **data})


def test_form_shows_the_saved_settings(client, admin):
    sign_in(client, "quantri1")
    html = client.get("/settings").get_data(as_text=True)
    assert 'value="07:00"' in html and 'value="5, 2, 0"' in html


def test_admin_saves_the_reminder_settings(client, unit, admin):
    office = DepartmentFactory(unit=unit, name="Văn phòng - Thống kê")
    sign_in(client, "quantri1")
    response = _post(client, "/settings", settings_form(
        scan_time="06:30", reminder_offsets="0, 7, 3", overdue_repeat_days="0",
        report_due_day="10", office_department=str(office.id),
        webhook_url="https://chat.example.vn/hook"))
    assert response.status_code == 302
    db.session.expire_all()
    settings = unit.settings
    assert (settings.scan_time, settings.reminder_offsets, settings.overdue_repeat_days,
            settings.report_due_day) == (time(6, 30), "7,3,0", 0, 10)
    assert settings.office_department == office
    assert settings.webhook_url == "https://chat.example.vn/hook"
    assert audit_actions(settings) == ["update"]
    assert "Đã lưu cài đặt của đơn vị." in client.get("/settings").get_data(as_text=True)


def test_admin_sets_who_receives_and_who_signs_the_reports(client, unit, admin):
    sign_in(client, "quantri1")
    response = _post(client, "/settings", settings_form(
        report_recipients="  Sở Nội vụ tỉnh Quảng Ngãi\n\nCT, PCT UBND xã\n",
        vice_chairmen_sign_reports=""))
    assert response.status_code == 302
    db.session.expire_all()
    assert unit.settings.report_recipients == "Sở Nội vụ tỉnh Quảng Ngãi\nCT, PCT UBND xã"
    assert unit.settings.vice_chairmen_sign_reports is False
    response = _post(client, "/settings", settings_form(report_recipients="x" * 201))
    assert response.status_code == 422
    assert "Tối đa 30 nơi nhận" in response.get_data(as_text=True)


def test_officer_gets_403_and_cannot_post(client, unit, admin):
    OfficialFactory(unit=unit, username="congchuc1", role=Role.OFFICER)
    sign_in(client, "congchuc1")
    page = client.get("/settings")
    assert page.status_code == 403
    assert "Bạn không có quyền thực hiện thao tác này." in page.get_data(as_text=True)
    token = csrf_token_from(client.get("/").get_data(as_text=True))
    response = client.post("/settings",
                           data={"csrf_token": token, **settings_form(scan_time="05:00")})
    assert response.status_code == 403
    db.session.expire_all()
    assert unit.settings.scan_time == time(7, 0)


def test_admin_of_another_unit_cannot_reach_this_units_settings(client, unit):
    OfficialFactory(username="quantrikhac", role=Role.ADMIN)
    calendar_day = CalendarDay(unit=unit, day=date(2023, 4, 29), is_working=True)
    db.session.add(calendar_day)
    db.session.flush()
    sign_in(client, "quantrikhac")
    token = csrf_token_from(client.get("/").get_data(as_text=True))
    response = client.post(f"/settings/calendar/{calendar_day.id}/remove",
                           data={"csrf_token": token})
    assert response.status_code == 404
    assert db.session.get(CalendarDay, calendar_day.id) is not None


def test_bad_offsets_are_422_with_the_message_and_nothing_is_saved(client, unit, admin):
    sign_in(client, "quantri1")
    response = _post(client, "/settings", settings_form(scan_time="08:30", reminder_offsets="5, x"))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Nhập các số ngày làm việc cách nhau bởi dấu phẩy, ví dụ 5,2,0." in html
    assert 'value="5, x"' in html
    db.session.expire_all()
    assert (unit.settings.scan_time, unit.settings.reminder_offsets) == (time(7, 0), "5,2,0")


@pytest.mark.parametrize(("field", "value", "message"), [
    ("escalation_days", "ba", "Nhập một số nguyên."),
    ("escalation_days", "", "Trường này là bắt buộc."),
    ("report_due_day", "31", "Giá trị phải từ 1 đến 28."),
    ("scan_time", "25:00", "Giờ không hợp lệ (ví dụ 07:00)."),
    ("webhook_url", "ftp://chat.example.vn", "Địa chỉ webhook phải bắt đầu bằng http://"),
    ("webhook_url", "http://127.0.0.1:5432/", "phải là địa chỉ công khai"),
    ("webhook_url", "http://10.0.0.1/hook", "phải là địa chỉ công khai"),
    ("webhook_url", "http://[::1]:6379/", "phải là địa chỉ công khai"),
    ("webhook_url", "http://169.254.169.254/latest/meta-data/", "phải là địa chỉ công khai"),
    ("webhook_url", "http://2130706433/", "phải là địa chỉ công khai"),
    ("webhook_url", "http://[::ffff:127.0.0.1]/", "phải là địa chỉ công khai"),
    ("webhook_url", "http://localhost:8080/", "phải là địa chỉ công khai"),
    ("webhook_url", "https://user:pass@chat.example.vn/", "không được chứa tên đăng nhập"),
    ("office_department", "999999", "Lựa chọn không hợp lệ."),
])
def test_each_bad_field_is_422_with_its_message(client, unit, admin, field, value, message):
    sign_in(client, "quantri1")
    response = _post(client, "/settings", settings_form(overdue_repeat_days="9", **{field: value}))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    assert unit.settings.overdue_repeat_days == 5


def test_a_private_webhook_is_saved_where_the_deployment_allows_it(app, client, unit, admin):
    sign_in(client, "quantri1")
    app.config["WEBHOOK_ALLOW_PRIVATE"] = True
    try:
        response = _post(client, "/settings", settings_form(webhook_url="http://10.0.0.5/hook"))
    finally:
        app.config["WEBHOOK_ALLOW_PRIVATE"] = False
    assert response.status_code == 302
    db.session.expire_all()
    assert unit.settings.webhook_url == "http://10.0.0.5/hook"


def test_settings_need_the_csrf_token(client, unit, admin):
    sign_in(client, "quantri1")
    response = client.post("/settings", data=settings_form(scan_time="05:00"))
    assert response.status_code == 400
    db.session.expire_all()
    assert unit.settings.scan_time == time(7, 0)


def test_add_then_remove_a_calendar_day(client, unit, admin):
    sign_in(client, "quantri1")
    response = _post(client, "/settings/calendar",
                     {"day": "2023-04-29", "is_working": "1", "note": "Làm bù ngày 02/5"})
    assert response.status_code == 302
    entry = db.session.query(CalendarDay).filter_by(unit_id=unit.id).one()
    assert (entry.day, entry.is_working, entry.note) == (date(2023, 4, 29), True,
                                                         "Làm bù ngày 02/5")
    html = client.get("/settings").get_data(as_text=True)
    assert "29/04/2023" in html and "Làm bù ngày 02/5" in html
    response = _post(client, f"/settings/calendar/{entry.id}/remove", {})
    assert response.status_code == 302
    assert db.session.query(CalendarDay).filter_by(unit_id=unit.id).count() == 0


def test_a_day_already_in_the_calendar_is_422(client, unit, admin):
    db.session.add(CalendarDay(unit=unit, day=date(2023, 4, 29), is_working=True))
    db.session.flush()
    sign_in(client, "quantri1")
    response = _post(client, "/settings/calendar", {"day": "2023-04-29", "is_working": "0"})
    assert response.status_code == 422
    assert "Ngày 29/04/2023 đã có trong lịch." in response.get_data(as_text=True)
    assert db.session.query(CalendarDay).filter_by(unit_id=unit.id).count() == 1


def test_a_bad_date_is_422(client, unit, admin):
    sign_in(client, "quantri1")
    response = _post(client, "/settings/calendar", {"day": "30/02/2023", "is_working": "0"})
    assert response.status_code == 422
    assert "Ngày không hợp lệ." in response.get_data(as_text=True)
    assert db.session.query(CalendarDay).filter_by(unit_id=unit.id).count() == 0


_mailboxes = itertools.count()


def _email_delivery(unit) -> Delivery:
    lead = OfficialFactory(unit=unit, full_name="Phạm Thị Nhận",
                           email=f"nhan{next(_mailboxes)}@{unit.code}.example.vn")
    task = TaskFactory(unit=unit, lead=lead, title="Cập nhật cổng dịch vụ công")
    enqueue(db.session, unit, lead, NotificationKind.ASSIGNED,
            {"role": "lead", "title": task.title, "due": "2023-03-31"}, task_id=task.id)
    notification = db.session.query(Notification).filter_by(task_id=task.id).one()
    return db.session.query(Delivery).filter_by(notification_id=notification.id,
                                                channel=Channel.EMAIL).one()


def test_failed_delivery_is_listed_and_retry_puts_it_back_in_the_queue(client, unit, admin):
    delivery = _email_delivery(unit)
    delivery.status, delivery.attempts = DeliveryStatus.FAILED, 8
    delivery.last_error = "recipient_refused"
    db.session.flush()
    sign_in(client, "quantri1")
    html = client.get("/settings").get_data(as_text=True)
    failed = html[html.index('data-testid="failed-deliveries"'):]
    assert "Phạm Thị Nhận" in failed and "Nhiệm vụ mới: bạn chủ trì" in failed
    assert "địa chỉ người nhận bị từ chối" in failed and "8 lần thử" in failed
    response = _post(client, "/settings/deliveries/retry", {})
    assert response.status_code == 302
    db.session.expire_all()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 0)
    assert "Không có thư nào gửi lỗi." in client.get("/settings").get_data(as_text=True)
    assert audit_actions(unit)[-1] == "deliveries_retry"


def test_an_error_stored_in_the_remotes_words_is_not_shown(client, unit, admin):
    delivery = _email_delivery(unit)
    delivery.status, delivery.last_error = DeliveryStatus.FAILED, "HTTP Error 307: to :6379"
    db.session.flush()
    sign_in(client, "quantri1")
    html = client.get("/settings").get_data(as_text=True)
    assert "6379" not in html and "lỗi gửi" in html


@time_machine.travel("2023-03-01 09:00 +07:00", tick=False)
def test_the_page_shows_the_queues_totals_and_how_many_failures_it_lists(client, unit, admin):
    due = [_email_delivery(unit) for _ in range(3)]
    due[0].next_attempt_at = datetime(2023, 3, 1, 8, 15, tzinfo=HANOI)
    later = _email_delivery(unit)
    later.next_attempt_at = datetime(2023, 3, 2, 7, 0, tzinfo=HANOI)  # tomorrow's digest
    for delivery in [_email_delivery(unit) for _ in range(FAILED_LIST_LIMIT + 2)]:
        delivery.status = DeliveryStatus.FAILED
    _email_delivery(UnitFactory())  # another unit's is not counted
    db.session.flush()
    sign_in(client, "quantri1")
    html = client.get("/settings").get_data(as_text=True)
    totals = html[html.index('data-testid="delivery-totals"'):]
    assert 'data-testid="waiting-total">4<' in totals
    assert 'data-testid="failed-total">102<' in totals
    assert 'data-testid="oldest-waiting">01/03/2023 08:15<' in totals
    assert "Hiển thị 100 thư mới nhất trong 102 thư gửi lỗi." in html


def test_without_a_mail_server_the_page_says_how_many_emails_wait(app, client, unit, admin):
    _email_delivery(unit)
    _email_delivery(UnitFactory())  # another unit's mail is not counted
    sign_in(client, "quantri1")
    html = client.get("/settings").get_data(as_text=True)
    assert "Chưa cấu hình máy chủ gửi e-mail" in html and "Số thư đang chờ gửi: 1." in html
    app.config["MAIL_SERVER"] = "smtp.xa.example.vn"
    try:
        html = client.get("/settings").get_data(as_text=True)
    finally:
        app.config["MAIL_SERVER"] = ""
    assert "Chưa cấu hình máy chủ gửi e-mail" not in html

"""E-mail and webhooks against real servers on loopback: aiosmtpd and http.server."""

import json
import socket
import threading
from datetime import date, timedelta
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine
from aiosmtpd.controller import Controller

from jobs.runner import run_once
from jobs.work import PassReport, deliver_pending
from tests.jobs.scenario import build_commune
from tracker.core.clock import now_utc
from tracker.extensions import db
from tracker.notifications.models import Channel, Delivery, DeliveryChannel, DeliveryStatus


class Inbox:
    """Keeps every message the SMTP server accepts."""

    def __init__(self) -> None:
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def to(self, address: str) -> list:
        return [m for m in self.messages if address in m["To"]]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_port():
    return _free_port()


@pytest.fixture
def inbox(smtp_port):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    yield inbox
    controller.stop()


@pytest.fixture
def mail_config(app, smtp_port):
    saved = dict(app.config)
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_port, MAIL_SECURITY="none",
                      MAIL_SENDER="CCHC Tracker <nhacviec@xa.example.vn>",
                      BASE_URL="http://tracker.example.vn")
    yield app.config
    app.config.clear()
    app.config.update(saved)


@pytest.fixture
def commune(db_session):
    return build_commune(email_domain="xa.example.vn")


def _body(message) -> str:
    return message.get_body(("plain",)).get_content()


def test_digest_is_one_vietnamese_email_a_day_with_links(app, commune, inbox, mail_config):
    run_once(app, date(2023, 2, 6))  # overdue notices; the assignments of 02/01 go too
    mails = inbox.to("chutri@xa.example.vn")
    assert len(mails) == 1
    body = _body(mails[0])
    assert "Kính gửi" in body and "Nhiệm vụ đã quá hạn" in body
    assert f"http://tracker.example.vn/tasks/{commune.tasks['overdue'].id}" in body
    assert mails[0].get_body(("html",)) is not None
    run_once(app, date(2023, 2, 6))
    assert len(inbox.to("chutri@xa.example.vn")) == 1


def test_no_digest_is_sent_when_there_is_nothing_to_say(app, commune, inbox, mail_config):
    run_once(app, date(2023, 1, 3))  # the assignment notices
    inbox.messages.clear()
    run_once(app, date(2023, 1, 4))  # nothing new that day
    assert inbox.messages == []


def test_per_item_choice_sends_one_email_per_notification(app, commune, inbox, mail_config):
    commune.lead.email_digest = False
    db.session.flush()
    db.session.query(Delivery).update({"digest": False})  # the assignments' too
    run_once(app, date(2023, 2, 6))
    subjects = sorted(m["Subject"] for m in inbox.to("chutri@xa.example.vn"))
    # Four assignments, the reminder that fits 06/02 for the task due 10/02, and the
    # two tasks found overdue that day.
    assert subjects == sorted(["Nhiệm vụ mới: bạn chủ trì"] * 4 + [
        "Nhiệm vụ còn 4 ngày làm việc đến hạn"] + ["Nhiệm vụ đã quá hạn"] * 2)
    assert len({m["Message-ID"] for m in inbox.messages}) == len(inbox.messages)


def test_mail_waits_while_the_server_is_down_then_all_arrive_once(
    app, commune, smtp_port, mail_config
):
    with time_machine.travel("2023-02-06 23:00 +07:00", tick=False) as traveller:
        run_once(app, date(2023, 2, 6))  # nobody listens on the port yet
        pending = db.session.query(Delivery).filter_by(status=DeliveryStatus.PENDING).all()
        # The channel is down, not the e-mails: none is charged an attempt.
        assert pending and all(d.attempts == 0 and d.claimed_until is None for d in pending)
        assert db.session.get(DeliveryChannel, Channel.EMAIL).last_error_class == "refused"
        inbox = Inbox()
        controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
        controller.start()
        try:
            run_once(app, date(2023, 2, 6))  # too early: the channel's wait is not over
            assert inbox.messages == []
            traveller.shift(timedelta(minutes=5))
            _deliver_now(app)
            _deliver_now(app)
        finally:
            controller.stop()
    recipients = sorted(m["To"] for m in inbox.messages)
    assert len(recipients) == len(set(recipients)) == 4  # both leads, coordinator, chairman
    assert db.session.query(Delivery).filter(
        Delivery.status != DeliveryStatus.SENT).count() == 0
    assert db.session.get(DeliveryChannel, Channel.EMAIL).failing_since is None


def test_a_day_without_the_smtp_server_loses_nothing_and_needs_no_click(
    app, commune, smtp_port, mail_config
):
    with time_machine.travel("2023-02-06 23:00 +07:00", tick=False) as traveller:
        run_once(app, date(2023, 2, 6))
        for _ in range(24 * 6):  # a pass every 10 minutes for a day, the server down
            traveller.shift(timedelta(minutes=10))
            _deliver_now(app)
        state = db.session.get(DeliveryChannel, Channel.EMAIL)
        assert state.consecutive_failures > 8  # more than DELIVERY_MAX_ATTEMPTS
        assert state.retry_at - now_utc() <= timedelta(minutes=10)  # the wait is capped
        inbox = Inbox()
        controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
        controller.start()
        try:
            traveller.shift(timedelta(minutes=10))
            _deliver_now(app)
        finally:
            controller.stop()
    assert len(inbox.messages) == 4
    statuses = {d.status for d in db.session.query(Delivery)}
    assert statuses == {DeliveryStatus.SENT}


class _RefusesOne(Inbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("chutri@"):
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def test_a_refused_recipient_fails_alone_with_its_error_class(
    app, commune, smtp_port, mail_config
):
    mail_config["DELIVERY_MAX_ATTEMPTS"] = 2
    inbox = _RefusesOne()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        with time_machine.travel("2023-02-06 23:00 +07:00", tick=False) as traveller:
            run_once(app, date(2023, 2, 6))
            traveller.shift(timedelta(minutes=10))
            _deliver_now(app)
    finally:
        controller.stop()
    failed = db.session.query(Delivery).filter_by(status=DeliveryStatus.FAILED).all()
    assert failed and {d.notification.recipient.username for d in failed} == {"chutri"}
    assert {d.last_error for d in failed} == {"recipient_refused"}
    assert len(inbox.messages) == 3  # the coordinator, the other lead and the chairman


class _Hook(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        _Hook.received.append(json.loads(self.rfile.read(length)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_webhook_receives_json_once_per_notification(app, commune):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Hook.received = []
    commune.unit.settings.webhook_url = f"http://127.0.0.1:{server.server_port}/hook"
    commune.lead.notify_webhook = True
    db.session.flush()
    app.config["WEBHOOK_ALLOW_PRIVATE"] = True  # the test's server is on loopback
    try:
        run_once(app, date(2023, 2, 6))
        run_once(app, date(2023, 2, 6))
    finally:
        app.config["WEBHOOK_ALLOW_PRIVATE"] = False
        server.shutdown()
    kinds = sorted(item["kind"] for item in _Hook.received)
    assert kinds == ["due_reminder", "overdue", "overdue"]  # assignments predate the opt-in
    assert _Hook.received[0]["recipient"]["username"] == "chutri"
    assert db.session.query(Delivery).filter_by(channel=Channel.WEBHOOK,
                                               status=DeliveryStatus.SENT).count() == 3


def _deliver_now(app) -> None:
    """A scheduler pass that only delivers (the day's scan has run)."""
    with app.app_context():
        deliver_pending(db.session, now_utc(), app.config, PassReport())

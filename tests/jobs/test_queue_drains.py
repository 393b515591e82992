"""A queue with thousands of rows drains in one pass, fairly: the case that stalled
(issue 11) — the head of the queue held digest items that could not go until
tomorrow, and every pass picked them, skipped them and sent nothing behind them."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from aiosmtpd.controller import Controller
from sqlalchemy import insert

from jobs.work import PassReport, deliver_pending
from tests.factories import OfficialFactory, UnitFactory
from tests.jobs.test_delivery import Inbox, mail_config, smtp_port  # noqa: F401 (fixtures)
from tracker.core.clock import now_utc
from tracker.extensions import db
from tracker.notifications.models import (
    Channel,
    Delivery,
    DeliveryStatus,
    Notification,
    NotificationKind,
)

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
MORNING = datetime(2023, 2, 6, 10, 0, tzinfo=HANOI)  # after the 07:00 scan and digest


def queue(officials, count: int, at: datetime, *, digest: bool = False) -> None:
    """`count` e-mail deliveries due since `at`, spread over `officials`."""
    people = [officials[n % len(officials)] for n in range(count)]
    rows = [{"key": f"test:{at:%H%M}:{digest}:{n}", "unit_id": person.unit_id,
             "recipient_id": person.id, "kind": NotificationKind.ASSIGNED,
             "payload": {"role": "lead", "title": f"Nhiệm vụ {n}", "due": None},
             "created_at": at} for n, person in enumerate(people)]
    ids = db.session.scalars(insert(Notification).returning(Notification.id), rows).all()
    db.session.execute(insert(Delivery), [
        {"notification_id": i, "channel": Channel.EMAIL, "digest": digest,
         "status": DeliveryStatus.PENDING, "attempts": 0, "next_attempt_at": at} for i in ids])


@pytest.fixture
def inbox(smtp_port):  # noqa: F811
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    yield inbox
    controller.stop()


def test_two_units_mail_all_goes_in_one_pass_behind_digests_that_wait(
    app, db_session, inbox, mail_config  # noqa: F811
):
    first, second = UnitFactory(), UnitFactory()
    reader = OfficialFactory(unit=first, email="tonghop@xa.example.vn", email_digest=True)
    first_people = [OfficialFactory(unit=first, email=f"a{n}@xa.example.vn", email_digest=True)
                    for n in range(5)]
    second_digests = [OfficialFactory(unit=second, email=f"b{n}@xa.example.vn",
                                      email_digest=True) for n in range(10)]
    second_singles = [OfficialFactory(unit=second, email=f"c{n}@xa.example.vn",
                                      email_digest=False) for n in range(5)]
    with time_machine.travel(MORNING, tick=False):
        queue([reader], 1, MORNING - timedelta(hours=3), digest=True)
        today = db.session.query(Delivery).one()
        today.status, today.message_key = DeliveryStatus.SENT, f"digest:{reader.id}:2023-02-06"
        # At the head of the queue: items for a digest that already went today.
        queue([reader], 300, MORNING - timedelta(hours=2), digest=True)
        queue(first_people, 500, MORNING - timedelta(hours=1), digest=True)
        queue(second_digests, 450, MORNING - timedelta(minutes=30), digest=True)
        queue(second_singles, 50, MORNING - timedelta(minutes=20))
        db.session.flush()
        report = PassReport()
        deliver_pending(db.session, now_utc(), mail_config, report)
    assert report.sent == 5 + 10 + 50 and report.failed == 0
    received = [m["To"] for m in inbox.messages]
    for people in (first_people, second_digests):  # one digest each
        assert sorted(r for r in received if r.endswith(tuple(f"<{p.email}>" for p in people))
                      ) == sorted(f"{p.full_name} <{p.email}>" for p in people)
    assert sum("<c" in r for r in received) == 50
    assert len({m["Message-ID"] for m in inbox.messages}) == 65
    waiting = db.session.query(Delivery).filter_by(status=DeliveryStatus.PENDING).all()
    # The reader's items wait for tomorrow's digest, on their own time.
    assert len(waiting) == 300
    assert {d.next_attempt_at for d in waiting} == {datetime(2023, 2, 7, 7, 0, tzinfo=HANOI)}

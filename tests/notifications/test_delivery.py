from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.factories import OfficialFactory, TaskFactory, UnitFactory
from tracker.core.clock import now_utc
from tracker.core.errors import PermissionDenied
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.notifications.delivery import claim_batch
from tracker.notifications.models import Channel, Delivery, DeliveryStatus, NotificationKind
from tracker.notifications.queue import retry_failed, waiting_deliveries
from tracker.notifications.services import enqueue

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def _assign(unit, email: str | None) -> None:
    lead = OfficialFactory(unit=unit, email=email)
    task = TaskFactory(unit=unit, lead=lead)
    enqueue(db.session, unit, lead, NotificationKind.ASSIGNED,
            {"role": "lead", "title": task.title, "due": None}, task_id=task.id)


def test_waiting_deliveries_counts_the_units_pending_ones_on_the_channel(db_session):
    unit, other = UnitFactory(), UnitFactory()
    _assign(unit, "mot@xa.example.vn")
    _assign(unit, "hai@xa.example.vn")
    _assign(unit, None)  # no e-mail address: nothing to deliver
    _assign(other, "khac@xa.example.vn")
    sent = db.session.query(Delivery).filter_by(channel=Channel.EMAIL).order_by(Delivery.id).first()
    sent.status = DeliveryStatus.SENT
    assert waiting_deliveries(db.session, unit, Channel.EMAIL) == 1
    assert waiting_deliveries(db.session, unit, Channel.WEBHOOK) == 0


def test_only_the_units_admin_retries_failed_deliveries(db_session):
    unit = UnitFactory()
    _assign(unit, "mot@xa.example.vn")
    delivery = db.session.query(Delivery).one()
    delivery.status, delivery.attempts = DeliveryStatus.FAILED, 8
    officer = OfficialFactory(unit=unit, role=Role.OFFICER)
    with pytest.raises(PermissionDenied):
        retry_failed(db.session, officer, unit, now_utc())
    assert delivery.status is DeliveryStatus.FAILED
    admin = OfficialFactory(unit=unit, role=Role.ADMIN)
    assert retry_failed(db.session, admin, unit, now_utc()) == 1
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 0)


def test_a_batch_takes_units_and_recipients_in_turn(db_session):
    big, small = UnitFactory(), UnitFactory()
    crowd = OfficialFactory(unit=big, email="dong@xa.example.vn", email_digest=False)
    quiet = OfficialFactory(unit=big, email="it@xa.example.vn", email_digest=False)
    other = OfficialFactory(unit=small, email="khac@xa.example.vn", email_digest=False)
    with time_machine.travel("2023-03-01 09:00 +07:00", tick=False) as traveller:
        for offset in range(60):  # the oldest rows: one recipient of the big unit
            _remind(big, crowd, offset)
        traveller.shift(timedelta(minutes=1))
        _remind(big, quiet, 0)
        for offset in range(30):
            _remind(small, other, offset)
        batch = claim_batch(db.session, Channel.EMAIL, now_utc(), lease=timedelta(minutes=5),
                            limit=20)
    recipients = Counter(m.recipient.username for m in batch.messages)
    assert recipients == {crowd.username: 9, quiet.username: 1, other.username: 10}


@time_machine.travel("2023-03-01 06:00 +07:00", tick=False)
def test_a_digest_item_written_before_the_scan_time_waits_for_it(db_session):
    unit = UnitFactory()
    reader = OfficialFactory(unit=unit, email="doc@xa.example.vn", email_digest=True)
    _remind(unit, reader, 0)
    delivery = db.session.query(Delivery).one()
    assert delivery.next_attempt_at == datetime(2023, 3, 1, 7, 0, tzinfo=HANOI)
    batch = claim_batch(db.session, Channel.EMAIL, now_utc(), lease=timedelta(minutes=5))
    assert batch.rows == 0


def _remind(unit, official, offset: int) -> None:
    enqueue(db.session, unit, official, NotificationKind.DUE_REMINDER,
            {"title": "Việc", "due": "2023-03-10", "days": offset}, offset=offset)

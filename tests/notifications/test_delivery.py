import pytest

from tests.factories import OfficialFactory, TaskFactory, UnitFactory
from tracker.core.clock import now_utc
from tracker.core.errors import PermissionDenied
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.notifications.delivery import retry_failed, waiting_deliveries
from tracker.notifications.models import Channel, Delivery, DeliveryStatus, NotificationKind
from tracker.notifications.services import enqueue


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

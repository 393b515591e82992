"""The queue as people watch it: the admin's totals and failed list, `/health`'s age."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, select, type_coerce
from sqlalchemy.orm import Session, selectinload

from tracker.audit.services import record_event
from tracker.core.actor import Actor
from tracker.core.db import UTCDateTime
from tracker.core.errors import PermissionDenied
from tracker.notifications.models import Channel, Delivery, DeliveryStatus, Notification
from tracker.org.models import Unit
from tracker.org.policy import can_manage_officials

FAILED_LIST_LIMIT = 100


@dataclass(frozen=True)
class QueueTotals:
    waiting: int
    failed: int
    # The longest a row that could go has waited (a digest item waits for its time
    # without counting as late).
    oldest_due_at: datetime | None


def unit_queue_totals(session: Session, unit: Unit, now: datetime) -> QueueTotals:
    """Waiting and failed deliveries of the unit, and the oldest due one, in one query."""
    pending = Delivery.status == DeliveryStatus.PENDING
    due = pending & (Delivery.next_attempt_at <= now)
    row = session.execute(
        select(func.count(case((pending, 1))),
               func.count(case((Delivery.status == DeliveryStatus.FAILED, 1))),
               type_coerce(func.min(case((due, Delivery.next_attempt_at))), UTCDateTime()))
        .select_from(Delivery).join(Notification).where(Notification.unit_id == unit.id)
    ).one()
    return QueueTotals(*row)


def oldest_due(session: Session, now: datetime) -> dict[Channel, float]:
    """Seconds the oldest sendable pending row of each channel has waited (0: none).

    One query of two index lookups (channel, status, next_attempt_at): cheap enough
    for a health check polled every few seconds.
    """
    firsts = [select(func.min(Delivery.next_attempt_at))
              .where(Delivery.channel == channel, Delivery.status == DeliveryStatus.PENDING)
              .scalar_subquery() for channel in Channel]
    row = session.execute(select(*firsts)).one()
    return {channel: max(0.0, (now - first).total_seconds()) if first else 0.0
            for channel, first in zip(Channel, row, strict=True)}


def failed_deliveries(session: Session, unit: Unit, *,
                      limit: int = FAILED_LIST_LIMIT) -> list[Delivery]:
    """Deliveries that gave up, newest first, for the unit's admin."""
    query = (
        select(Delivery).join(Notification)
        .where(Notification.unit_id == unit.id, Delivery.status == DeliveryStatus.FAILED)
        .options(selectinload(Delivery.notification).selectinload(Notification.recipient))
        .order_by(Delivery.id.desc()).limit(limit)
    )
    return list(session.scalars(query))


def waiting_deliveries(session: Session, unit: Unit, channel: Channel) -> int:
    """How many of the unit's deliveries on `channel` are still to go out."""
    query = (
        select(func.count()).select_from(Delivery).join(Notification)
        .where(Notification.unit_id == unit.id, Delivery.channel == channel,
               Delivery.status == DeliveryStatus.PENDING)
    )
    return session.scalar(query)


def retry_failed(session: Session, actor: Actor, unit: Unit, now: datetime) -> int:
    """Put all of the unit's failed deliveries back in the queue (after fixing the
    settings), and record who did it.

    :raise PermissionDenied: unless the actor is the unit's admin.
    """
    if not can_manage_officials(actor, unit):
        raise PermissionDenied(_l("Chỉ quản trị của đơn vị được gửi lại thông báo."))
    deliveries = list(session.scalars(
        select(Delivery).join(Notification)
        .where(Notification.unit_id == unit.id, Delivery.status == DeliveryStatus.FAILED)))
    # Attempts start again from 0: the admin fixed the cause, so the full back-off applies.
    for delivery in deliveries:
        delivery.status, delivery.attempts, delivery.next_attempt_at = (
            DeliveryStatus.PENDING, 0, now)
    record_event(session, actor, unit, "deliveries_retry", {"count": [None, len(deliveries)]},
                 unit_id=unit.id)
    return len(deliveries)

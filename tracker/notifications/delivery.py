"""Claiming deliveries and recording how they went.

A sender claims rows for a lease (PostgreSQL skips rows another sender holds;
SQLite has one sender, the leader), commits, sends, then records each outcome.
A crash between the server's acceptance and `record_sent` sends once more at
most: the message key, and so the Message-ID, stays the same.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import groupby
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, selectinload

from tracker.core.actor import Actor
from tracker.core.errors import PermissionDenied
from tracker.notifications.models import Channel, Delivery, DeliveryStatus, Notification
from tracker.org.models import Official, Unit
from tracker.org.policy import can_manage_officials

MAX_BACKOFF = timedelta(hours=6)


@dataclass
class Message:
    """What goes out as one e-mail or one webhook call."""

    key: str
    recipient: Official
    unit: Unit
    deliveries: list[Delivery]

    @property
    def notifications(self) -> list[Notification]:
        return [d.notification for d in self.deliveries]


def claim_messages(
    session: Session, channel: Channel, now: datetime, *, lease: timedelta, limit: int = 200
) -> list[Message]:
    """Claim what is due on `channel` and group it into messages; the caller commits.

    E-mail for a recipient who chose the digest waits for their unit's scan time and
    goes as one message a day; everything else goes one message per notification.
    """
    rows = list(session.scalars(_due_rows(channel, now, limit)))
    messages = [m for m in _group(session, rows, now) if m.deliveries]
    for message in messages:
        for delivery in message.deliveries:
            delivery.claimed_until = now + lease
    session.flush()
    return messages


def record_sent(session: Session, message: Message, now: datetime) -> None:
    for delivery in message.deliveries:
        delivery.status = DeliveryStatus.SENT
        delivery.sent_at = now
        delivery.message_key = message.key
        delivery.attempts += 1
        delivery.claimed_until = None
        delivery.last_error = None
    session.flush()


def record_failure(
    session: Session, message: Message, now: datetime, error: str, *,
    max_attempts: int, retry_base: timedelta,
) -> None:
    """Try again later, waiting twice as long each time; give up after `max_attempts`."""
    for delivery in message.deliveries:
        delivery.attempts += 1
        delivery.last_error = error[:2000]
        delivery.claimed_until = None
        delivery.next_attempt_at = now + min(retry_base * 2 ** (delivery.attempts - 1),
                                             MAX_BACKOFF)
        if delivery.attempts >= max_attempts:
            delivery.status = DeliveryStatus.FAILED
    session.flush()


def failed_deliveries(session: Session, unit: Unit, *, limit: int = 100) -> list[Delivery]:
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
    """Put the unit's failed deliveries back in the queue (after fixing the settings).

    :raise PermissionDenied: unless the actor is the unit's admin.
    """
    if not can_manage_officials(actor, unit):
        raise PermissionDenied(_l("Chỉ quản trị của đơn vị được gửi lại thông báo."))
    deliveries = failed_deliveries(session, unit, limit=10_000)
    for delivery in deliveries:
        delivery.status, delivery.attempts, delivery.next_attempt_at = (
            DeliveryStatus.PENDING, 0, now)
    session.flush()
    return len(deliveries)


def _due_rows(channel: Channel, now: datetime, limit: int):
    return (
        select(Delivery)
        .where(Delivery.channel == channel, Delivery.status == DeliveryStatus.PENDING,
               Delivery.next_attempt_at <= now,
               (Delivery.claimed_until.is_(None)) | (Delivery.claimed_until < now))
        .order_by(Delivery.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=Delivery)
        .options(selectinload(Delivery.notification).selectinload(Notification.recipient)
                 .selectinload(Official.unit).selectinload(Unit.settings))
    )


def _group(session: Session, rows: list[Delivery], now: datetime) -> list[Message]:
    singles = [d for d in rows if not d.digest]
    messages = [Message(d.notification.key, d.notification.recipient,
                        d.notification.recipient.unit, [d]) for d in singles]
    digests = sorted((d for d in rows if d.digest), key=lambda d: d.notification.recipient_id)
    for _, group in groupby(digests, key=lambda d: d.notification.recipient_id):
        message = _digest(session, list(group), now)
        if message is not None:
            messages.append(message)
    return messages


def _digest(session: Session, deliveries: list[Delivery], now: datetime) -> Message | None:
    recipient = deliveries[0].notification.recipient
    unit = recipient.unit
    local = now.astimezone(ZoneInfo(unit.timezone))
    if local.time() < unit.settings.scan_time:
        return None
    prefix = f"digest:{recipient.id}:{local.date().isoformat()}:"
    already_sent = session.scalar(select(exists().where(
        Delivery.message_key.startswith(prefix), Delivery.status == DeliveryStatus.SENT)))
    if already_sent:
        return None
    first = min(d.notification_id for d in deliveries)
    return Message(f"{prefix}{first}", recipient, unit, deliveries)

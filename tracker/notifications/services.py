"""Writing notifications to the outbox and reading them in the app."""

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from tracker.core.actor import Actor
from tracker.core.clock import now_utc
from tracker.core.db import insert_ignoring_duplicates
from tracker.core.errors import NotFound
from tracker.notifications.delivery import digest_not_before
from tracker.notifications.models import Channel, Delivery, Notification, NotificationKind
from tracker.org.models import Official, Unit


def notification_key(
    kind: NotificationKind, recipient_id: int, *, task_id: int | None = None,
    due: date | None = None, offset: int = 0,
) -> str:
    """(kind, task, due date in force, offset, recipient) as one string."""
    return ":".join([kind.value, str(task_id or "-"), due.isoformat() if due else "-",
                     str(offset), str(recipient_id)])


def enqueue(
    session: Session,
    unit: Unit,
    recipient: Official,
    kind: NotificationKind,
    payload: dict[str, Any],
    *,
    task_id: int | None = None,
    due: date | None = None,
    offset: int = 0,
) -> bool:
    """Write one notification and its deliveries unless its key exists; True if written.

    `INSERT … ON CONFLICT DO NOTHING` makes a second write (a repeated scan, a second
    scheduler) a no-op on SQLite and PostgreSQL alike.
    """
    key = notification_key(kind, recipient.id, task_id=task_id, due=due, offset=offset)
    statement = (
        insert_ignoring_duplicates(session, Notification)
        .values(key=key, unit_id=unit.id, recipient_id=recipient.id, kind=kind,
                task_id=task_id, payload=payload, created_at=now_utc())
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(Notification.id)
    )
    notification_id = session.execute(statement).scalar()
    if notification_id is None:
        return False
    now = now_utc()
    for channel, digest in _channels(unit, recipient):
        not_before = digest_not_before(recipient.unit, now) if digest else now
        session.add(Delivery(notification_id=notification_id, channel=channel, digest=digest,
                             next_attempt_at=not_before))
    session.flush()
    return True


def unread_count(session: Session, official: Official) -> int:
    return session.scalar(
        select(func.count()).where(
            Notification.recipient_id == official.id, Notification.read_at.is_(None)
        )
    )


def list_notifications(
    session: Session, official: Official, *, limit: int = 50, offset: int = 0
) -> list[Notification]:
    """The official's notifications, newest first."""
    query = (
        select(Notification)
        .where(Notification.recipient_id == official.id)
        .order_by(Notification.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return list(session.scalars(query))


def mark_read(session: Session, actor: Actor, notification_id: int) -> Notification:
    """:raise NotFound: no such notification for this official (others' stay hidden)."""
    notification = session.get(Notification, notification_id)
    if notification is None or notification.recipient_id != actor.id:
        raise NotFound(_l("Không tìm thấy thông báo."))
    notification.read_at = notification.read_at or now_utc()
    session.flush()
    return notification


def mark_all_read(session: Session, actor: Actor) -> int:
    result = session.execute(
        update(Notification)
        .where(Notification.recipient_id == actor.id, Notification.read_at.is_(None))
        .values(read_at=now_utc())
    )
    return result.rowcount


def _channels(unit: Unit, recipient: Official) -> list[tuple[Channel, bool]]:
    channels = []
    if recipient.notify_email and recipient.email:
        channels.append((Channel.EMAIL, recipient.email_digest))
    if recipient.notify_webhook and unit.settings and unit.settings.webhook_url:
        channels.append((Channel.WEBHOOK, False))
    return channels

"""Writing notifications to the outbox and reading them in the app."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Insert, func, insert, select, update
from sqlalchemy.orm import Session

from tracker.core.actor import Actor
from tracker.core.clock import now_utc
from tracker.core.db import insert_ignoring_duplicates
from tracker.core.errors import NotFound
from tracker.core.paging import PER_PAGE, Page
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


@dataclass(frozen=True)
class Draft:
    """A notification still to write, as plain data: whom it is for, what it says, and
    the parts of its exactly-once key."""

    recipient: Official
    kind: NotificationKind
    payload: dict[str, Any]
    task_id: int | None = None
    due: date | None = None
    offset: int = 0

    @property
    def key(self) -> str:
        return notification_key(self.kind, self.recipient.id, task_id=self.task_id,
                                due=self.due, offset=self.offset)


# Rows per INSERT: 500 × 7 parameters stays far below SQLite's and psycopg's limits.
ROWS_PER_INSERT = 500


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
    """Write one notification and its deliveries unless its key exists; True if written."""
    draft = Draft(recipient, kind, payload, task_id=task_id, due=due, offset=offset)
    return bool(enqueue_many(session, unit, [draft]))


def enqueue_many(session: Session, unit: Unit, drafts: Iterable[Draft]) -> list[Draft]:
    """Write the drafts whose keys do not exist yet, each with its deliveries; the drafts
    really written (a key drafted twice is written once).

    `INSERT … ON CONFLICT (key) DO NOTHING RETURNING id, key` makes a second write (a
    repeated scan, a second scheduler) a no-op on SQLite and PostgreSQL alike, and tells
    which rows are new, so that only those get deliveries and are counted.
    """
    by_key: dict[str, Draft] = {}
    for draft in drafts:
        by_key.setdefault(draft.key, draft)
    if not by_key:
        return []
    now = now_utc()
    with session.no_autoflush:
        written = _insert_notifications(session, unit, by_key, now)
        deliveries = [row for notification_id, draft in written
                      for row in _delivery_rows(unit, notification_id, draft.recipient, now)]
        if deliveries:
            session.execute(_NEW_DELIVERIES, deliveries)
    return [draft for _, draft in written]


def _insert_notifications(session: Session, unit: Unit, by_key: dict[str, Draft],
                          now: datetime) -> list[tuple[int, Draft]]:
    """(id, draft) of the rows inserted, in the drafts' order: one multi-row INSERT for
    every ROWS_PER_INSERT drafts."""
    rows = [{"key": key, "unit_id": unit.id, "recipient_id": draft.recipient.id,
             "kind": draft.kind, "task_id": draft.task_id, "payload": draft.payload,
             "created_at": now} for key, draft in by_key.items()]
    ids = {row.key: row.id for row in session.execute(_new_notifications(session), rows)}
    return [(ids[key], draft) for key, draft in by_key.items() if key in ids]


# One statement per dialect, built once: the scan runs it for every unit.
_NEW_NOTIFICATIONS: dict[str, Insert] = {}


def _new_notifications(session: Session) -> Insert:
    """INSERT … ON CONFLICT (key) DO NOTHING RETURNING id, key, as executemany runs it:
    ROWS_PER_INSERT rows a statement."""
    dialect = session.get_bind().dialect.name
    if dialect not in _NEW_NOTIFICATIONS:
        table = Notification.__table__
        _NEW_NOTIFICATIONS[dialect] = (
            insert_ignoring_duplicates(session, table)
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(table.c.id, table.c.key)
            .execution_options(insertmanyvalues_page_size=ROWS_PER_INSERT))
    return _NEW_NOTIFICATIONS[dialect]


_NEW_DELIVERIES = insert(Delivery.__table__)


def _delivery_rows(unit: Unit, notification_id: int, recipient: Official,
                   now: datetime) -> list[dict[str, Any]]:
    rows = []
    for channel, digest in _channels(unit, recipient):
        not_before = digest_not_before(recipient.unit, now) if digest else now
        rows.append({"notification_id": notification_id, "channel": channel, "digest": digest,
                     "next_attempt_at": not_before})
    return rows


def unread_count(session: Session, official: Official) -> int:
    return session.scalar(
        select(func.count()).where(
            Notification.recipient_id == official.id, Notification.read_at.is_(None)
        )
    )


def list_notifications(
    session: Session, official: Official, page: int = 1, per_page: int = PER_PAGE
) -> Page[Notification]:
    """A page of the official's notifications, newest first, with how many there are;
    a page past the last reads no rows."""
    mine = Notification.recipient_id == official.id
    total = session.scalar(select(func.count()).select_from(Notification).where(mine))
    if (page - 1) * per_page >= total:
        return Page([], total, page, per_page)
    rows = session.scalars(select(Notification).where(mine).order_by(Notification.id.desc())
                           .limit(per_page).offset((page - 1) * per_page))
    return Page(list(rows), total, page, per_page)


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

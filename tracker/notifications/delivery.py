"""Claiming deliveries and recording how they went.

A sender claims rows for a lease (PostgreSQL skips rows another sender holds;
SQLite has one sender, the leader), commits, sends, then records each outcome.
A crash between the server's acceptance and `record_sent` sends once more at
most: the message key, and so the Message-ID, stays the same.

Only rows that can go now are claimed: a digest item carries its recipient's next
digest moment in `next_attempt_at`, so nothing is picked and skipped pass after
pass. A batch takes rows round-robin across units, and within a unit across
recipients, so one unit's thousands of rows cannot hold back another unit's mail.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import groupby
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, selectinload

from tracker.notifications.models import (
    Channel,
    Delivery,
    DeliveryErrorClass,
    DeliveryStatus,
    Notification,
)
from tracker.org.models import Official, Unit

MAX_BACKOFF = timedelta(hours=6)
# What writing a message reads: its notification, recipient, their unit and settings.
_LOADS = (selectinload(Delivery.notification).selectinload(Notification.recipient)
          .selectinload(Official.unit).selectinload(Unit.settings))


@dataclass
class Message:
    """What goes out as one e-mail or one webhook call."""

    key: str
    recipient: Official
    unit: Unit
    deliveries: list[Delivery]

    def __post_init__(self) -> None:
        # Kept apart: a commit after each message sent expires the rows themselves.
        self.delivery_ids = [d.id for d in self.deliveries]

    @property
    def notifications(self) -> list[Notification]:
        return [d.notification for d in self.deliveries]


@dataclass
class Batch:
    """The messages claimed, and how many rows the claim looked at: rows can be looked at
    and put off (a digest already sent today) without making a message."""

    messages: list[Message]
    rows: int


def digest_not_before(unit: Unit, now: datetime) -> datetime:
    """When a digest item written at `now` may go: the unit's scan time today, or now
    once that time has passed (today's digest may still be to send)."""
    local = now.astimezone(ZoneInfo(unit.timezone))
    scan = datetime.combine(local.date(), unit.settings.scan_time, local.tzinfo)
    return max(scan, now)


def claim_batch(
    session: Session, channel: Channel, now: datetime, *, lease: timedelta, limit: int = 300
) -> Batch:
    """Claim up to `limit` rows due on `channel`, fairly, as messages; the caller commits.

    E-mail for a recipient who chose the digest goes as one message a day, with every
    digest item of theirs that is due; what waits for tomorrow is put off to then.
    """
    rows = list(session.scalars(_claimable(now, Delivery.id.in_(_fair_ids(channel, now, limit)))))
    rows += _rest_of_digests(session, rows, now)
    messages = _group(session, rows, now)
    for message in messages:
        for delivery in message.deliveries:
            # A lease, not a flag: a sender that dies holding it frees the rows by itself.
            delivery.claimed_until = now + lease
    session.flush()
    return Batch(messages, len(rows))


def reload(session: Session, messages: list[Message]) -> None:
    """Load the messages' rows again in a few queries, after the commit of their claim
    expired them (else each would be loaded alone when the message is written)."""
    ids = [i for message in messages for i in message.delivery_ids]
    if ids:
        session.scalars(select(Delivery).where(Delivery.id.in_(ids)).options(_LOADS)).all()


def record_sent(session: Session, message: Message, now: datetime) -> None:
    """One UPDATE, without loading the rows again (they expire at each commit)."""
    session.execute(
        update(Delivery).where(Delivery.id.in_(message.delivery_ids))
        .values(status=DeliveryStatus.SENT, sent_at=now, message_key=message.key,
                attempts=Delivery.attempts + 1, claimed_until=None, last_error=None)
        # The rows in the session are expired already: nothing there to bring up to date.
        .execution_options(synchronize_session=False))


def record_failure(
    session: Session, message: Message, now: datetime, error: DeliveryErrorClass, *,
    max_attempts: int, retry_base: timedelta,
) -> None:
    """The other end refused this message: try again later, waiting twice as long each
    time; give up after `max_attempts`, or at once when trying again cannot help."""
    for delivery in message.deliveries:
        delivery.attempts += 1
        delivery.last_error = error.value
        delivery.claimed_until = None
        # Capped, so a receiver back after a long outage waits hours for its mail, not days.
        delivery.next_attempt_at = now + min(retry_base * 2 ** (delivery.attempts - 1),
                                             MAX_BACKOFF)
        if delivery.attempts >= max_attempts or error in _HOPELESS:
            delivery.status = DeliveryStatus.FAILED
    session.flush()


# Nothing changes until the admin fixes the URL: show it on the failed list now, not
# after two hours of retries ("Gửi lại" puts it back once fixed).
_HOPELESS = frozenset({DeliveryErrorClass.ADDRESS_NOT_ALLOWED, DeliveryErrorClass.NO_ADDRESS})


def release(session: Session, messages: list[Message]) -> None:
    """Give claimed messages back untried and uncharged (their channel is down)."""
    ids = [i for message in messages for i in message.delivery_ids]
    session.execute(update(Delivery).where(Delivery.id.in_(ids)).values(claimed_until=None)
                    .execution_options(synchronize_session=False))


def _due(channel: Channel, now: datetime) -> list:
    return [Delivery.channel == channel, Delivery.status == DeliveryStatus.PENDING,
            Delivery.next_attempt_at <= now,
            (Delivery.claimed_until.is_(None)) | (Delivery.claimed_until < now)]


def _fair_ids(channel: Channel, now: datetime, limit: int):
    """Ids of due rows, the oldest of each recipient first, then the units in turn."""
    # Oldest first alone would fill every batch with the unit that queued the most. Rank 1
    # is each recipient's oldest row, 2 their next…; within a unit the rows are ranked by
    # that, and the batch takes every unit's first row before any unit's second.
    in_recipient = func.row_number().over(
        partition_by=Notification.recipient_id,
        order_by=(Delivery.next_attempt_at, Delivery.id))
    due = (select(Delivery.id, Delivery.next_attempt_at, Notification.unit_id,
                  in_recipient.label("in_recipient"))
           .join(Notification).where(*_due(channel, now)).subquery())
    in_unit = func.row_number().over(
        partition_by=due.c.unit_id, order_by=(due.c.in_recipient, due.c.next_attempt_at, due.c.id))
    ranked = select(due.c.id, in_unit.label("in_unit")).subquery()
    return select(ranked.c.id).order_by(ranked.c.in_unit, ranked.c.id).limit(limit)


def _claimable(now: datetime, *conditions):
    # The claim is checked again on the locked rows: SKIP LOCKED on PostgreSQL,
    # the leader alone on SQLite. OF: only the deliveries are locked, not the rows the
    # conditions read.
    return (
        select(Delivery)
        .where(*conditions, Delivery.status == DeliveryStatus.PENDING,
               (Delivery.claimed_until.is_(None)) | (Delivery.claimed_until < now))
        .order_by(Delivery.id)
        .with_for_update(skip_locked=True, of=Delivery)
        .options(_LOADS)
    )


def _rest_of_digests(session: Session, rows: list[Delivery], now: datetime) -> list[Delivery]:
    """A digest recipient's other due items, so that their day's digest holds them all."""
    recipients = {d.notification.recipient_id for d in rows if d.digest}
    if not recipients:
        return []
    taken = {d.id for d in rows}
    theirs = select(Notification.id).where(Notification.recipient_id.in_(recipients))
    return list(session.scalars(_claimable(
        now, Delivery.digest.is_(True), *_due(Channel.EMAIL, now), Delivery.id.not_in(taken),
        Delivery.notification_id.in_(theirs))))


def _group(session: Session, rows: list[Delivery], now: datetime) -> list[Message]:
    singles = sorted((d for d in rows if not d.digest), key=lambda d: d.id)
    messages = [Message(d.notification.key, d.notification.recipient,
                        d.notification.recipient.unit, [d]) for d in singles]
    digests = sorted((d for d in rows if d.digest), key=lambda d: d.notification.recipient_id)
    groups = [list(group) for _, group in
              groupby(digests, key=lambda d: d.notification.recipient_id)]
    # Whether today's digest already went, for every recipient of the batch in one query.
    sent = _sent(session, [_digest_key(group[0].notification.recipient, now) for group in groups])
    for group in groups:
        message = _digest(group, now, sent)
        if message is not None:
            messages.append(message)
    return messages


def _digest_key(recipient: Official, now: datetime) -> str:
    local_day = now.astimezone(ZoneInfo(recipient.unit.timezone)).date()
    return f"digest:{recipient.id}:{local_day.isoformat()}"


def _digest(deliveries: list[Delivery], now: datetime, sent: set[str]) -> Message | None:
    """Today's digest for the recipient, or None with the items put off until it may go."""
    recipient = deliveries[0].notification.recipient
    unit = recipient.unit
    local = now.astimezone(ZoneInfo(unit.timezone))
    key = _digest_key(recipient, now)
    not_before = digest_not_before(unit, now)
    # One digest a local day (the key holds the day): once it went, the rest waits for
    # tomorrow's scan time.
    if not_before <= now and key in sent:
        not_before = datetime.combine(local.date() + timedelta(days=1), unit.settings.scan_time,
                                      local.tzinfo)
    if not_before > now:
        for delivery in deliveries:
            delivery.next_attempt_at = not_before
        return None
    return Message(key, recipient, unit, deliveries)


def _sent(session: Session, keys: list[str]) -> set[str]:
    if not keys:
        return set()
    return set(session.scalars(select(Delivery.message_key).distinct().where(
        Delivery.message_key.in_(keys), Delivery.status == DeliveryStatus.SENT)))

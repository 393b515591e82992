from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.core.clock import now_utc
from tracker.core.db import UTCDateTime, enum_column
from tracker.extensions import db
from tracker.org.models import Official


class NotificationKind(StrEnum):
    ASSIGNED = "assigned"
    DUE_REMINDER = "due_reminder"
    OVERDUE = "overdue"
    OVERDUE_REPEAT = "overdue_repeat"
    ESCALATION = "escalation"
    CUTOFF_REMINDER = "cutoff_reminder"
    REPORT_DUE = "report_due"
    REPORT_MISSING = "report_missing"  # to a commune whose report's due date has passed
    REPORTS_SUMMARY = "reports_summary"  # to the level above: its communes' reports
    EXTENSION_REQUESTED = "extension_requested"
    EXTENSION_DECIDED = "extension_decided"
    COMPLETION_TO_CONFIRM = "completion_to_confirm"
    COMPLETION_RETURNED = "completion_returned"
    CANCELLED_FROM_ABOVE = "cancelled_from_above"


class Channel(StrEnum):
    EMAIL = "email"
    WEBHOOK = "webhook"


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class DeliveryErrorClass(StrEnum):
    """What went wrong, as a class: the remote's own words are never kept, since an
    admin-typed URL would otherwise turn the failed list into a port scanner."""

    REFUSED = "refused"
    TIMEOUT = "timeout"
    UNREACHABLE = "unreachable"
    ADDRESS_NOT_ALLOWED = "address_not_allowed"
    REDIRECT = "redirect"
    HTTP_4XX = "http_4xx"
    HTTP_5XX = "http_5xx"
    AUTH = "auth"
    RECIPIENT_REFUSED = "recipient_refused"
    NO_ADDRESS = "no_address"


class Notification(db.Model):
    """One item for one official, shown in the app and delivered on their channels.

    `key` is (kind, task, due date in force, offset, recipient): a scan that runs twice,
    or two schedulers racing, write the same key and the second write does nothing.
    """

    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_recipient_read", "recipient_id", "read_at"),
        # A recipient's newest-first page read in the index's order, with no sort.
        Index("ix_notifications_recipient_id", "recipient_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("officials.id"))
    kind: Mapped[NotificationKind] = mapped_column(enum_column(NotificationKind, 30))
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id"), index=True)
    # What the message says, fixed when it was written (task title, dates, counts).
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    recipient: Mapped[Official] = relationship()
    deliveries: Mapped[list["Delivery"]] = relationship(back_populates="notification")


class Delivery(db.Model):
    """A notification's journey over one outside channel: claimed, sent, retried, failed."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("notification_id", "channel"),
        Index("ix_deliveries_due", "channel", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    notification_id: Mapped[int] = mapped_column(ForeignKey("notifications.id"))
    channel: Mapped[Channel] = mapped_column(enum_column(Channel))
    # E-mail only: wait for the recipient's daily digest instead of going alone.
    digest: Mapped[bool] = mapped_column(default=False)
    status: Mapped[DeliveryStatus] = mapped_column(
        enum_column(DeliveryStatus), default=DeliveryStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(default=0)
    # Not before this moment: a retry's back-off, or a digest item's next digest time,
    # so that a row that cannot go now never sits at the head of the queue.
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    # A sender holds the row until then; after a crash another sender may take it.
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    # The message it went out in (its Message-ID is derived from this key).
    message_key: Mapped[str | None] = mapped_column(String(200), index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    notification: Mapped[Notification] = relationship(back_populates="deliveries")


class DeliveryChannel(db.Model):
    """The state of an outside channel as a whole: when the SMTP server cannot be
    reached, the channel waits (with a capped back-off) instead of charging every
    row an attempt, so an outage of a day loses nothing."""

    __tablename__ = "delivery_channels"

    channel: Mapped[Channel] = mapped_column(enum_column(Channel), primary_key=True)
    failing_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    retry_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    consecutive_failures: Mapped[int] = mapped_column(default=0)
    last_error_class: Mapped[DeliveryErrorClass | None] = mapped_column(
        enum_column(DeliveryErrorClass, 30))

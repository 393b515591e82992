"""What one pass of the scheduler does: the scans that are due, then the deliveries."""

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tracker.notifications.delivery import (
    Message,
    claim_messages,
    record_failure,
    record_sent,
)
from tracker.notifications.models import Channel
from tracker.notifications.transports import (
    DeliveryError,
    SmtpSettings,
    compose_email,
    post_webhook,
    send_email,
    webhook_payload,
)
from tracker.org.models import Unit
from tracker.reminders.scan import ScanOutcome, run_daily_scan, scan_done

log = logging.getLogger("jobs")
CLAIM_LEASE = timedelta(minutes=5)


@dataclass
class PassReport:
    scanned: list[tuple[str, date]] = field(default_factory=list)
    outcome: ScanOutcome = field(default_factory=ScanOutcome)
    sent: int = 0
    failed: int = 0


def scan_units_due(session: Session, now: datetime, report: PassReport) -> None:
    """Run each unit's scan for its local day once its scan time has come.

    Worked out from the scan records, not from a trigger having fired: after a
    restart across the scan time the day is still scanned, and only once.
    """
    for unit in _units(session):
        local = now.astimezone(ZoneInfo(unit.timezone))
        if local.time() >= unit.settings.scan_time and not scan_done(session, unit, local.date()):
            _scan(session, unit, local.date(), report)


def scan_all_units(session: Session, now: datetime, report: PassReport) -> None:
    """Run every unit's scan for its local day at `now`, whatever the time (run-once)."""
    for unit in _units(session):
        _scan(session, unit, now.astimezone(ZoneInfo(unit.timezone)).date(), report)


def deliver_pending(session: Session, now: datetime, config: dict, report: PassReport) -> None:
    """Send what is due on every configured channel, recording each outcome."""
    smtp = SmtpSettings.from_config(config)
    if smtp is not None:
        for message in _claim(session, Channel.EMAIL, now):
            _attempt(session, message, now, config, report,
                     lambda m: send_email(smtp, compose_email(m, smtp, config["BASE_URL"])))
    for message in _claim(session, Channel.WEBHOOK, now):
        _attempt(session, message, now, config, report, lambda m: _post(m, config["BASE_URL"]))


def _scan(session: Session, unit: Unit, day: date, report: PassReport) -> None:
    outcome = run_daily_scan(session, unit, day)
    session.commit()
    report.scanned.append((unit.code, day))
    report.outcome += outcome


def _claim(session: Session, channel: Channel, now: datetime) -> list[Message]:
    messages = claim_messages(session, channel, now, lease=CLAIM_LEASE)
    session.commit()  # the claims must be visible to other senders before sending
    return messages


def _attempt(session, message: Message, now, config, report: PassReport, send) -> None:
    try:
        send(message)
    except DeliveryError as error:
        log.warning("Delivery of %s failed: %s", message.key, error)
        record_failure(session, message, now, str(error),
                       max_attempts=config["DELIVERY_MAX_ATTEMPTS"],
                       retry_base=timedelta(seconds=config["DELIVERY_RETRY_SECONDS"]))
        report.failed += 1
    else:
        record_sent(session, message, now)
        report.sent += 1
    session.commit()


def _post(message: Message, base_url: str) -> None:
    url = message.unit.settings.webhook_url
    if not url:
        raise DeliveryError("the unit has no webhook URL")
    post_webhook(url, webhook_payload(message, base_url))


def _units(session: Session) -> list[Unit]:
    return list(session.scalars(
        select(Unit).options(selectinload(Unit.settings), selectinload(Unit.calendar_days))
        .order_by(Unit.id)
    ))

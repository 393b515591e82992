"""What one pass of the scheduler does: the scans that are due, then the deliveries."""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from tracker.notifications.channels import channel_ready, record_channel_down, record_channel_up
from tracker.notifications.delivery import (
    Message,
    claim_batch,
    record_failure,
    record_sent,
    release,
    reload,
)
from tracker.notifications.models import Channel, DeliveryErrorClass
from tracker.notifications.transports import (
    ChannelDown,
    DeliveryError,
    SmtpChannel,
    SmtpSettings,
    compose_email,
)
from tracker.notifications.webhooks import post_webhook, webhook_payload
from tracker.org.housekeeping import purge_stale_records
from tracker.org.models import Unit, UnitSettings
from tracker.reminders.models import ScanRun
from tracker.reminders.scan import ScanOutcome, run_daily_scan
from tracker.reports.late_reports import remind_late_reports

log = logging.getLogger("jobs")
CLAIM_LEASE = timedelta(minutes=5)


@dataclass
class PassReport:
    scanned: list[tuple[str, date]] = field(default_factory=list)
    outcome: ScanOutcome = field(default_factory=ScanOutcome)
    sent: int = 0
    failed: int = 0


@dataclass(frozen=True)
class _UnitClock:
    """What the loop over the units reads of each, as plain data: the commit after each
    unit's scan expires every loaded object, which the next read would load again."""

    id: int
    code: str
    timezone: str
    scan_time: clock_time

    def local_time(self, now: datetime) -> clock_time:
        return now.astimezone(ZoneInfo(self.timezone)).time()

    def local_day(self, now: datetime) -> date:
        return now.astimezone(ZoneInfo(self.timezone)).date()


def scan_units_due(session: Session, now: datetime, report: PassReport) -> None:
    """Run each unit's scan for its local day once its scan time has come.

    Worked out from the scan records, not from a trigger having fired: after a
    restart across the scan time the day is still scanned, and only once.
    """
    due = {unit: unit.local_day(now) for unit in _unit_clocks(session)
           if unit.local_time(now) >= unit.scan_time}
    scanned = _days_scanned(session, set(due.values()))
    for unit, day in due.items():
        if (unit.id, day) not in scanned:
            _scan(session, unit, day, report)


def tidy_up_after_scans(session: Session, now: datetime, report: PassReport) -> None:
    """Once a pass has scanned a day, clear the stale sign-in records: daily, and never
    as an extra write in the passes between (a DELETE takes SQLite's write lock)."""
    if report.scanned:
        purge_stale_records(session, now)
        session.commit()


def scan_all_units(session: Session, now: datetime, report: PassReport) -> None:
    """Run every unit's scan for its local day at `now`, whatever the time (run-once)."""
    for unit in _unit_clocks(session):
        _scan(session, unit, unit.local_day(now), report)


def deliver_pending(session: Session, now: datetime, config: dict, report: PassReport,
                    *, clock: Callable[[], float] = time.monotonic) -> None:
    """Send what is due on every channel, batch after batch, the channels in turn,
    until nothing is due or the pass's time budget (DELIVERY_PASS_SECONDS) is spent."""
    deadline = clock() + config["DELIVERY_PASS_SECONDS"]
    channels = _senders(session, now, config)
    # A batch each in turn: a backlog of e-mail holds no webhook back, nor the reverse.
    while channels and clock() < deadline:
        channels = [c for c in channels if _deliver_batch(session, c, now, config, report)]


def _senders(session: Session, now: datetime, config: dict) -> list[Channel]:
    """The channels that can send now: e-mail waits for MAIL_SERVER and its back-off."""
    channels = [Channel.WEBHOOK]
    if SmtpSettings.from_config(config) is not None and channel_ready(session, Channel.EMAIL,
                                                                      now):
        channels.insert(0, Channel.EMAIL)
    return channels


def _deliver_batch(session: Session, channel: Channel, now: datetime, config: dict,
                   report: PassReport) -> bool:
    """One batch on `channel`; False when it had nothing to do or went down."""
    batch = claim_batch(session, channel, now, lease=CLAIM_LEASE)
    session.commit()  # the claims must be visible to other senders before sending
    reload(session, batch.messages)
    if channel is Channel.EMAIL:
        sent = _send_emails(session, batch.messages, now, config, report)
    else:
        sent = _post_all(session, batch.messages, now, config, report)
    # A batch that found rows (even rows only put off) may have more behind it.
    return sent and batch.rows > 0


def _send_emails(session, messages: list[Message], now, config, report: PassReport) -> bool:
    smtp = SmtpSettings.from_config(config)
    # Composed before the first commit, which expires the rows they are made of.
    outgoing = [(m, compose_email(m, smtp, config["BASE_URL"])) for m in messages]
    session.commit()  # no transaction across the network: on SQLite it holds the write lock
    with SmtpChannel(smtp) as connection:
        for index, (message, email) in enumerate(outgoing):
            try:
                _attempt(session, message, now, config, report,
                         lambda _, email=email: connection.send(email))
            except ChannelDown as down:
                _channel_down(session, messages[index:], now, config, down)
                return False
    if messages:
        record_channel_up(session, Channel.EMAIL)
        session.commit()
    return True


def _post_all(session, messages: list[Message], now, config, report: PassReport) -> bool:
    calls = [(m, m.unit.settings.webhook_url, webhook_payload(m, config["BASE_URL"]))
             for m in messages]
    session.commit()  # as for e-mail: no write lock held while a webhook answers
    for message, url, payload in calls:
        _attempt(session, message, now, config, report,
                 lambda _, url=url, payload=payload: _post(url, payload, config))
    return True


def _channel_down(session, unsent: list[Message], now, config, down: ChannelDown) -> None:
    log.warning("E-mail channel down (%s): waiting before the next try",
                down.error_class.value)
    release(session, unsent)
    record_channel_down(
        session, Channel.EMAIL, now, down.error_class,
        retry_base=timedelta(seconds=config["DELIVERY_RETRY_SECONDS"]),
        max_wait=timedelta(seconds=config["DELIVERY_CHANNEL_MAX_WAIT_SECONDS"]))
    session.commit()


def _scan(session: Session, unit_clock: _UnitClock, day: date, report: PassReport) -> None:
    unit = _unit_to_scan(session, unit_clock.id)
    outcome = run_daily_scan(session, unit, day)
    outcome += remind_late_reports(session, unit, day)
    session.commit()  # each unit's scan on its own: a later unit's failure undoes none
    report.scanned.append((unit_clock.code, day))
    report.outcome += outcome


def _attempt(session, message: Message, now, config, report: PassReport, send) -> None:
    """Send one message and record it; a ChannelDown goes up to the caller untouched."""
    try:
        send(message)
    except ChannelDown:
        raise
    except DeliveryError as error:
        log.warning("Delivery of %s refused: %s", message.key, error.error_class.value)
        record_failure(session, message, now, error.error_class,
                       max_attempts=config["DELIVERY_MAX_ATTEMPTS"],
                       retry_base=timedelta(seconds=config["DELIVERY_RETRY_SECONDS"]))
        report.failed += 1
    else:
        record_sent(session, message, now)
        report.sent += 1
    # Each outcome committed before the next send: a crash sends one message again at most.
    session.commit()


def _post(url: str | None, payload: dict, config: dict) -> None:
    if not url:
        raise DeliveryError(DeliveryErrorClass.NO_ADDRESS)
    post_webhook(url, payload, allow_private=config["WEBHOOK_ALLOW_PRIVATE"])


def _unit_clocks(session: Session) -> list[_UnitClock]:
    rows = session.execute(
        select(Unit.id, Unit.code, Unit.timezone, UnitSettings.scan_time)
        .join(UnitSettings).order_by(Unit.id))
    return [_UnitClock(*row) for row in rows]


def _days_scanned(session: Session, days: set[date]) -> set[tuple[int, date]]:
    """(unit id, day) of the scans recorded for any of `days`, in one read."""
    if not days:
        return set()
    rows = session.execute(select(ScanRun.unit_id, ScanRun.day)
                           .where(ScanRun.day.in_(sorted(days))))
    return {(unit_id, day) for unit_id, day in rows}


def _unit_to_scan(session: Session, unit_id: int) -> Unit:
    """The unit with its settings and own calendar days, in one statement."""
    return session.scalars(
        select(Unit).where(Unit.id == unit_id)
        .options(joinedload(Unit.settings), joinedload(Unit.calendar_days))
    ).unique().one()

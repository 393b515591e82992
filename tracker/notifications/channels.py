"""An outside channel's health as a whole (the SMTP server up or down).

When the server cannot be reached, every e-mail would fail the same way: the channel
waits, doubling its wait up to a cap, and the e-mails keep their attempts, so an outage
of a day ends with everything sent and nothing for the admin to retry.
"""

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.core.db import insert_ignoring_duplicates
from tracker.notifications.models import Channel, DeliveryChannel, DeliveryErrorClass


def channel_ready(session: Session, channel: Channel, now: datetime) -> bool:
    """False while the channel waits after a failure."""
    retry_at = session.scalar(select(DeliveryChannel.retry_at)
                              .where(DeliveryChannel.channel == channel))
    return retry_at is None or retry_at <= now


def record_channel_down(
    session: Session, channel: Channel, now: datetime, error: DeliveryErrorClass, *,
    retry_base: timedelta, max_wait: timedelta,
) -> DeliveryChannel:
    state = _state(session, channel)
    state.consecutive_failures += 1
    state.failing_since = state.failing_since or now
    doublings = min(state.consecutive_failures - 1, 30)  # an outage of weeks cannot overflow
    state.retry_at = now + min(retry_base * 2 ** doublings, max_wait)
    state.last_error_class = error
    session.flush()
    return state


def record_channel_up(session: Session, channel: Channel) -> None:
    """The channel took a message: clear its failure (written only when there was one)."""
    state = session.get(DeliveryChannel, channel)
    if state is not None and state.failing_since is not None:
        state.failing_since = state.retry_at = state.last_error_class = None
        state.consecutive_failures = 0
        session.flush()


def channel_states(session: Session) -> dict[Channel, DeliveryChannel]:
    return {state.channel: state for state in session.scalars(select(DeliveryChannel))}


def _state(session: Session, channel: Channel) -> DeliveryChannel:
    session.execute(insert_ignoring_duplicates(session, DeliveryChannel)
                    .values(channel=channel, consecutive_failures=0)
                    .on_conflict_do_nothing(index_elements=["channel"]))
    return session.get(DeliveryChannel, channel, populate_existing=True)

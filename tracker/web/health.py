"""`GET /health`: the process is up and answers, for load balancers, deployment checks and
the HTTP benchmark's baseline. It reads no database and needs no sign-in.

`GET /health?queue=1` adds the delivery queue, for monitoring: per channel the age in
seconds of the oldest pending delivery that could go now (0: none is late) and whether
the channel is failing — two index lookups and the small channel table, no secrets.
"""

from flask import Blueprint, current_app, request

from tracker.core.clock import now_utc
from tracker.extensions import db
from tracker.notifications.channels import channel_states
from tracker.notifications.models import Channel
from tracker.notifications.queue import oldest_due

bp = Blueprint("health", __name__)


@bp.get("/health")
def health() -> dict:
    if request.args.get("queue") != "1":
        return {"status": "ok"}
    return {"status": "ok", "queue": _queue()}


def _queue() -> dict[str, dict]:
    now = now_utc()
    ages = oldest_due(db.session, now)
    states = channel_states(db.session)
    queue = {}
    for channel in Channel:
        state = states.get(channel)
        failing = state is not None and state.failing_since is not None
        queue[channel.value] = {
            "oldest_due_seconds": round(ages[channel]),
            "failing_since": state.failing_since.isoformat() if failing else None,
            "error": state.last_error_class.value if failing else None,
        }
    queue[Channel.EMAIL.value]["configured"] = bool(current_app.config["MAIL_SERVER"])
    return queue

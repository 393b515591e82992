"""Handing over an official's open tasks to another (the unit's admin or chairman)."""

from typing import Any

from flask_babel import lazy_gettext as _l

from tracker.api.core import Endpoint, endpoint, load_body, official
from tracker.api.schemas import HandoverIn, HandoverOut
from tracker.core.errors import NotFound, ValidationFailed
from tracker.core.validation import MAX_ID
from tracker.extensions import db
from tracker.org.models import Official
from tracker.org.services import get_official
from tracker.tasks.handover import Handover, hand_over_work


@endpoint(f"/officials/<int(max={MAX_ID}):official_id>/handover", "POST", Endpoint(
    _l("Bàn giao mọi nhiệm vụ đang thực hiện của một cán bộ cho người khác "
       "(dry_run: chỉ đếm)"), body=HandoverIn, response=HandoverOut))
def official_handover(official_id: int):
    departing = get_official(db.session, official(), official_id)
    data = load_body()
    handover = hand_over_work(db.session, official(), departing, _receiver(data["to"]),
                              dry_run=data["dry_run"])
    db.session.commit()
    return HandoverOut().dump(_described(handover))


def _receiver(official_id: int) -> Official:
    """:raise ValidationFailed: on `to`, for an official the caller may not see."""
    try:
        return get_official(db.session, official(), official_id)
    except NotFound as missing:
        raise ValidationFailed.on("to", missing.message) from None


def _described(handover: Handover) -> dict[str, Any]:
    return {
        "applied": handover.applied, "departing": handover.departing,
        "receiver": handover.receiver, "task_count": handover.task_count,
        "counts": {role.value: count for role, count in handover.counts.items()},
        "task_ids": {role.value: [task.id for task in tasks]
                     for role, tasks in handover.tasks.items()},
    }

from datetime import timedelta

import time_machine

from tests.factories import OfficialFactory, UnitFactory
from tracker.core.clock import now_utc
from tracker.extensions import db
from tracker.notifications.channels import record_channel_down
from tracker.notifications.models import Channel, Delivery, DeliveryErrorClass, NotificationKind
from tracker.notifications.services import enqueue


def test_health_answers_without_sign_in(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


@time_machine.travel("2023-03-01 09:00 +07:00", tick=False)
def test_health_with_queue_tells_how_late_the_oldest_sendable_delivery_is(client, db_session):
    unit = UnitFactory()
    for n, waited in enumerate((timedelta(minutes=5), timedelta(minutes=1), -timedelta(hours=3))):
        official = OfficialFactory(unit=unit, email=f"hang{n}@xa.example.vn", email_digest=False)
        enqueue(db.session, unit, official, NotificationKind.ASSIGNED,
                {"role": "lead", "title": "Việc", "due": None}, offset=n)
        db.session.query(Delivery).order_by(Delivery.id.desc()).first().next_attempt_at = (
            now_utc() - waited)  # the last one waits for a retry in 3 hours: not late
    record_channel_down(db.session, Channel.EMAIL, now_utc(), DeliveryErrorClass.TIMEOUT,
                        retry_base=timedelta(minutes=1), max_wait=timedelta(minutes=10))
    db.session.flush()
    queue = client.get("/health?queue=1").get_json()["queue"]
    assert queue["email"] == {"oldest_due_seconds": 300, "configured": False,
                              "failing_since": "2023-03-01T02:00:00+00:00", "error": "timeout"}
    assert queue["webhook"] == {"oldest_due_seconds": 0, "failing_since": None, "error": None}

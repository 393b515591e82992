from datetime import time

from tests.factories import UnitFactory
from tracker.audit.services import snapshot


def test_snapshot_writes_a_time_of_day_as_json_ready_text(db_session):
    settings = UnitFactory().settings
    settings.scan_time = time(6, 30)
    assert snapshot(settings)["scan_time"] == "06:30:00"

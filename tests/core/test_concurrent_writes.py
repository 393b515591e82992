"""Concurrent writers behind gunicorn with 4 workers and the scheduler beside it, on one
database: every write is saved, none fails. On SQLite a deferred BEGIN made most of them
fail at once with "database is locked" (tests/bench/writes.py has the figures)."""

from tests.bench.servers import serving
from tests.bench.writes import Tally, fill, run_writers, stored_marks
from tests.databases import fresh_database

WRITERS = 30
UPDATES_EACH = 3


def test_thirty_writers_on_thirty_tasks_all_succeed(database_url, tmp_path):
    with fresh_database(database_url, tmp_path) as url:
        targets = fill(url, tasks=120, units=1, targets=WRITERS)
        tally = Tally()
        with serving(url, tmp_path, workers=4, seconds_per_day=2) as port:
            run_writers(port, targets, WRITERS, tally, updates=UPDATES_EACH, read_first=False)
        stored = stored_marks(url, [t.task_id for t in targets])
    assert dict(tally.statuses) == {("write", 200): WRITERS * UPDATES_EACH}
    assert stored == tally.confirmed

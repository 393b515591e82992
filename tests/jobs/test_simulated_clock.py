"""The simulated clock of `jobs run --simulate-from`."""

import time
from datetime import UTC, datetime, timedelta

from jobs.runner import accelerated_source

START = datetime(2023, 1, 30, tzinfo=UTC)


def test_the_clock_stands_at_the_start_until_its_epoch():
    clock = accelerated_source(START, seconds_per_day=60, epoch=time.time() + 3600)
    assert clock() == START


def test_after_its_epoch_a_day_passes_every_seconds_per_day():
    clock = accelerated_source(START, seconds_per_day=60, epoch=time.time() - 90)
    assert START + timedelta(days=1.5) <= clock() < START + timedelta(days=1.6)

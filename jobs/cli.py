"""`flask --app tracker jobs run` and `jobs run-once`."""

import logging
import signal
import threading
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import click
from flask import current_app
from flask.cli import AppGroup

from jobs.runner import accelerated_source, run_forever, run_once

jobs_group = AppGroup("jobs", help="Lịch chạy nhắc việc (the scheduler).")


@jobs_group.command("run")
@click.option("--simulate-from", type=click.DateTime(["%Y-%m-%dT%H:%M", "%Y-%m-%d"]),
              default=None, help="Chạy trên thời gian mô phỏng từ mốc này (giờ địa phương).")
@click.option("--seconds-per-day", type=float, default=60.0, show_default=True,
              help="Với --simulate-from: số giây thật cho một ngày mô phỏng.")
@click.option("--simulate-epoch", type=float, default=None,
              help="Với --simulate-from: thời điểm thật (Unix) ứng với mốc, để nhiều tiến "
                   "trình chung một đồng hồ.")
@click.option("--tick-seconds", type=float, default=None)
@click.option("--standby-poll-seconds", type=float, default=None)
def run_command(simulate_from, seconds_per_day, simulate_epoch, tick_seconds,
                standby_poll_seconds):
    """Chạy lịch nhắc việc cho đến khi dừng (Ctrl+C / SIGTERM).

    Several may run at once: one leads, the others wait as standby and take over
    within the poll interval when the leader stops.
    """
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    app = current_app._get_current_object()
    config = app.config
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    options = {
        "tick_seconds": tick_seconds or config["SCHEDULER_TICK_SECONDS"],
        "standby_poll_seconds": standby_poll_seconds or config["SCHEDULER_STANDBY_POLL_SECONDS"],
    }
    if simulate_from is not None:
        start = simulate_from.replace(tzinfo=ZoneInfo(config["TIMEZONE"]))
        options["source"] = accelerated_source(start, seconds_per_day,
                                               simulate_epoch or time.time())
    run_forever(app, stop, **options)


@jobs_group.command("run-once")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Ngày (địa phương) để chạy thay cho hôm nay, YYYY-MM-DD.")
def run_once_command(today: datetime | None):
    """Chạy mọi việc một lần rồi thoát (cho cron, kiểm thử, chạy bù một ngày)."""
    report = run_once(current_app._get_current_object(), today.date() if today else None)
    for code, day in report.scanned:
        click.echo(f"Đã quét {code} ngày {day:%d/%m/%Y}")
    written = sum(report.outcome.written.values())
    click.echo(f"Thông báo mới: {written}; đã gửi: {report.sent}; gửi lỗi: {report.failed}")

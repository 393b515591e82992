"""Benchmark of the quarterly report for one commune with 5,000 tasks, beside a trivial
endpoint in the same run (gunicorn, as `tests.bench.http` serves the pages).

    python -m tests.bench.report                  # SQLite file in a temp folder
    DATABASE_URL=postgresql+psycopg://… python -m tests.bench.report

Measures: building the report from the data (the preview, stored nowhere), the stored
draft's page with its checks, and its DOCX file.
"""

import argparse
import os
import tempfile
from datetime import date
from pathlib import Path

from sqlalchemy import select

from tests.bench.measure import Load, Table, Target, credentials, fill, measure, sign_in
from tests.bench.servers import serving
from tests.databases import fresh_database
from tracker import create_app
from tracker.core.actor import SYSTEM
from tracker.core.clock import today_in
from tracker.core.periods import ReportingPeriod
from tracker.extensions import db
from tracker.org.models import Official
from tracker.reports.services import create_report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=5_000)
    parser.add_argument("--requests", type=int, default=40, help="measured, per URL")
    parser.add_argument("--warm-up", type=int, default=3, help="per URL, not measured")
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL") or "sqlite:///bench.db"
    period = _last_closed_period(today_in())
    with tempfile.TemporaryDirectory() as folder, fresh_database(base, Path(folder)) as url:
        filled = fill(url, args.tasks, args.tasks)
        report_id = _draft(url, filled.chairman, period)
        pages = (
            ("build from data", f"/reports/build?period={period.code}"),
            ("draft page", f"/reports/{report_id}"),
            ("draft DOCX", f"/reports/{report_id}/report.docx"),
        )
        with serving(url, Path(folder), workers=args.workers, seconds_per_day=None) as port:
            cookie = sign_in(port, filled.chairman)
            print(f"report {period.label} of one commune with {args.tasks:,} tasks; "
                  f"{args.concurrency} concurrent clients, {args.requests} requests per URL")
            load = Load(args.requests, args.warm_up, args.concurrency, batch=args.requests)
            table = Table(pages, measure("trivial", "/health", [Target(port, {})], load)[0])
            for name, path in pages:
                headers = credentials(path, cookie, filled.token)
                table.row(measure(name, path, [Target(port, headers)], load)[0])


def _last_closed_period(today: date) -> ReportingPeriod:
    """The cumulative period (9 months or the year) whose cut-off passed last: the most
    work a report of the generated year can cover."""
    nine_months = ReportingPeriod.parse(f"{today.year}-9M")
    return nine_months if nine_months.cutoff < today else ReportingPeriod.parse(
        f"{today.year - 1}-Y")


def _draft(url: str, chairman: str, period: ReportingPeriod) -> int:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        official = db.session.scalar(select(Official).where(Official.username == chairman))
        report = create_report(db.session, SYSTEM, official.unit, period.code)
        db.session.commit()
        report_id = report.id
        db.session.remove()
        db.engine.dispose()
    return report_id


if __name__ == "__main__":
    main()

"""Benchmark of the pages as production serves them: gunicorn with 2 workers on a database
filled by `demo generate`, each page beside a trivial endpoint served in the same run.

    python -m tests.bench.http --tasks 100000            # SQLite file in a temp folder
    DATABASE_URL=postgresql+psycopg://… python -m tests.bench.http --tasks 1000000

Signs in once through the real form (CSRF token, cookie jar) as the chairman of one
generated commune and as the province's viewer (for the oversight pages), then for each
URL makes a few warm-up requests and a fixed number of measured ones from concurrent
keep-alive clients. It prints the median and 95th percentile latency and requests per
second; the figure is the ratio of a page's median to the median of `GET /health` (no
database, no session).
"""

import argparse
import http.client
import os
import re
import statistics
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import select

from tests.bench.servers import HOST, serving
from tests.databases import fresh_database
from tracker import create_app
from tracker.core.actor import SYSTEM
from tracker.demo.generate import generate
from tracker.extensions import db
from tracker.org.models import Official
from tracker.org.tokens import create_token

PASSWORD = "bench-password"
TRIVIAL = ("trivial", "/health")
PAGES = (
    ("dashboard", "/"),
    ("my tasks", "/my-tasks"),
    ("task list", "/tasks"),
    ("search", "/tasks?q=ke+hoach"),
    ("API list", "/api/v1/tasks"),
)
# Read as the province's viewer (Sở Nội vụ): every commune at once.
PROVINCE_PAGES = (
    ("oversight", "/oversight"),
    ("oversight, overdue across communes", "/oversight/tasks?class=overdue"),
)
VIEWER = "bench.noivu1"


@dataclass(frozen=True)
class Figures:
    name: str
    path: str
    median_ms: float
    p95_ms: float
    per_second: float


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--tasks-per-unit", type=int, default=1_000)
    parser.add_argument("--requests", type=int, default=200, help="measured, per URL")
    parser.add_argument("--warm-up", type=int, default=10, help="per URL, not measured")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL") or "sqlite:///bench.db"
    with tempfile.TemporaryDirectory() as folder, fresh_database(base, Path(folder)) as url:
        chairman, token = fill(url, args.tasks, args.tasks_per_unit)
        with serving(url, Path(folder), workers=args.workers, seconds_per_day=None) as port:
            cookie, province_cookie = _sign_in(port, chairman), _sign_in(port, VIEWER)
            print(f"gunicorn, {args.workers} workers, on {url.split(':')[0]}; signed in as "
                  f"{chairman}; {args.concurrency} concurrent clients, {args.requests} "
                  f"requests per URL after {args.warm_up} warm-up")
            trivial = _measure(port, *TRIVIAL, {}, args)
            pages = [_measure(port, name, path, _credentials(path, cookie, token), args)
                     for name, path in PAGES]
            pages += [_measure(port, name, path, {"Cookie": province_cookie}, args)
                      for name, path in PROVINCE_PAGES]
    _print(trivial, pages)


def fill(url: str, tasks: int, per_unit: int) -> tuple[str, str]:
    """Generate the data; a chairman to sign in as and a personal API token of his."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade()
        started = time.perf_counter()
        units = max(1, tasks // per_unit)
        made = generate(db.session, units=units, tasks=tasks, seed=2026, password=PASSWORD,
                        province_code="bench")
        chairman = db.session.scalar(select(Official).where(Official.username == made.chairman))
        _, secret = create_token(db.session, SYSTEM, chairman, "bench")
        db.session.commit()
        print(f"generated {tasks:,} tasks in {units:,} communes "
              f"in {time.perf_counter() - started:.1f} s")
        db.session.remove()
        db.engine.dispose()
    return made.chairman, secret


def _sign_in(port: int, login: str) -> str:
    """Sign in through the form; the session cookie, as a Cookie header."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://{HOST}:{port}"
    page = opener.open(f"{base}/sign-in").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"login": login, "password": PASSWORD, "csrf_token": token})
    landed = opener.open(f"{base}/sign-in", data=form.encode())
    if urllib.parse.urlsplit(landed.url).path != "/":
        raise SystemExit(f"sign-in as {login} failed (landed on {landed.url})")
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def _credentials(path: str, cookie: str, token: str) -> dict[str, str]:
    if path.startswith("/api/"):
        return {"Authorization": f"Bearer {token}"}
    return {"Cookie": cookie}


def _measure(port: int, name: str, path: str, headers: dict[str, str],
             args: argparse.Namespace) -> Figures:
    _timed(port, path, headers, args.warm_up)
    shares = [args.requests // args.concurrency + (n < args.requests % args.concurrency)
              for n in range(args.concurrency)]
    started = time.perf_counter()
    with ThreadPoolExecutor(args.concurrency) as pool:
        latencies = [t for part in pool.map(lambda n: _timed(port, path, headers, n), shares)
                     for t in part]
    elapsed = time.perf_counter() - started
    return Figures(name, path, statistics.median(latencies) * 1000,
                   statistics.quantiles(latencies, n=20)[18] * 1000, len(latencies) / elapsed)


def _timed(port: int, path: str, headers: dict[str, str], count: int) -> list[float]:
    """`count` requests over one connection (kept alive while the server allows it)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    latencies = []
    for _ in range(count):
        started = time.perf_counter()
        status = _get(connection, path, headers)
        latencies.append(time.perf_counter() - started)
        if status != 200:
            raise SystemExit(f"GET {path} answered {status}")
    connection.close()
    return latencies


def _get(connection: http.client.HTTPConnection, path: str, headers: dict[str, str]) -> int:
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    return response.status


def _print(trivial: Figures, pages: list[Figures]) -> None:
    labels = [f"{figures.name} ({figures.path})" for figures in [trivial, *pages]]
    width = max(32, *map(len, labels))
    print(f"{'page':<{width}} {'median ms':>9} {'p95 ms':>8} {'req/s':>7} "
          f"{'trivial median ms':>17} {'ratio':>6}")
    for label, figures in zip(labels, [trivial, *pages], strict=True):
        print(f"{label:<{width}} {figures.median_ms:>9.1f} {figures.p95_ms:>8.1f} "
              f"{figures.per_second:>7.1f} {trivial.median_ms:>17.2f} "
              f"{figures.median_ms / trivial.median_ms:>6.1f}")


if __name__ == "__main__":
    main()

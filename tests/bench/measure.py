"""What the HTTP benchmarks share: filling a database with `demo generate`, signing in
through the real form, timing GETs over keep-alive connections and printing the figures."""

import http.client
import re
import statistics
import time
import urllib.parse
import urllib.request
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from http.cookiejar import CookieJar

from flask_migrate import upgrade
from sqlalchemy import func, select

from tests.bench.servers import HOST
from tracker import create_app
from tracker.core.actor import SYSTEM
from tracker.demo.generate import generate
from tracker.extensions import db
from tracker.org.models import Official
from tracker.org.tokens import create_token
from tracker.tasks.models import Task, TaskState

PASSWORD = "bench-password"
PROVINCE_CODE = "bench"


@dataclass(frozen=True)
class Filled:
    chairman: str  # of the first commune: the one every page is read in
    busiest: str  # the official of that commune with the most open tasks
    open_tasks: int  # his
    token: str  # a personal API token of the chairman's
    seconds: float  # generating the data took


@dataclass(frozen=True)
class Load:
    requests: int  # measured, per URL
    warm_up: int  # per URL, not measured
    concurrency: int  # clients at once
    batch: int  # requests in a row to one server when two are measured side by side


@dataclass(frozen=True)
class Target:
    port: int
    headers: dict[str, str]


@dataclass(frozen=True)
class Figures:
    name: str
    path: str
    median_ms: float
    p95_ms: float
    per_second: float
    failed: int | None = None  # the status a request answered instead of 200: no figures


class PageFailed(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(f"answered {status}")
        self.status = status


def fill(url: str, tasks: int, per_unit: int) -> Filled:
    """Generate `tasks` tasks in communes of `per_unit`; who to sign in as."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade()
        started = time.perf_counter()
        made = generate(db.session, units=max(1, tasks // per_unit), tasks=tasks, seed=2026,
                        password=PASSWORD, province_code=PROVINCE_CODE)
        chairman = db.session.scalar(select(Official).where(Official.username == made.chairman))
        _, secret = create_token(db.session, SYSTEM, chairman, "bench")
        db.session.commit()
        seconds = time.perf_counter() - started
        busiest, open_tasks = db.session.execute(
            select(Official.username, func.count())
            .join(Task, Task.lead_id == Official.id)
            .where(Task.unit_id == chairman.unit_id, Task.state == TaskState.OPEN)
            .group_by(Official.username).order_by(func.count().desc()).limit(1)).one()
        db.session.remove()
        db.engine.dispose()
    return Filled(made.chairman, busiest, open_tasks, secret, seconds)


def sign_in(port: int, login: str) -> str:
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


def credentials(path: str, cookie: str, token: str) -> dict[str, str]:
    """The API reads a bearer token, the pages a session cookie."""
    if path.startswith("/api/"):
        return {"Authorization": f"Bearer {token}"}
    return {"Cookie": cookie}


def measure(name: str, path: str, targets: Sequence[Target], load: Load) -> list[Figures]:
    """`load.requests` GETs of `path` on each target; with several targets, in batches
    taking turns, so that what else runs on the machine weighs on each alike. A page
    that answers anything but 200 gets no figures (the servers' log says why)."""
    try:
        return _measured(name, path, targets, load)
    except PageFailed as failure:
        nothing = float("nan")
        return [Figures(name, path, nothing, nothing, 0.0, failure.status) for _ in targets]


def _measured(name: str, path: str, targets: Sequence[Target], load: Load) -> list[Figures]:
    for target in targets:
        _concurrently(target, path, load.warm_up, load.concurrency)
    latencies: list[list[float]] = [[] for _ in targets]
    elapsed = [0.0] * len(targets)
    size = load.batch if len(targets) > 1 else load.requests
    for first in range(0, load.requests, size):
        for number, target in enumerate(targets):
            started = time.perf_counter()
            latencies[number] += _concurrently(
                target, path, min(size, load.requests - first), load.concurrency)
            elapsed[number] += time.perf_counter() - started
    return [Figures(name, path, statistics.median(times) * 1000, _p95(times) * 1000,
                    len(times) / seconds)
            for times, seconds in zip(latencies, elapsed, strict=True)]


def repeat(path: str, target: Target, count: int, concurrency: int) -> None:
    """`count` GETs, not timed (to bring a worker to the memory it settles at); a page
    that fails is left at that."""
    with suppress(PageFailed):
        _concurrently(target, path, count, concurrency)


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[18] if len(times) > 1 else times[0]


def _concurrently(target: Target, path: str, count: int, concurrency: int) -> list[float]:
    shares = [count // concurrency + (n < count % concurrency) for n in range(concurrency)]
    with ThreadPoolExecutor(concurrency) as pool:
        return [t for part in pool.map(lambda n: _timed(target, path, n), shares) for t in part]


def _timed(target: Target, path: str, count: int) -> list[float]:
    """`count` requests over one connection (kept alive while the server allows it)."""
    connection = http.client.HTTPConnection(HOST, target.port, timeout=120)
    latencies = []
    for _ in range(count):
        started = time.perf_counter()
        connection.request("GET", path, headers=target.headers)
        response = connection.getresponse()
        response.read()
        latencies.append(time.perf_counter() - started)
        if response.status != 200:
            raise PageFailed(response.status)
    connection.close()
    return latencies


def _label(name: str, path: str) -> str:
    return f"{name} ({path})"


class Table:
    """Each page's median and p95, and both over the trivial endpoint's, a row printed as
    soon as the page is measured (a long run shows how far it is)."""

    def __init__(self, pages: Sequence[tuple[str, str]], trivial: Figures) -> None:
        self.trivial = trivial
        self.width = max(32, *(len(_label(*page)) for page in pages))
        print(f"{'page':<{self.width}} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>7} "
              f"{'p50/trivial':>11} {'p95/trivial':>11}", flush=True)
        self.row(trivial)

    def row(self, figures: Figures) -> None:
        if figures.failed:
            print(f"{_label(figures.name, figures.path):<{self.width}} answered "
                  f"{figures.failed}", flush=True)
            return
        print(f"{_label(figures.name, figures.path):<{self.width}} {figures.median_ms:>8.1f} "
              f"{figures.p95_ms:>8.1f} {figures.per_second:>7.1f} "
              f"{figures.median_ms / self.trivial.median_ms:>11.1f} "
              f"{figures.p95_ms / self.trivial.p95_ms:>11.1f}", flush=True)


class PairTable:
    """Each page's median and p95 in two databases, and the second's p95 over the first's."""

    def __init__(self, pages: Sequence[tuple[str, str]], labels: tuple[str, str]) -> None:
        self.width = max(32, *(len(_label(*page)) for page in pages))
        first, second = labels
        print(f"{'page':<{self.width}} {'p50 ' + first:>14} {'p95 ' + first:>14} "
              f"{'p50 ' + second:>14} {'p95 ' + second:>14} {'p95 ratio':>9}", flush=True)

    def row(self, a: Figures, b: Figures) -> None:
        if a.failed or b.failed:
            print(f"{_label(a.name, a.path):<{self.width}} answered {a.failed or 200} and "
                  f"{b.failed or 200}", flush=True)
            return
        print(f"{_label(a.name, a.path):<{self.width}} {a.median_ms:>14.1f} {a.p95_ms:>14.1f} "
              f"{b.median_ms:>14.1f} {b.p95_ms:>14.1f} {b.p95_ms / a.p95_ms:>9.2f}", flush=True)

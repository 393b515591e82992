"""Benchmark of the pages as production serves them: gunicorn with 2 workers on databases
filled by `demo generate`, each page beside a trivial endpoint (`GET /health`: no
database, no session) served by the same gunicorn in the same run.

    python -m tests.bench.http                         # SQLite files in a temp folder
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/x python -m tests.bench.http
    python -m tests.bench.http --cases unit growth --tasks 20000 --requests 30   # quick

Each case makes fresh databases of its own (beside DATABASE_URL's, dropped afterwards):

- `unit`: one commune of `--tasks` tasks (100,000). Every page's p50 and p95 and both
  over the trivial endpoint's; then each page is requested until it has served
  `--rss-requests` (1,000) and the resident memory (VmRSS) of each worker is printed.
- `growth`: one commune of `--growth` tasks (1,000, then 10,000), both served at once and
  measured in turns; each page's p95 in the larger over the smaller.
- `flatness` (PostgreSQL only): the same size of commune (`--flat-unit`, 1,000 tasks) in
  a database of `--flat-tasks` (10,000, then 1,000,000) tasks, as for `growth`.
- `province`: `--province-tasks` (100,000) in communes of 1,000: a commune's pages beside
  the province viewer's oversight pages.

The pages are read as the chairman of the first generated commune, "my tasks" as the
official of that commune with the most open tasks, the API with a personal token of the
chairman's. Requests go over keep-alive connections from `--concurrency` (1) clients,
after `--warm-up` (10) unmeasured ones, `--requests` (100) measured per URL; `--batch`
(10) requests at a time when two servers take turns. `--workers` (2) gunicorn workers.
"""

import argparse
import os
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from tests.bench.measure import (
    Filled,
    Load,
    PairTable,
    Table,
    Target,
    credentials,
    fill,
    measure,
    repeat,
    sign_in,
)
from tests.bench.servers import Server, served
from tests.databases import fresh_database

TRIVIAL = ("trivial", "/health")
MY_TASKS = "/my-tasks"
PAGES = (
    ("dashboard", "/"),
    ("my tasks", MY_TASKS),
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
class Site:
    """A served database and the credentials to read its pages with."""

    server: Server
    filled: Filled
    chairman: str  # session cookies
    busiest: str

    def target(self, path: str) -> Target:
        cookie = self.busiest if path == MY_TASKS else self.chairman
        return Target(self.server.port, credentials(path, cookie, self.filled.token))


def main() -> None:
    args = _arguments()
    base = os.environ.get("DATABASE_URL") or "sqlite:///bench.db"
    backend = make_url(base).get_backend_name()
    load = Load(args.requests, args.warm_up, args.concurrency, args.batch)
    print(f"on {backend}, gunicorn with {args.workers} workers; {load.concurrency} "
          f"client(s), {load.requests} requests per URL after {load.warm_up} warm-up",
          flush=True)
    with tempfile.TemporaryDirectory() as folder:
        deploy = _Deployer(base, Path(folder), args.workers)
        if "unit" in args.cases:
            one_unit(deploy, args.tasks, load, args.rss_requests)
        if "growth" in args.cases:
            pair(deploy, "growth: one commune", [(n, n) for n in args.growth], load)
        if "flatness" in args.cases and backend == "sqlite":
            print("\n== flatness: PostgreSQL only (set DATABASE_URL), skipped ==")
        elif "flatness" in args.cases:
            pair(deploy, f"flatness: a commune of {args.flat_unit:,} tasks in a database of",
                 [(n, args.flat_unit) for n in args.flat_tasks], load)
        if "province" in args.cases:
            province(deploy, args.province_tasks, load)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", nargs="+", default=["unit", "growth", "flatness", "province"],
                        choices=["unit", "growth", "flatness", "province"])
    parser.add_argument("--tasks", type=int, default=100_000, help="the one unit's")
    parser.add_argument("--growth", type=int, nargs=2, default=[1_000, 10_000])
    parser.add_argument("--flat-unit", type=int, default=1_000)
    parser.add_argument("--flat-tasks", type=int, nargs=2, default=[10_000, 1_000_000])
    parser.add_argument("--province-tasks", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=100, help="measured, per URL")
    parser.add_argument("--warm-up", type=int, default=10, help="per URL, not measured")
    parser.add_argument("--rss-requests", type=int, default=1_000,
                        help="per page before reading the workers' memory; 0: not read")
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--batch", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    return parser.parse_args()


class _Deployer:
    """Fresh databases, each filled and served under gunicorn, in a folder of its own."""

    def __init__(self, base: str, folder: Path, workers: int) -> None:
        self.base, self.folder, self.workers, self.count = base, folder, workers, 0

    @contextmanager
    def __call__(self, tasks: int, per_unit: int) -> Iterator[Site]:
        self.count += 1
        folder = self.folder / str(self.count)
        folder.mkdir()
        with fresh_database(self.base, folder) as url:
            filled = fill(url, tasks, per_unit)
            print(f"generated {tasks:,} tasks in {max(1, tasks // per_unit):,} commune(s) "
                  f"in {filled.seconds:.1f} s; my tasks: {filled.busiest}, "
                  f"{filled.open_tasks:,} open", flush=True)
            with served(url, folder, workers=self.workers, seconds_per_day=None) as server:
                yield Site(server, filled, sign_in(server.port, filled.chairman),
                           sign_in(server.port, filled.busiest))


def one_unit(deploy: _Deployer, tasks: int, load: Load, rss_requests: int) -> None:
    print(f"\n== one unit: {tasks:,} tasks in one commune ==")
    with deploy(tasks, tasks) as site:
        table = Table(PAGES, measure(*TRIVIAL, [site.target(TRIVIAL[1])], load)[0])
        for name, path in PAGES:
            table.row(measure(name, path, [site.target(path)], load)[0])
        if rss_requests:
            served_already = load.warm_up + load.requests
            for _, path in PAGES:
                repeat(path, site.target(path), max(0, rss_requests - served_already), 2)
            rss = ", ".join(f"{mib:.1f}" for mib in site.server.worker_rss_mib())
            print(f"worker RSS after {rss_requests:,} requests of every page: {rss} MiB",
                  flush=True)


def pair(deploy: _Deployer, title: str, sizes: list[tuple[int, int]], load: Load) -> None:
    """Two databases of (`tasks`, tasks per commune) served at once, measured in turns."""
    labels = tuple(f"{tasks:,}" for tasks, _ in sizes)
    print(f"\n== {title} {labels[0]} and {labels[1]} tasks ==")
    with ExitStack() as stack:
        sites = [stack.enter_context(deploy(tasks, per_unit)) for tasks, per_unit in sizes]
        table = PairTable([TRIVIAL, *PAGES], labels)
        for name, path in [TRIVIAL, *PAGES]:
            table.row(*measure(name, path, [site.target(path) for site in sites], load))


def province(deploy: _Deployer, tasks: int, load: Load) -> None:
    print(f"\n== province: {tasks:,} tasks in communes of 1,000, a commune's pages and "
          "the province's ==")
    with deploy(tasks, 1_000) as site:
        viewer = Target(site.server.port, {"Cookie": sign_in(site.server.port, VIEWER)})
        table = Table([*PAGES, *PROVINCE_PAGES],
                      measure(*TRIVIAL, [site.target(TRIVIAL[1])], load)[0])
        for name, path in PAGES:
            table.row(measure(name, path, [site.target(path)], load)[0])
        for name, path in PROVINCE_PAGES:
            table.row(measure(name, path, [viewer], load)[0])


if __name__ == "__main__":
    main()

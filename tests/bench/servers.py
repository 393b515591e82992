"""Serving the app as production does, for the benchmarks and the load tests: gunicorn
on a free port, and the scheduler beside it when asked; everything stopped afterwards."""

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

HOST = "127.0.0.1"
PROJECT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Server:
    port: int
    gunicorn: subprocess.Popen

    def worker_rss_mib(self) -> list[float]:
        """The resident memory of each gunicorn worker (VmRSS), in MiB."""
        return [_rss_kib(pid) / 1024 for pid in _children(self.gunicorn.pid)]


@contextmanager
def serving(url: str, folder: Path, *, workers: int, seconds_per_day: float | None
            ) -> Iterator[int]:
    """gunicorn on a free port, and the scheduler beside it unless `seconds_per_day` is
    None; both stopped when the block ends. Yields the port."""
    with served(url, folder, workers=workers, seconds_per_day=seconds_per_day) as server:
        yield server.port


@contextmanager
def served(url: str, folder: Path, *, workers: int, seconds_per_day: float | None
           ) -> Iterator[Server]:
    """As `serving`, yielding the server (its port and gunicorn's master process)."""
    port = free_port()
    environment = os.environ | {
        "DATABASE_URL": url, "SECRET_KEY": "bench", "UPLOAD_FOLDER": str(folder / "uploads"),
        "SESSION_COOKIE_SECURE": "false",
    }
    commands = [[sys.executable, "-m", "gunicorn", "--workers", str(workers),
                 "--bind", f"{HOST}:{port}", "tracker:create_app()"]]
    if seconds_per_day is not None:
        commands.append([sys.executable, "-m", "flask", "--app", "tracker", "jobs", "run",
                         "--simulate-from", date.today().isoformat(),
                         "--seconds-per-day", str(seconds_per_day), "--tick-seconds", "0.5"])
    log_path = folder / "servers.log"
    with log_path.open("w") as log:
        processes = [subprocess.Popen(command, cwd=PROJECT, env=environment, stdout=log,
                                      stderr=subprocess.STDOUT) for command in commands]
        try:
            wait_until_up(port, processes[0], log_path)
            yield Server(port, processes[0])
        finally:
            for process in processes:
                stop(process)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_until_up(port: int, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/health")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass  # not listening yet
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer /health:\n{log_path.read_text()}")


def _children(pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command may hold spaces and brackets: the parent follows the last ")".
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return sorted(children)


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise ValueError(f"no VmRSS for process {pid}")

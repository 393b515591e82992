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
from datetime import date
from pathlib import Path

HOST = "127.0.0.1"
PROJECT = Path(__file__).resolve().parents[2]


@contextmanager
def serving(url: str, folder: Path, *, workers: int, seconds_per_day: float | None
            ) -> Iterator[int]:
    """gunicorn on a free port, and the scheduler beside it unless `seconds_per_day` is
    None; both stopped when the block ends. Yields the port."""
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
            yield port
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

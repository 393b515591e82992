"""The layers hold at run time, not only in the import contracts: the scheduler's
modules load the services they call and nothing of the web, the API or the commands."""

import subprocess
import sys

import pytest

WEB_SIDE = ("tracker.web", "tracker.api", "tracker.cli", "tracker.app")


@pytest.mark.parametrize("module", ["jobs.work", "jobs.runner", "tracker", "tracker.core.clock"])
def test_importing_leaves_the_web_side_unloaded(module):
    probe = (f"import sys, {module}\n"
             f"print(sorted(m for m in sys.modules if m.startswith({WEB_SIDE!r})))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert loaded == "[]"


def test_the_package_still_offers_the_app_factory():
    import tracker

    assert tracker.create_app.__module__ == "tracker.app"

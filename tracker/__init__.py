"""CCHC Tracker: follow-up of administrative-reform plans for a commune People's Committee.

Importing the package loads nothing else: the scheduler imports the services it needs
without the web pages, the API and the commands. `create_app` (what `flask --app tracker`
looks for) is fetched from `tracker.app` on first use.
"""

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from tracker.app import create_app

        return create_app
    raise AttributeError(f"module 'tracker' has no attribute {name!r}")

"""The `flask --app tracker …` commands: thin callers of the services, like the web
pages and the API, and placed beside them in the layers."""

from flask import Flask

from tracker.cli import database, user_work  # noqa: F401  (user_work: commands of `users`)
from tracker.cli.demo import demo_group
from tracker.cli.departments import departments_group
from tracker.cli.documents import documents_group
from tracker.cli.reports import report_group
from tracker.cli.search import search_group
from tracker.cli.units import units_group
from tracker.cli.users import users_group


def register(app: Flask) -> None:
    for group in (units_group, departments_group, users_group, demo_group, report_group,
                  documents_group, search_group):
        app.cli.add_command(group)
    database.register()

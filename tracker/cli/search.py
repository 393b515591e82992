"""`flask --app tracker search rebuild`: every task's search text recomputed, after a
change of how it is made or a write that passed by the session events (raw SQL)."""

import click
from flask.cli import AppGroup
from flask_babel import gettext as _

from tracker.extensions import db
from tracker.tasks.search_text import refresh_search_text

search_group = AppGroup("search", help="Tìm kiếm nhiệm vụ (task search).")


@search_group.command("rebuild")
def rebuild_command() -> None:
    """Tính lại nội dung tìm kiếm của mọi nhiệm vụ."""
    count = refresh_search_text(db.session.connection())
    db.session.commit()
    click.echo(_("Đã tính lại nội dung tìm kiếm của %(count)d nhiệm vụ.", count=count))

"""Where the web layer keeps uploaded files and how it gives them back."""

from pathlib import Path

from flask import Response, current_app, send_file

from tracker.core.files import StoredFile


def upload_folder() -> Path:
    """`UPLOAD_FOLDER`, or the "uploads" folder in the instance folder."""
    return Path(current_app.config["UPLOAD_FOLDER"] or Path(current_app.instance_path) / "uploads")


def send_stored(stored: StoredFile) -> Response:
    """PDF and images open in the browser, Word files download; never sniffed or cached."""
    response = send_file(stored.path, mimetype=stored.kind.mime, download_name=stored.name,
                         as_attachment=not stored.kind.inline, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response

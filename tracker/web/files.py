"""Where the web layer keeps uploaded files and how it gives them back."""

from pathlib import Path

from flask import Response, current_app, send_file

from tracker.core.files import StoredFile

# An uploaded file is never a page of ours: opened in the browser it runs no script,
# loads nothing and has an origin of its own (sandbox), even if its bytes are also HTML.
FILE_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


def upload_folder() -> Path:
    """`UPLOAD_FOLDER`, or the "uploads" folder in the instance folder."""
    return Path(current_app.config["UPLOAD_FOLDER"] or Path(current_app.instance_path) / "uploads")


def send_stored(stored: StoredFile) -> Response:
    """Images open in the browser, everything else downloads; never sniffed or cached."""
    response = send_file(stored.path, mimetype=stored.kind.mime, download_name=stored.name,
                         as_attachment=not stored.kind.inline, max_age=0)
    response.headers["Content-Security-Policy"] = FILE_CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response

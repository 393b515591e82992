"""A report's PDF, converted from its DOCX by LibreOffice where the server has it.

LibreOffice is a large optional package: without it the DOCX is the report, and the
page says how to install it. Each conversion gets a profile folder of its own, so two
workers converting at once do not lock each other out."""

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlalchemy import update
from sqlalchemy.orm import Session

from tracker.core.errors import DomainError
from tracker.reports.models import Report
from tracker.reports.services import report_docx

# Below a web worker's timeout (gunicorn's default is 30 s), so a report too long to
# convert in time is answered with the reason, not a worker killed mid-request.
TIMEOUT_SECONDS = 20


class PdfUnavailable(DomainError):
    """No converter on this server, or it failed: the DOCX stays the report."""

    status_code = 503


def converter() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes) -> bytes:
    """:raise PdfUnavailable: LibreOffice is not installed, or did not convert the file."""
    program = converter()
    if program is None:
        raise PdfUnavailable(_l(
            "Máy chủ chưa cài LibreOffice nên chưa tạo được tệp PDF; hãy tải DOCX. Quản trị "
            "viên cài gói libreoffice-writer-nogui (Debian, Ubuntu: apt install "
            "libreoffice-writer-nogui) để có PDF."))
    with tempfile.TemporaryDirectory(prefix="cchc-pdf-") as folder:
        source = Path(folder) / "bao-cao.docx"
        source.write_bytes(docx)
        command = [program, f"-env:UserInstallation={Path(folder, 'profile').as_uri()}",
                   "--headless", "--convert-to", "pdf", "--outdir", folder, str(source)]
        try:
            _run_to_the_end(command)
            return source.with_suffix(".pdf").read_bytes()
        except subprocess.TimeoutExpired as error:
            raise PdfUnavailable(_l("Báo cáo dài quá, chưa chuyển kịp sang PDF trong %(n)d "
                                    "giây; hãy tải DOCX.", n=TIMEOUT_SECONDS)) from error
        except (subprocess.SubprocessError, OSError) as error:
            raise PdfUnavailable(_l("LibreOffice không chuyển được báo cáo sang PDF; hãy tải "
                                    "DOCX.")) from error


def _run_to_the_end(command: list[str]) -> None:
    """Run the converter in a process group of its own: LibreOffice starts helpers of
    its own, and a conversion out of time is stopped with all of them."""
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          start_new_session=True) as process:
        try:
            status = process.wait(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            raise
    if status != 0:
        raise subprocess.CalledProcessError(status, command)

def report_pdf(session: Session, report: Report) -> bytes:
    """A draft's PDF is converted each time; a signed report's once, then kept with it.
    Two first downloads at once store one of their files and both answer that one."""
    if not report.is_final:
        return docx_to_pdf(report_docx(report))
    if report.final_pdf is None:
        converted = docx_to_pdf(report.final_docx)
        table = Report.__table__
        session.execute(  # not an edit of the report: its version and updated_at stay
            update(table).where(table.c.id == report.id, table.c.final_pdf.is_(None))
            .values(final_pdf=converted, updated_at=table.c.updated_at))
        session.refresh(report, ["final_pdf"])
    return report.final_pdf

"""`flask --app tracker documents extract FILE [--json]`: the documents a report cites."""

import json
from pathlib import Path

import click
from flask.cli import AppGroup
from flask_babel import gettext as _

from tracker.core.errors import ValidationFailed
from tracker.documents.imports import read_text
from tracker.documents.references import FoundReference, extract_references

documents_group = AppGroup("documents", help="Sổ văn bản (documents).")


@documents_group.command("extract")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="In danh sách dạng JSON.")
def extract_command(path: Path, as_json: bool) -> None:
    """Tìm các văn bản được dẫn trong tệp .txt (UTF-8) hoặc .docx (Word)."""
    found = extract_references(_read(path))
    if as_json:
        click.echo(json.dumps([_as_json(r) for r in found], ensure_ascii=False, indent=2))
        for reference in found:
            _warn(reference, err=True)
        return
    for reference in found:
        click.echo(_line(reference))
        _warn(reference, err=False)
    click.echo(_("Tìm thấy %(count)d văn bản.", count=len(found)) if found
               else _("Không tìm thấy văn bản nào."))


def _read(path: Path) -> str:
    """The file's text; an unreadable file ends the command with status 1 and the reason."""
    try:
        with path.open("rb") as stream:
            return read_text(path.name, stream)
    except FileNotFoundError:
        raise click.ClickException(_("Không có tệp %(path)s.", path=path)) from None
    except IsADirectoryError:
        raise click.ClickException(_("%(path)s là một thư mục, không phải tệp.",
                                     path=path)) from None
    except OSError as error:
        raise click.ClickException(_("Không đọc được tệp %(path)s: %(reason)s",
                                     path=path, reason=error.strerror or error)) from None
    except ValidationFailed as error:
        reasons = "; ".join(str(m) for messages in error.errors.values() for m in messages)
        raise click.ClickException(_("Không đọc được tệp %(path)s: %(reason)s",
                                     path=path, reason=reasons or error.message)) from None


def _line(reference: FoundReference) -> str:
    """ "Kế hoạch số 61/KH-UBND ngày 10/04/2019 — UBND tỉnh Quảng Ngãi — Thực hiện …"."""
    parts = [reference.citation, reference.issuer, reference.title]
    return " — ".join(part for part in parts if part)


def _warn(reference: FoundReference, *, err: bool) -> None:
    for problem in reference.problems:
        click.echo(_("  Cảnh báo (%(reference)s): %(problem)s", reference=reference.reference,
                     problem=problem), err=err)


def _as_json(reference: FoundReference) -> dict:
    return {
        "type": reference.doc_type.value,
        "number": reference.number,
        "symbol": reference.symbol,
        "issuer": reference.issuer,
        "date": reference.issued_on.isoformat() if reference.issued_on else None,
        "title": reference.title,
    }

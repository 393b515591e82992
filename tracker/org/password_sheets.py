"""The temporary passwords of an import, kept for the importing admin to download once.

Why a table of its own: the browser's session is a signed cookie, which its holder can
read, and the server-side sign-in sessions carry no data; e-mail would leave the
password in the outbox. A row only its owner may claim, deleted as it is downloaded and
ignored (then purged) after 24 hours, keeps the passwords out of cookies, logs and the
audit log, and on the server no longer than needed.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, delete
from sqlalchemy.orm import Mapped, Session, mapped_column

from tracker.core.actor import Actor
from tracker.core.clock import now_utc
from tracker.core.db import UTCDateTime
from tracker.core.errors import NotFound
from tracker.core.spreadsheets import Column, add_table, new_workbook, workbook_bytes
from tracker.extensions import db
from tracker.org.models import Official, Unit

KEPT_FOR = timedelta(hours=24)
GONE = _l("Tệp mật khẩu không còn: tệp chỉ tải được một lần, trong 24 giờ sau khi nhập. "
          "Hãy đặt lại mật khẩu cho người cần.")


class PasswordSheet(db.Model):
    __tablename__ = "password_sheets"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("officials.id", ondelete="CASCADE"),
                                          index=True)
    # [[full name, username, password], …] in the order of the imported rows.
    accounts: Mapped[list] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


@dataclass(frozen=True)
class IssuedPassword:
    full_name: str
    username: str
    password: str


def password_workbook(passwords: list[IssuedPassword]) -> bytes:
    """The passwords as a sheet to hand out (names kept as text, never run as formulas)."""
    workbook = new_workbook()
    columns = (Column("Họ và tên", 28), Column("Tên đăng nhập", 18), Column("Mật khẩu tạm", 18))
    add_table(workbook, "Mật khẩu tạm", columns,
              [(p.full_name, p.username, p.password) for p in passwords])
    return workbook_bytes(workbook)


def keep_password_sheet(session: Session, owner: Official, unit: Unit,
                        passwords: list[IssuedPassword]) -> PasswordSheet:
    """Keep `passwords` for `owner` to download once; sheets past their time go."""
    purge_expired(session)
    sheet = PasswordSheet(unit_id=unit.id, owner_id=owner.id,
                          accounts=[[p.full_name, p.username, p.password] for p in passwords],
                          expires_at=now_utc() + KEPT_FOR)
    session.add(sheet)
    session.flush()
    return sheet


def claim_password_sheet(session: Session, actor: Actor, sheet_id: int) -> list[IssuedPassword]:
    """The passwords of a sheet, once: the row is deleted as it is read, so a second
    download (or a concurrent one) finds nothing.

    :raise NotFound: no such sheet, another official's, already downloaded or expired.
    """
    purge_expired(session)
    claimed = session.execute(
        delete(PasswordSheet)
        .where(PasswordSheet.id == sheet_id, PasswordSheet.owner_id == actor.id)
        .returning(PasswordSheet.accounts)
    ).scalar()
    if claimed is None:
        raise NotFound(GONE)
    return [IssuedPassword(*account) for account in claimed]


def purge_expired(session: Session) -> None:
    session.execute(delete(PasswordSheet).where(PasswordSheet.expires_at <= now_utc()))

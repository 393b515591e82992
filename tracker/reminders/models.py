from datetime import date, datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from tracker.core.clock import now_utc
from tracker.core.db import UTCDateTime
from tracker.extensions import db


class ScanRun(db.Model):
    """A unit's daily scan that has finished for a local day.

    The scheduler works out from this table what is still to do, never from whether
    its trigger fired: a restart across the scan time must not skip a day.
    """

    __tablename__ = "scan_runs"

    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    finished_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

"""Imports every model so that the metadata (and Alembic) sees all tables."""

from tracker.audit.models import AuditEntry
from tracker.documents.models import Document
from tracker.notifications.models import Delivery, Notification
from tracker.org.models import CalendarDay, Department, Official, Unit, UnitSettings
from tracker.reminders.models import ScanRun
from tracker.tasks.models import ProgressUpdate, Task

__all__ = [
    "AuditEntry", "CalendarDay", "Delivery", "Department", "Document", "Notification",
    "Official", "ProgressUpdate", "ScanRun", "Task", "Unit", "UnitSettings",
]

"""Imports every model so that the metadata (and Alembic) sees all tables."""

from tracker.audit.models import AuditEntry
from tracker.documents.models import Document
from tracker.org.models import Department, Official, Unit
from tracker.tasks.models import ProgressUpdate, Task

__all__ = ["AuditEntry", "Department", "Document", "Official", "ProgressUpdate", "Task", "Unit"]

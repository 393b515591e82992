"""recurring tasks and notification pages indexed: the daily scan's look for series to
continue reads a unit's recurring tasks alone (a partial index), and a recipient's
newest-first page of notifications reads its index in order, with no sort

Revision ID: b8c9d0e1f2a3
Revises: a7b8c9d0e1f2
Create Date: 2026-12-04 20:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = 'b8c9d0e1f2a3'
down_revision = 'a7b8c9d0e1f2'
branch_labels = None
depends_on = None

RECURRING = sa.text('recurrence IS NOT NULL')


def upgrade() -> None:
    op.create_index('ix_tasks_unit_recurring', 'tasks', ['unit_id', 'due_date'],
                    sqlite_where=RECURRING, postgresql_where=RECURRING)
    # Beside ix_notifications_recipient_read, which the unread count still reads.
    op.create_index('ix_notifications_recipient_id', 'notifications', ['recipient_id', 'id'])


def downgrade() -> None:
    op.drop_index('ix_notifications_recipient_id', table_name='notifications')
    op.drop_index('ix_tasks_unit_recurring', table_name='tasks')

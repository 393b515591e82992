"""dashboard read from an index: the unit's tasks by area, lead and every column their
class reads, so the dashboard's one pass reads the index alone (SQLite otherwise read
every row through the search index)

Revision ID: d0e1f2a3b4c5
Revises: c9d0e1f2a3b4
Create Date: 2026-12-04 19:50:00
"""

from alembic import op

revision = 'd0e1f2a3b4c5'
down_revision = 'c9d0e1f2a3b4'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.create_index('ix_tasks_unit_area_lead_classes',
                              ['unit_id', 'reform_area', 'lead_id', 'state', 'due_date',
                               'completed_on', 'cancelled_on'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_index('ix_tasks_unit_area_lead_classes')

"""tasks classified from an index: the index over a unit's tasks by state and due date
also holds the completion and cancellation days, so counting tasks by class (the
dashboard, the province over its communes) reads the index alone, never the rows

Revision ID: d4e5f6a7b8c9
Revises: c3d4e5f6a7b8
Create Date: 2026-12-04 02:40:00
"""

from alembic import op

revision = 'd4e5f6a7b8c9'
down_revision = 'c3d4e5f6a7b8'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.create_index('ix_tasks_unit_classes',
                              ['unit_id', 'state', 'due_date', 'completed_on', 'cancelled_on'],
                              unique=False)
        batch_op.drop_index('ix_tasks_unit_state_due')


def downgrade() -> None:
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.create_index('ix_tasks_unit_state_due', ['unit_id', 'state', 'due_date'],
                              unique=False)
        batch_op.drop_index('ix_tasks_unit_classes')

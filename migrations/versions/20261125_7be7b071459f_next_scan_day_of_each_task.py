"""next scan day of each task

Revision ID: 7be7b071459f
Revises: 8620593a9ad2
Create Date: 2026-11-25 03:59:00.510251
"""

import sqlalchemy as sa
from alembic import op


revision = '7be7b071459f'
down_revision = '8620593a9ad2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('next_scan_on', sa.Date(), nullable=True))
        batch_op.create_index('ix_tasks_unit_state_next_scan', ['unit_id', 'state', 'next_scan_on'], unique=False)



def downgrade():
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_index('ix_tasks_unit_state_next_scan')
        batch_op.drop_column('next_scan_on')


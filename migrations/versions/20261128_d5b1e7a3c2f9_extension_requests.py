"""extension requests (gia hạn): the history of a task's due dates

Revision ID: d5b1e7a3c2f9
Revises: c3a9f4d2b8e1
Create Date: 2026-11-28 03:43:12
"""

import sqlalchemy as sa
from alembic import op

revision = 'd5b1e7a3c2f9'
down_revision = 'c3a9f4d2b8e1'
branch_labels = None
depends_on = None

PENDING = sa.text("state = 'pending'")


def upgrade():
    op.create_table(
        'extension_requests',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('task_id', sa.Integer(), nullable=False),
        sa.Column('requested_by_id', sa.Integer(), nullable=False),
        sa.Column('requested_at', sa.DateTime(), nullable=False),
        sa.Column('due_date_before', sa.Date(), nullable=False),
        sa.Column('proposed_due_date', sa.Date(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('decided_at', sa.DateTime(), nullable=True),
        sa.Column('granted_due_date', sa.Date(), nullable=True),
        sa.Column('decision_note', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['decided_by_id'], ['officials.id'],
                                name=op.f('fk_extension_requests_decided_by_id_officials')),
        sa.ForeignKeyConstraint(['requested_by_id'], ['officials.id'],
                                name=op.f('fk_extension_requests_requested_by_id_officials')),
        sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], ondelete='CASCADE',
                                name=op.f('fk_extension_requests_task_id_tasks')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_extension_requests')),
    )
    with op.batch_alter_table('extension_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_extension_requests_task_id'), ['task_id'],
                              unique=False)
        batch_op.create_index('uq_extension_requests_pending', ['task_id'], unique=True,
                              sqlite_where=PENDING, postgresql_where=PENDING)


def downgrade():
    with op.batch_alter_table('extension_requests', schema=None) as batch_op:
        batch_op.drop_index('uq_extension_requests_pending', sqlite_where=PENDING,
                            postgresql_where=PENDING)
        batch_op.drop_index(batch_op.f('ix_extension_requests_task_id'))
    op.drop_table('extension_requests')

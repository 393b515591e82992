"""recurring tasks: each occurrence a task of its own, following the one before

Revision ID: a7c3e9b5d2f1
Revises: f1a2b3c4d5e6
Create Date: 2026-11-28 04:08:00
"""

import sqlalchemy as sa
from alembic import op

revision = 'a7c3e9b5d2f1'
down_revision = 'f1a2b3c4d5e6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('recurrence', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('recurs_from_id', sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_tasks_recurs_from_id'),
                                          ['recurs_from_id'])
        batch_op.create_foreign_key(batch_op.f('fk_tasks_recurs_from_id_tasks'), 'tasks',
                                    ['recurs_from_id'], ['id'])


def downgrade():
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_tasks_recurs_from_id_tasks'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_tasks_recurs_from_id'), type_='unique')
        batch_op.drop_column('recurs_from_id')
        batch_op.drop_column('recurrence')

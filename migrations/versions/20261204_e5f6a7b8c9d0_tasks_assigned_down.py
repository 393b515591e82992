"""tasks assigned down: a commune's task may be its copy of a task of the unit above
(a province assigning one task to its communes), which keeps the deadline it set

Revision ID: e5f6a7b8c9d0
Revises: d4e5f6a7b8c9
Create Date: 2026-12-04 03:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = 'e5f6a7b8c9d0'
down_revision = 'd4e5f6a7b8c9'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parent_task_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_tasks_parent_task_id'), ['parent_task_id'],
                              unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_tasks_parent_task_id_tasks'), 'tasks',
                                    ['parent_task_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_tasks_parent_task_id_tasks'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_tasks_parent_task_id'))
        batch_op.drop_column('parent_task_id')

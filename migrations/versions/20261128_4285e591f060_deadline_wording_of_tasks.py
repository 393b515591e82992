"""deadline wording of tasks ("Quý II/2023"), kept beside the due date

Revision ID: 4285e591f060
Revises: 7be7b071459f
Create Date: 2026-11-28 03:07:27.409478
"""

import sqlalchemy as sa
from alembic import op

revision = '4285e591f060'
down_revision = '7be7b071459f'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('due_wording', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_column('due_wording')

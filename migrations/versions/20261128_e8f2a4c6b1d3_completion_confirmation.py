"""completion confirmation: a unit setting, and tasks waiting to be confirmed

Revision ID: e8f2a4c6b1d3
Revises: d5b1e7a3c2f9
Create Date: 2026-11-28 04:02:00
"""

import sqlalchemy as sa
from alembic import op

revision = 'e8f2a4c6b1d3'
down_revision = 'd5b1e7a3c2f9'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('awaiting_confirmation', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table('unit_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('confirm_completions', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade():
    with op.batch_alter_table('unit_settings', schema=None) as batch_op:
        batch_op.drop_column('confirm_completions')
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_column('awaiting_confirmation')

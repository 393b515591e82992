"""due soon days of a unit ("sắp quá hạn" on the dashboard)

Revision ID: 44e6c59d12c9
Revises: 4285e591f060
Create Date: 2026-11-28 03:42:00
"""

import sqlalchemy as sa
from alembic import op

revision = '44e6c59d12c9'
down_revision = '4285e591f060'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('unit_settings', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('due_soon_days', sa.Integer(), server_default='3', nullable=False))


def downgrade():
    with op.batch_alter_table('unit_settings', schema=None) as batch_op:
        batch_op.drop_column('due_soon_days')

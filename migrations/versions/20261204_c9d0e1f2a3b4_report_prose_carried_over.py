"""report prose carried over: a prose point taken from the unit's previous signed report
is marked until someone edits or keeps it

Revision ID: c9d0e1f2a3b4
Revises: b8c9d0e1f2a3
Create Date: 2026-12-04 19:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = 'c9d0e1f2a3b4'
down_revision = 'b8c9d0e1f2a3'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('report_sections', schema=None) as batch_op:
        batch_op.add_column(sa.Column('carried_over', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('report_sections', schema=None) as batch_op:
        batch_op.drop_column('carried_over')

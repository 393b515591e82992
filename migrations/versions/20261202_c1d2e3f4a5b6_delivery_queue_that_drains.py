"""delivery queue that drains: channel state, digest rows wait on their own time

Revision ID: c1d2e3f4a5b6
Revises: b8d4f2a6c9e3
Create Date: 2026-12-02 12:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = 'c1d2e3f4a5b6'
down_revision = 'b8d4f2a6c9e3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'delivery_channels',
        sa.Column('channel', sa.String(length=20), nullable=False),
        sa.Column('failing_since', sa.DateTime(), nullable=True),
        sa.Column('retry_at', sa.DateTime(), nullable=True),
        sa.Column('consecutive_failures', sa.Integer(), nullable=False),
        sa.Column('last_error_class', sa.String(length=30), nullable=True),
        sa.PrimaryKeyConstraint('channel', name=op.f('pk_delivery_channels')),
    )
    # Errors were the remote's own words (a port-scan oracle); keep no such text.
    op.execute("UPDATE deliveries SET last_error = 'unreachable' WHERE last_error IS NOT NULL")


def downgrade():
    op.drop_table('delivery_channels')

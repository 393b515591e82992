"""delivery queue that drains: channel state, digest rows wait on their own time

Revision ID: c1d2e3f4a5b6
Revises: b8d4f2a6c9e3
Create Date: 2026-12-02 12:40:00
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = 'c1d2e3f4a5b6'
down_revision = 'b8d4f2a6c9e3'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass

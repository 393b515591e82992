"""officials run by their unit's admin: who must change a password, who left

Revision ID: a1b2c3d4e5f6
Revises: e3f4a5b6c7d8
Create Date: 2026-12-03 08:40:00

The column goes with a plain ALTER TABLE … DROP COLUMN (SQLite 3.35+ and PostgreSQL
alike): batch mode would copy the officials table, which other tables' rows refer to.
"""

import sqlalchemy as sa
from alembic import op

revision = 'a1b2c3d4e5f6'
down_revision = 'e3f4a5b6c7d8'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A password the unit's admin reset or set is known to two people: its owner changes it.
    op.add_column('officials', sa.Column('must_change_password', sa.Boolean(), nullable=False,
                                         server_default=sa.false()))


def downgrade() -> None:
    op.execute('ALTER TABLE officials DROP COLUMN must_change_password')

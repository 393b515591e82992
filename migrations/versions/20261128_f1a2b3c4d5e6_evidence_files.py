"""evidence files attached to progress updates

Revision ID: f1a2b3c4d5e6
Revises: e8f2a4c6b1d3
Create Date: 2026-11-28 04:12:00
"""

import sqlalchemy as sa
from alembic import op

revision = 'f1a2b3c4d5e6'
down_revision = 'e8f2a4c6b1d3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('progress_updates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('evidence_name', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('evidence_path', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('evidence_type', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('evidence_size', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('progress_updates', schema=None) as batch_op:
        batch_op.drop_column('evidence_size')
        batch_op.drop_column('evidence_type')
        batch_op.drop_column('evidence_path')
        batch_op.drop_column('evidence_name')

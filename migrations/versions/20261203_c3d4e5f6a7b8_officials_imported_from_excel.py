"""officials imported from a spreadsheet: the passwords given once

Revision ID: c3d4e5f6a7b8
Revises: b2c3d4e5f6a7
Create Date: 2026-12-03 08:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = 'c3d4e5f6a7b8'
down_revision = 'b2c3d4e5f6a7'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'password_sheets',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('owner_id', sa.Integer(), nullable=False),
        sa.Column('accounts', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['owner_id'], ['officials.id'], ondelete='CASCADE',
                                name=op.f('fk_password_sheets_owner_id_officials')),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'], ondelete='CASCADE',
                                name=op.f('fk_password_sheets_unit_id_units')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_password_sheets')),
    )
    with op.batch_alter_table('password_sheets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_password_sheets_expires_at'), ['expires_at'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_password_sheets_owner_id'), ['owner_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('password_sheets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_password_sheets_owner_id'))
        batch_op.drop_index(batch_op.f('ix_password_sheets_expires_at'))
    op.drop_table('password_sheets')

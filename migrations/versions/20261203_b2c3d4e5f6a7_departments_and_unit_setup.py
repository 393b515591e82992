"""departments that can close, and a unit set up by its own admin

Revision ID: b2c3d4e5f6a7
Revises: a1b2c3d4e5f6
Create Date: 2026-12-03 08:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = 'b2c3d4e5f6a7'
down_revision = 'a1b2c3d4e5f6'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('departments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('code', sa.String(length=20), nullable=True))
        batch_op.add_column(
            sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.create_unique_constraint(
            batch_op.f('uq_departments_unit_id_code'), ['unit_id', 'code'])
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.add_column(sa.Column('commune_kind', sa.String(length=20), nullable=True))
    # Units from before keep what their name says: a "phường" is one, every other commune a xã.
    op.execute("UPDATE units SET commune_kind = 'phuong' "
               "WHERE level = 'commune' AND name LIKE '%phường%'")
    op.execute("UPDATE units SET commune_kind = 'xa' "
               "WHERE level = 'commune' AND commune_kind IS NULL")
    with op.batch_alter_table('unit_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'show_superior_body', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column(
            'signature_authority', sa.String(length=100),
            server_default='TM. ỦY BAN NHÂN DÂN', nullable=False))
        batch_op.add_column(sa.Column(
            'signer_title', sa.String(length=100), server_default='CHỦ TỊCH', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('unit_settings', schema=None) as batch_op:
        batch_op.drop_column('signer_title')
        batch_op.drop_column('signature_authority')
        batch_op.drop_column('show_superior_body')
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.drop_column('commune_kind')
    with op.batch_alter_table('departments', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_departments_unit_id_code'), type_='unique')
        batch_op.drop_column('active')
        batch_op.drop_column('code')

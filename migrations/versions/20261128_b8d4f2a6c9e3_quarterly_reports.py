"""quarterly reports: drafts with their sections, final snapshots; report settings

Revision ID: b8d4f2a6c9e3
Revises: a7c3e9b5d2f1
Create Date: 2026-11-28 06:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = 'b8d4f2a6c9e3'
down_revision = 'a7c3e9b5d2f1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'reports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('period', sa.String(length=8), nullable=False),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('number', sa.Integer(), nullable=True),
        sa.Column('report_date', sa.Date(), nullable=True),
        sa.Column('signer_id', sa.Integer(), nullable=True),
        sa.Column('recipients', sa.Text(), nullable=False),
        sa.Column('figures', sa.JSON(), nullable=False),
        sa.Column('generated_at', sa.DateTime(), nullable=True),
        sa.Column('final_content', sa.JSON(), nullable=True),
        sa.Column('final_docx', sa.LargeBinary(), nullable=True),
        sa.Column('finalised_at', sa.DateTime(), nullable=True),
        sa.Column('finalised_by_id', sa.Integer(), nullable=True),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_reports_unit_id_units')),
        sa.ForeignKeyConstraint(['signer_id'], ['officials.id'],
                                name=op.f('fk_reports_signer_id_officials')),
        sa.ForeignKeyConstraint(['finalised_by_id'], ['officials.id'],
                                name=op.f('fk_reports_finalised_by_id_officials')),
        sa.ForeignKeyConstraint(['created_by_id'], ['officials.id'],
                                name=op.f('fk_reports_created_by_id_officials')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reports')),
        sa.UniqueConstraint('unit_id', 'period', name=op.f('uq_reports_unit_id_period')),
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reports_unit_id'), ['unit_id'], unique=False)
    op.create_table(
        'report_sections',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('report_id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=60), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('generated_text', sa.Text(), nullable=False),
        sa.Column('edited', sa.Boolean(), nullable=False),
        sa.Column('edited_from', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['report_id'], ['reports.id'], ondelete='CASCADE',
                                name=op.f('fk_report_sections_report_id_reports')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_report_sections')),
        sa.UniqueConstraint('report_id', 'key', name=op.f('uq_report_sections_report_id_key')),
    )
    with op.batch_alter_table('unit_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('report_recipients', sa.Text(), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('vice_chairmen_sign_reports', sa.Boolean(),
                                      nullable=False, server_default=sa.true()))


def downgrade():
    with op.batch_alter_table('unit_settings', schema=None) as batch_op:
        batch_op.drop_column('vice_chairmen_sign_reports')
        batch_op.drop_column('report_recipients')
    op.drop_table('report_sections')
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reports_unit_id'))
    op.drop_table('reports')

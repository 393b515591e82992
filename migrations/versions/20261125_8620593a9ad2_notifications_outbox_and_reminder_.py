"""notifications outbox and reminder settings

Revision ID: 8620593a9ad2
Revises: 5f839cf294c0
Create Date: 2026-11-25 03:48:00.679457
"""

import sqlalchemy as sa
from alembic import op


revision = '8620593a9ad2'
down_revision = '5f839cf294c0'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('calendar_days',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('is_working', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_calendar_days_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_days')),
    sa.UniqueConstraint('unit_id', 'day', name=op.f('uq_calendar_days_unit_id_day'))
    )
    with op.batch_alter_table('calendar_days', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_days_unit_id'), ['unit_id'], unique=False)

    op.create_table('scan_runs',
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_scan_runs_unit_id_units')),
    sa.PrimaryKeyConstraint('unit_id', 'day', name=op.f('pk_scan_runs'))
    )
    op.create_table('unit_settings',
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('scan_time', sa.Time(), nullable=False),
    sa.Column('reminder_offsets', sa.String(length=40), nullable=False),
    sa.Column('overdue_repeat_days', sa.Integer(), nullable=False),
    sa.Column('escalation_days', sa.Integer(), nullable=False),
    sa.Column('cutoff_reminder_days', sa.Integer(), nullable=False),
    sa.Column('report_due_day', sa.Integer(), nullable=False),
    sa.Column('report_reminder_days', sa.Integer(), nullable=False),
    sa.Column('office_department_id', sa.Integer(), nullable=True),
    sa.Column('webhook_url', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['office_department_id'], ['departments.id'], name=op.f('fk_unit_settings_office_department_id_departments')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_unit_settings_unit_id_units')),
    sa.PrimaryKeyConstraint('unit_id', name=op.f('pk_unit_settings'))
    )
    # Units created before this revision get the default settings.
    op.execute(
        "INSERT INTO unit_settings (unit_id, scan_time, reminder_offsets, overdue_repeat_days,"
        " escalation_days, cutoff_reminder_days, report_due_day, report_reminder_days)"
        " SELECT id, '07:00:00', '5,2,0', 5, 3, 3, 15, 2 FROM units"
    )
    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('recipient_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=True),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('read_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['recipient_id'], ['officials.id'], name=op.f('fk_notifications_recipient_id_officials')),
    sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], name=op.f('fk_notifications_task_id_tasks')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_notifications_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications')),
    sa.UniqueConstraint('key', name=op.f('uq_notifications_key'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index('ix_notifications_recipient_read', ['recipient_id', 'read_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_task_id'), ['task_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_unit_id'), ['unit_id'], unique=False)

    op.create_table('deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('notification_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('digest', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(), nullable=False),
    sa.Column('claimed_until', sa.DateTime(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('message_key', sa.String(length=200), nullable=True),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['notification_id'], ['notifications.id'], name=op.f('fk_deliveries_notification_id_notifications')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deliveries')),
    sa.UniqueConstraint('notification_id', 'channel', name=op.f('uq_deliveries_notification_id_channel'))
    )
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.create_index('ix_deliveries_due', ['channel', 'status', 'next_attempt_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_deliveries_message_key'), ['message_key'], unique=False)

    with op.batch_alter_table('officials', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notify_email', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column('email_digest', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column('notify_webhook', sa.Boolean(), nullable=False, server_default=sa.false()))

    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('overdue_flagged_on', sa.Date(), nullable=True))



def downgrade():
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_column('overdue_flagged_on')

    with op.batch_alter_table('officials', schema=None) as batch_op:
        batch_op.drop_column('notify_webhook')
        batch_op.drop_column('email_digest')
        batch_op.drop_column('notify_email')

    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deliveries_message_key'))
        batch_op.drop_index('ix_deliveries_due')

    op.drop_table('deliveries')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notifications_unit_id'))
        batch_op.drop_index(batch_op.f('ix_notifications_task_id'))
        batch_op.drop_index('ix_notifications_recipient_read')

    op.drop_table('notifications')
    op.drop_table('unit_settings')
    op.drop_table('scan_runs')
    with op.batch_alter_table('calendar_days', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendar_days_unit_id'))

    op.drop_table('calendar_days')

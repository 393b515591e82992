"""credentials with a lifetime: server-side sign-in sessions, throttled sign-in attempts, token expiry

Revision ID: d2e3f4a5b6c7
Revises: c1d2e3f4a5b6
Create Date: 2026-12-02 12:40:00

The officials' old counters and session version go with a plain ALTER TABLE … DROP
COLUMN (SQLite 3.35+ and PostgreSQL alike): batch mode would copy the officials table,
and dropping the old copy fails on SQLite while other tables' rows refer to it.
"""

from datetime import timedelta

import sqlalchemy as sa
from alembic import op

revision = 'd2e3f4a5b6c7'
down_revision = 'c1d2e3f4a5b6'
branch_labels = None
depends_on = None

_TOKEN_LIFETIME = timedelta(days=365)
_OLD_OFFICIAL_COLUMNS = (
    ('session_version', sa.Integer(), '1'),
    ('failed_sign_ins', sa.Integer(), '0'),
    ('last_failed_sign_in_at', sa.DateTime(), None),
)


def upgrade():
    op.create_table('sign_in_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('official_id', sa.Integer(), nullable=False),
    sa.Column('secret_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('user_agent', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=45), nullable=False),
    sa.ForeignKeyConstraint(['official_id'], ['officials.id'], name=op.f('fk_sign_in_sessions_official_id_officials')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_sessions')),
    sa.UniqueConstraint('secret_hash', name=op.f('uq_sign_in_sessions_secret_hash'))
    )
    with op.batch_alter_table('sign_in_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_sessions_official_id'), ['official_id'], unique=False)

    op.create_table('sign_in_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('login_key', sa.String(length=254), nullable=False),
    sa.Column('address', sa.String(length=45), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_attempt_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_attempts')),
    sa.UniqueConstraint('login_key', 'address', name=op.f('uq_sign_in_attempts_login_key_address'))
    )

    op.add_column('unit_settings', sa.Column('session_idle_hours', sa.Integer(), server_default='8', nullable=False))

    op.add_column('api_tokens', sa.Column('expires_at', sa.DateTime(), nullable=True))
    _give_existing_tokens_a_year()
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.alter_column('expires_at', existing_type=sa.DateTime(), nullable=False)

    # Sessions signed in before live in the new table no more: everyone signs in again.
    for name, _type, _default in _OLD_OFFICIAL_COLUMNS:
        op.execute(f'ALTER TABLE officials DROP COLUMN {name}')


def downgrade():
    for name, type_, default in _OLD_OFFICIAL_COLUMNS:
        op.add_column('officials', sa.Column(name, type_, server_default=default,
                                             nullable=default is None))

    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_column('expires_at')

    op.execute('ALTER TABLE unit_settings DROP COLUMN session_idle_hours')

    op.drop_table('sign_in_attempts')
    with op.batch_alter_table('sign_in_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_sessions_official_id'))
    op.drop_table('sign_in_sessions')


def _give_existing_tokens_a_year():
    tokens = sa.table('api_tokens', sa.column('id', sa.Integer()),
                      sa.column('created_at', sa.DateTime()),
                      sa.column('expires_at', sa.DateTime()))
    connection = op.get_bind()
    for token_id, created_at in connection.execute(sa.select(tokens.c.id, tokens.c.created_at)):
        connection.execute(tokens.update().where(tokens.c.id == token_id)
                           .values(expires_at=created_at + _TOKEN_LIFETIME))

"""tasks searched by one folded text (title, description, document, lead) that an index
serves: a trigram GIN index on PostgreSQL, a covering index on SQLite

Revision ID: f6a7b8c9d0e1
Revises: e5f6a7b8c9d0
Create Date: 2026-12-04 19:00:00
"""

import sqlalchemy as sa
from alembic import op

from tracker.tasks.search_text import refresh_search_text

revision = 'f6a7b8c9d0e1'
down_revision = 'e5f6a7b8c9d0'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_text', sa.Text(), server_default='',
                                      nullable=False))
    refresh_search_text(op.get_bind())
    if op.get_bind().dialect.name == 'postgresql':
        # Trusted extensions: the database's owner may create them.
        op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
        op.execute('CREATE EXTENSION IF NOT EXISTS btree_gin')
    op.create_index('ix_tasks_unit_search_text', 'tasks', ['unit_id', 'search_text'],
                    postgresql_using='gin', postgresql_ops={'search_text': 'gin_trgm_ops'})


def downgrade() -> None:
    op.drop_index('ix_tasks_unit_search_text', table_name='tasks')
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_column('search_text')

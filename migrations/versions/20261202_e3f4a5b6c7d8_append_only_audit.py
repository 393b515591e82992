"""append-only audit log: the database itself refuses to change or remove an entry

Revision ID: e3f4a5b6c7d8
Revises: d2e3f4a5b6c7
Create Date: 2026-12-02 12:40:00
"""

from alembic import op

revision = 'e3f4a5b6c7d8'
down_revision = 'd2e3f4a5b6c7'
branch_labels = None
depends_on = None

# A trail that the application's own database account can rewrite proves little:
# refuse UPDATE, DELETE and TRUNCATE below the application, whatever code runs.
MESSAGE = 'audit_entries is append-only'

POSTGRES_UP = [
    f"""
    CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
    END;
    $$
    """,
    """
    CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()
    """,
    """
    CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only()
    """,
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS audit_entries_no_truncate ON audit_entries",
    "DROP TRIGGER IF EXISTS audit_entries_no_change ON audit_entries",
    "DROP FUNCTION IF EXISTS audit_entries_append_only()",
]
# SQLite has no TRUNCATE; its DROP TABLE fires no trigger, so downgrades still work.
SQLITE_UP = [
    f"""
    CREATE TRIGGER audit_entries_no_{action.lower()} BEFORE {action} ON audit_entries
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
    """
    for action in ("UPDATE", "DELETE")
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS audit_entries_no_delete",
    "DROP TRIGGER IF EXISTS audit_entries_no_update",
]


def _run(statements: dict[str, list[str]]) -> None:
    for statement in statements.get(op.get_bind().dialect.name, []):
        op.execute(statement)


def upgrade():
    _run({"postgresql": POSTGRES_UP, "sqlite": SQLITE_UP})


def downgrade():
    _run({"postgresql": POSTGRES_DOWN, "sqlite": SQLITE_DOWN})

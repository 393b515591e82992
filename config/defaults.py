"""Default configuration of CCHC Tracker.

Every key here can be overridden by an environment variable of the same name
(see ``config/example.env``); values are parsed to the type of the default.
``create_app(overrides)`` applies its overrides last, for tests and tools.
"""

# Database. Unset: a SQLite file ``tracker.db`` in the instance folder.
# PostgreSQL: postgresql+psycopg://user:password@host:5432/dbname
DATABASE_URL = ""

# Secret for signing session cookies and CSRF tokens. Unset: generated on first
# run and kept in ``instance/secret_key`` so restarts keep sessions valid.
SECRET_KEY = ""

# Time zone in which dates (due dates, "today", overdue) are reckoned when a unit
# does not set its own.
TIMEZONE = "Asia/Ho_Chi_Minh"

# Interface language by default ("vi" or "en").
DEFAULT_LOCALE = "vi"

# Send session cookies over HTTPS only. Unset (""): on, except in debug and testing.
SESSION_COOKIE_SECURE = ""

# Failed sign-ins tolerated within SIGN_IN_LOCK_MINUTES before the account is
# refused for that long. Counted in the database, so every worker sees them.
SIGN_IN_MAX_FAILURES = 5
SIGN_IN_LOCK_MINUTES = 15

# Password used by ``flask demo load`` when --password is not given.
DEMO_PASSWORD = "demo-cchc"

# Largest request body accepted, in bytes (uploads included).
MAX_CONTENT_LENGTH = 20 * 1024 * 1024

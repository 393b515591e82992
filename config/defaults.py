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

# Interface language ("vi" or "en") until the person chooses one with the footer's links.
DEFAULT_LOCALE = "vi"

# Send session cookies over HTTPS only. Unset (""): on, except in debug and testing.
SESSION_COOKIE_SECURE = ""

# Failed sign-ins at one login from one client address tolerated within
# SIGN_IN_LOCK_MINUTES; more are refused (even with the right password) until that
# address has been quiet that long. Counted in the database, so every worker sees them;
# another address is not locked, so a stranger cannot lock an official out.
SIGN_IN_MAX_FAILURES = 5
SIGN_IN_LOCK_MINUTES = 15
# Failed sign-ins at one login from all addresses together (guessing from many
# machines); each address adds at most SIGN_IN_MAX_FAILURES to it per window.
SIGN_IN_ACCOUNT_MAX_FAILURES = 30
# Refused sign-ins per client address, whatever the login (one machine trying many
# usernames). Counted by Flask-Limiter in RATELIMIT_STORAGE_URI: "memory://" counts in
# each worker (4 workers allow up to 4 times as many); "redis://host:6379" shares it.
SIGN_IN_RATE_LIMIT = "30 per 15 minutes"
RATELIMIT_STORAGE_URI = "memory://"

# A signed-in browser is signed out after the unit's idle time (a unit setting,
# 8 hours by default) and, whatever its use, this many hours after signing in.
SESSION_ABSOLUTE_HOURS = 168

# Password used by ``flask demo load`` when --password is not given.
DEMO_PASSWORD = "demo-cchc"

# Largest request body accepted, in bytes: an attached file (20 MB at most) and its form.
MAX_CONTENT_LENGTH = 21 * 1024 * 1024

# Where attached files are kept, under random names; outside the web root.
# Empty: the "uploads" folder in the instance folder.
UPLOAD_FOLDER = ""

# Address of the service as officials reach it, for links in e-mails and webhooks.
BASE_URL = "http://127.0.0.1:5000"

# Outgoing e-mail. No MAIL_SERVER: e-mails wait in the outbox until one is set.
MAIL_SERVER = ""
MAIL_PORT = 587
# "starttls", "ssl" (implicit TLS, usually port 465) or "none".
MAIL_SECURITY = "starttls"
MAIL_USERNAME = ""
MAIL_PASSWORD = ""
MAIL_SENDER = "CCHC Tracker <no-reply@cchc-tracker.local>"

# A failed delivery is retried after DELIVERY_RETRY_SECONDS, then twice as long each
# time (at most 6 hours apart), and marked failed after DELIVERY_MAX_ATTEMPTS tries.
DELIVERY_MAX_ATTEMPTS = 8
DELIVERY_RETRY_SECONDS = 60
# A delivery pass sends batch after batch until the queue is empty or this many
# seconds have gone; the next pass goes on where it stopped. When the SMTP server
# cannot be reached, the whole channel waits (doubling, at most
# DELIVERY_CHANNEL_MAX_WAIT_SECONDS) and no e-mail is charged an attempt.
DELIVERY_PASS_SECONDS = 20
DELIVERY_CHANNEL_MAX_WAIT_SECONDS = 600
# Webhooks may only call public Internet addresses (no loopback, 10.x, 192.168.x,
# 169.254.169.254 …): set to true where the chat server is on the unit's own network.
WEBHOOK_ALLOW_PRIVATE = False

# Scheduler: how often the leader looks for work, and how often a standby process
# tries to take over from a leader that has gone.
SCHEDULER_TICK_SECONDS = 30
SCHEDULER_STANDBY_POLL_SECONDS = 10

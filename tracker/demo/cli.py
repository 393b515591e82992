"""`flask --app tracker demo …`."""

from flask.cli import AppGroup

demo_group = AppGroup("demo", help="Dữ liệu mẫu (demo data).")

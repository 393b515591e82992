from tracker import create_app
from tracker.config import _instance_secret


def test_secret_key_is_generated_once_and_kept_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "given"})
    first.instance_path = str(tmp_path)
    key = _instance_secret(first)
    assert len(key) == 64
    assert _instance_secret(first) == key
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_environment_overrides_defaults_with_their_types(monkeypatch):
    monkeypatch.setenv("SIGN_IN_MAX_FAILURES", "7")
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "false")
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:p@db.example:5432/tracker")
    monkeypatch.setenv("SECRET_KEY", "from-env")
    app = create_app()
    assert app.config["SIGN_IN_MAX_FAILURES"] == 7
    assert app.config["SESSION_COOKIE_SECURE"] is False
    assert app.config["SQLALCHEMY_DATABASE_URI"] == (
        "postgresql+psycopg://u:p@db.example:5432/tracker")
    assert app.config["SECRET_KEY"] == "from-env"


def test_default_database_is_a_sqlite_file_in_the_instance_folder(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("SECRET_KEY", "x")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("instance/tracker.db")
    assert app.config["TIMEZONE"] == "Asia/Ho_Chi_Minh"

"""Configuration loading: defaults → environment → overrides given to create_app."""

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask

DEFAULTS_FILE = Path(__file__).resolve().parent.parent / "config" / "defaults.py"
# The English catalogue, compiled by `make translations`; Vietnamese is the source language.
TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
_TRUE = {"1", "true", "yes", "on"}


def load_config(app: Flask, overrides: dict[str, Any] | None) -> None:
    app.config.from_pyfile(str(DEFAULTS_FILE))
    _apply_environment(app)
    app.config.update(overrides or {})
    app.config["SQLALCHEMY_DATABASE_URI"] = _database_uri(app)
    app.config["SECRET_KEY"] = app.config["SECRET_KEY"] or _instance_secret(app)
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"pool_pre_ping": True})
    if app.config["SESSION_COOKIE_SECURE"] == "":
        app.config["SESSION_COOKIE_SECURE"] = not (app.debug or app.testing)
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config["BOOTSTRAP_SERVE_LOCAL"] = True
    app.config["BABEL_DEFAULT_LOCALE"] = app.config["DEFAULT_LOCALE"]
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(TRANSLATIONS_DIR)
    app.config["BABEL_DEFAULT_TIMEZONE"] = app.config["TIMEZONE"]


def _apply_environment(app: Flask) -> None:
    for key, default in list(app.config.items()):
        if key.isupper() and key in os.environ:
            app.config[key] = _parse(os.environ[key], default)


def _parse(raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        return raw.strip().lower() in _TRUE
    if isinstance(default, int):
        return int(raw)
    if default == "" and raw.strip().lower() in _TRUE | {"0", "false", "no", "off"}:
        return raw.strip().lower() in _TRUE
    return raw


def _database_uri(app: Flask) -> str:
    url = app.config.get("SQLALCHEMY_DATABASE_URI") or app.config["DATABASE_URL"]
    if not url:
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{Path(app.instance_path) / 'tracker.db'}"
    # Hosting providers hand out postgres:// URLs; we use the psycopg 3 driver.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _instance_secret(app: Flask) -> str:
    path = Path(app.instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()

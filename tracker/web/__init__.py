"""The server-rendered pages."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from tracker.extensions import login_manager
from tracker.web import (
    assign_down,
    auth,
    departments,
    document_import,
    documents,
    handover,
    health,
    home,
    lists,
    notifications,
    official_import,
    officials,
    oversight,
    profile,
    report_signing,
    reports,
    settings,
    setup,
    spreadsheets,
    tasks,
    units,
)
from tracker.web.errors import register_error_handlers
from tracker.web.formatting import register_formatting
from tracker.web.forms import register_query_guard
from tracker.web.language import register_language
from tracker.web.navigation import register_navigation
from tracker.web.password_guard import register_password_guard
from tracker.web.security import register_security_headers


def register_web(app: Flask) -> None:
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = _l("Vui lòng đăng nhập để tiếp tục.")
    login_manager.login_message_category = "warning"
    login_manager.session_protection = "basic"
    login_manager.user_loader(auth.load_official)
    app.register_blueprint(health.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(home.bp)
    app.register_blueprint(notifications.bp)
    app.register_blueprint(profile.bp)
    app.register_blueprint(settings.bp)
    app.register_blueprint(setup.bp)
    app.register_blueprint(departments.bp)
    app.register_blueprint(units.bp)
    app.register_blueprint(officials.bp)
    app.register_blueprint(tasks.bp)
    app.register_blueprint(lists.bp)
    app.register_blueprint(documents.bp)
    app.register_blueprint(document_import.bp)
    app.register_blueprint(spreadsheets.bp)
    app.register_blueprint(reports.bp)
    app.register_blueprint(report_signing.bp)
    app.register_blueprint(handover.bp)
    app.register_blueprint(official_import.bp)
    app.register_blueprint(oversight.bp)
    app.register_blueprint(assign_down.bp)
    register_error_handlers(app)
    register_query_guard(app)
    register_formatting(app)
    register_navigation(app)
    register_password_guard(app)
    register_language(app)
    register_security_headers(app)

"""Signing in and out."""

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from tracker.core.errors import SignInRefused, TooManyAttempts
from tracker.extensions import db
from tracker.org.services import authenticate, end_all_sessions

bp = Blueprint("auth", __name__)


class SignInForm(FlaskForm):
    login = StringField(
        _l("Tên đăng nhập hoặc e-mail"),
        validators=[DataRequired(_l("Nhập tên đăng nhập hoặc e-mail.")), Length(max=254)],
    )
    password = PasswordField(
        _l("Mật khẩu"), validators=[DataRequired(_l("Nhập mật khẩu.")), Length(max=200)]
    )


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = SignInForm()
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template("auth/sign_in.html", form=form), status
    try:
        official = authenticate(
            db.session,
            form.login.data,
            form.password.data,
            max_failures=current_app.config["SIGN_IN_MAX_FAILURES"],
            lock_minutes=current_app.config["SIGN_IN_LOCK_MINUTES"],
        )
    except (SignInRefused, TooManyAttempts) as refusal:
        db.session.commit()  # keep the failure count
        form.password.errors = [refusal.message]
        return render_template("auth/sign_in.html", form=form), refusal.status_code
    db.session.commit()
    login_user(official)
    return redirect(safe_next(request.args.get("next")))


@bp.post("/sign-out")
@login_required
def sign_out():
    logout_user()
    flash(_l("Bạn đã đăng xuất."), "info")
    return redirect(url_for("auth.sign_in"))


@bp.post("/sign-out-everywhere")
@login_required
def sign_out_everywhere():
    end_all_sessions(db.session, current_user, current_user)
    db.session.commit()
    logout_user()
    flash(_l("Bạn đã đăng xuất trên mọi thiết bị."), "info")
    return redirect(url_for("auth.sign_in"))


def safe_next(target: str | None) -> str:
    """Only a path on this site: never send someone elsewhere (after signing in, or
    switching language)."""
    if target:
        parts = urlsplit(target)
        local = not parts.scheme and not parts.netloc and target.startswith("/")
        if local and not target.startswith("//") and "\\" not in target:
            return target
    return url_for("home.index")

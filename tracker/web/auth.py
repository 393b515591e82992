"""Signing in and out."""

from datetime import timedelta
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired

from tracker.core.errors import SignInRefused, TooManyAttempts
from tracker.extensions import db, limiter
from tracker.org.models import Official
from tracker.org.sessions import end_all_sessions, end_session, load_signed_in, start_session
from tracker.org.sign_in import Throttle, authenticate
from tracker.web.forms import Form, at_most

bp = Blueprint("auth", __name__)


def client_address() -> str:
    """The address sign-in attempts are counted against. Behind a reverse proxy this
    is right only once ProxyFix trusts the proxy's X-Forwarded-For."""
    return request.remote_addr or ""


def sign_in_throttle() -> Throttle:
    config = current_app.config
    return Throttle(max_failures=config["SIGN_IN_MAX_FAILURES"],
                    account_max_failures=config["SIGN_IN_ACCOUNT_MAX_FAILURES"],
                    window=timedelta(minutes=config["SIGN_IN_LOCK_MINUTES"]))


def load_official(secret: str) -> Official | None:
    """Flask-Login's user loader: the official of a live sign-in session."""
    lifetime = timedelta(hours=current_app.config["SESSION_ABSOLUTE_HOURS"])
    return load_signed_in(db.session, secret, absolute_lifetime=lifetime)


def _refused(response: Response) -> bool:
    return response.status_code >= 400


class SignInForm(Form):
    login = StringField(
        _l("Tên đăng nhập hoặc e-mail"),
        validators=[DataRequired(_l("Nhập tên đăng nhập hoặc e-mail.")), at_most(254)],
    )
    password = PasswordField(
        _l("Mật khẩu"), validators=[DataRequired(_l("Nhập mật khẩu.")), at_most(200)]
    )


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SIGN_IN_RATE_LIMIT"], methods=["POST"],
               key_func=client_address, deduct_when=_refused)
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = SignInForm()
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template("auth/sign_in.html", form=form), status
    try:
        official = authenticate(db.session, form.login.data, form.password.data,
                                address=client_address(), throttle=sign_in_throttle(),
                                commit_count=db.session.commit)
    except (SignInRefused, TooManyAttempts) as refusal:
        db.session.commit()  # keep the attempt count and the audit entry
        form.password.errors = [refusal.message]
        return (render_template("auth/sign_in.html", form=form), refusal.status_code,
                _retry_after(refusal))
    start_session(db.session, official, user_agent=request.user_agent.string,
                  address=client_address())
    db.session.commit()
    login_user(official)
    return redirect(safe_next(request.args.get("next")))


def _retry_after(refusal: SignInRefused | TooManyAttempts) -> dict[str, str]:
    """A lock-out says when to come back: the wait starts again with every attempt."""
    if not isinstance(refusal, TooManyAttempts):
        return {}
    return {"Retry-After": str(current_app.config["SIGN_IN_LOCK_MINUTES"] * 60)}


@bp.post("/sign-out")
@login_required
def sign_out():
    end_session(db.session, current_user)
    db.session.commit()
    logout_user()
    flash(_l("Bạn đã đăng xuất."), "info")
    return redirect(url_for("auth.sign_in"))


@bp.post("/sign-out-everywhere")
@login_required
def sign_out_everywhere():
    end_all_sessions(db.session, current_user, current_user)
    db.session.commit()
    logout_user()
    flash(_l("Bạn đã đăng xuất trên mọi thiết bị; các khóa API đã bị thu hồi."), "info")
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

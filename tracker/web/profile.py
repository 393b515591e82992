"""The signed-in official's own page: details, notification choices, password, the
devices signed in and personal API tokens."""

from datetime import timedelta

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms import (
    BooleanField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length

from tracker.core.errors import TooManyAttempts, ValidationFailed
from tracker.core.validation import REQUIRED
from tracker.extensions import db
from tracker.org.services import MIN_PASSWORD_LENGTH
from tracker.org.sessions import is_current, list_sessions
from tracker.org.settings import update_preferences
from tracker.org.sign_in import change_own_password
from tracker.org.tokens import (
    DEFAULT_VALID_DAYS,
    MAX_NAME_LENGTH,
    create_token,
    get_token,
    list_tokens,
    revoke_token,
)
from tracker.web.auth import client_address, sign_in_throttle
from tracker.web.forms import Form, show_errors, yes_no

bp = Blueprint("profile", __name__, url_prefix="/profile")

_TOO_LONG = _l("Tối đa %(max)d ký tự.")


class PreferencesForm(Form):
    notify_email = BooleanField(_l("Nhận thông báo qua e-mail"))
    email_digest = RadioField(
        _l("Cách gửi e-mail"),
        choices=[SelectChoice("1", _l("Một thư tổng hợp mỗi ngày")),
                 SelectChoice("0", _l("Mỗi thông báo một thư"))],
        coerce=yes_no,
        validators=[InputRequired(_l("Chọn cách gửi e-mail."))],
    )
    notify_webhook = BooleanField(_l("Nhận thông báo qua webhook của đơn vị"))


class PasswordForm(Form):
    current_password = PasswordField(
        _l("Mật khẩu hiện tại"),
        validators=[DataRequired(_l("Nhập mật khẩu hiện tại.")),
                    Length(max=200, message=_TOO_LONG)],
    )
    new_password = PasswordField(
        _l("Mật khẩu mới"),
        validators=[DataRequired(_l("Nhập mật khẩu mới.")), Length(max=200, message=_TOO_LONG)],
    )
    confirm_password = PasswordField(
        _l("Nhập lại mật khẩu mới"),
        validators=[EqualTo("new_password", _l("Hai lần nhập mật khẩu mới không khớp."))],
    )


class TokenForm(Form):
    name = StringField(
        _l("Tên khóa (dùng cho việc gì)"),
        validators=[DataRequired(REQUIRED),
                    Length(max=MAX_NAME_LENGTH, message=_TOO_LONG)],
    )
    valid_days = SelectField(
        _l("Thời hạn"),
        choices=[SelectChoice(30, _l("30 ngày")), SelectChoice(90, _l("90 ngày")),
                 SelectChoice(365, _l("1 năm"))],
        coerce=int, default=DEFAULT_VALID_DAYS,
    )


@bp.get("")
@login_required
def index():
    return _render()


@bp.post("")
@login_required
def save_preferences():
    form = PreferencesForm()
    if not form.validate_on_submit():
        return _render(preferences=form, status=422)
    update_preferences(db.session, current_user, current_user,
                       notify_email=form.notify_email.data, email_digest=form.email_digest.data,
                       notify_webhook=form.notify_webhook.data)
    db.session.commit()
    flash(_l("Đã lưu cách nhận thông báo."), "success")
    return redirect(url_for(".index"))


@bp.post("/password")
@login_required
def change_password():
    form = PasswordForm()
    if not form.validate_on_submit():
        return _render(password=form, status=422)
    try:
        change_own_password(db.session, current_user, current=form.current_password.data,
                            new=form.new_password.data, address=client_address(),
                            throttle=sign_in_throttle(), commit_count=db.session.commit)
    except ValidationFailed as refusal:
        db.session.commit()  # only the failed-attempt count changed: kept, guesses count
        show_errors(form, refusal, aliases={"password": "new_password"})
        return _render(password=form, status=refusal.status_code)
    except TooManyAttempts as refusal:
        db.session.commit()
        form.current_password.errors = [refusal.message]
        return _render(password=form, status=refusal.status_code)
    db.session.commit()
    flash(_l("Đã đổi mật khẩu. Các thiết bị khác đã được đăng xuất, các khóa API đã bị "
             "thu hồi."), "success")
    return redirect(url_for(".index"))


@bp.post("/tokens")
@login_required
def add_token():
    """The secret is shown on the page this answers with, never put in a (readable)
    session cookie by a flash message, and cannot be shown again."""
    form = TokenForm()
    if not form.validate_on_submit():
        return _render(token=form, status=422)
    try:
        _token, secret = create_token(db.session, current_user, current_user, form.name.data,
                                      valid_days=form.valid_days.data)
    except ValidationFailed as error:
        db.session.rollback()
        show_errors(form, error)
        return _render(token=form, status=error.status_code)
    db.session.commit()
    return _render(new_secret=secret)


@bp.post("/tokens/<int:token_id>/revoke")
@login_required
def remove_token(token_id: int):
    revoke_token(db.session, current_user, get_token(db.session, current_user, token_id))
    db.session.commit()
    flash(_l("Đã thu hồi khóa API."), "success")
    return redirect(url_for(".index"))


def _render(preferences: PreferencesForm | None = None, password: PasswordForm | None = None,
            token: TokenForm | None = None, new_secret: str | None = None, status: int = 200):
    # A form that was not the one posted shows the saved values, not the request's.
    preferences = preferences or PreferencesForm(formdata=None, obj=current_user)
    password = password or PasswordForm(formdata=None)
    lifetime = timedelta(hours=current_app.config["SESSION_ABSOLUTE_HOURS"])
    sessions = list_sessions(db.session, current_user, current_user, absolute_lifetime=lifetime)
    return render_template("profile/index.html", official=current_user,
                           preferences=preferences, password=password,
                           min_password_length=MIN_PASSWORD_LENGTH,
                           token_form=token or TokenForm(formdata=None), new_secret=new_secret,
                           tokens=list_tokens(db.session, current_user, current_user),
                           sessions=[(row, is_current(row, current_user)) for row in sessions],
                           ), status

"""Handing over an official's work: the preview of what moves, a confirmation with the
counts, then the move (tracker.tasks.handover does the work and checks who may)."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms import HiddenField, IntegerField, SelectField
from wtforms.validators import InputRequired, Optional

from tracker.core.errors import NotFound, ValidationFailed
from tracker.core.validation import MAX_ID
from tracker.extensions import db
from tracker.org.models import Official
from tracker.org.services import get_official
from tracker.tasks.handover import Handover, hand_over_work, open_work, possible_receivers
from tracker.web.forms import Form, show_errors

bp = Blueprint("handover", __name__, url_prefix="/officials")


class HandoverForm(Form):
    # Any id is taken here: the service says why a receiver cannot take the work.
    to = SelectField(_l("Người nhận công việc"), coerce=int, validate_choice=False,
                     validators=[InputRequired(_l("Hãy chọn người nhận."))])
    confirm = HiddenField()
    # The tasks counted on the confirmation, to say so when the count has changed since.
    expected = IntegerField(validators=[Optional()])

    def fill_choices(self, departing: Official) -> None:
        self.to.choices = [(0, _l("— Chọn người nhận —"))] + [
            (o.id, f"{o.full_name} ({o.username})")
            for o in possible_receivers(db.session, departing)]


@bp.get("/<int:official_id>/handover")
@login_required
def preview(official_id: int):
    departing = get_official(db.session, current_user, official_id)
    handover = open_work(db.session, current_user, departing)
    form = HandoverForm()
    form.fill_choices(departing)
    return _render(form, handover)


@bp.post("/<int:official_id>/handover")
@login_required
def apply(official_id: int):
    departing = get_official(db.session, current_user, official_id)
    form = HandoverForm()
    form.fill_choices(departing)
    if not form.validate():
        return _render(form, open_work(db.session, current_user, departing), status=422)
    try:
        receiver = _receiver(form.to.data)
        handover = hand_over_work(db.session, current_user, departing, receiver,
                                  dry_run=not form.confirm.data)
    except ValidationFailed as error:
        db.session.rollback()
        show_errors(form, error)
        return _render(form, open_work(db.session, current_user, departing),
                       status=error.status_code)
    if not handover.applied:
        return render_template("handover/confirm.html", form=form, handover=handover)
    db.session.commit()
    _announce(handover, form.expected.data)
    return redirect(url_for(".preview", official_id=departing.id))


def _receiver(official_id: int) -> Official:
    """:raise ValidationFailed: on `to`, for an id that names no official one may see."""
    try:
        if not 0 < official_id <= MAX_ID:
            raise NotFound(_l("Không tìm thấy cán bộ."))
        return get_official(db.session, current_user, official_id)
    except NotFound as missing:
        raise ValidationFailed.on("to", missing.message) from None


def _announce(handover: Handover, expected: int | None) -> None:
    counts = handover.counts
    flash(_l("Đã bàn giao %(total)d nhiệm vụ cho %(name)s: chủ trì %(lead)d, phối hợp "
             "%(coordinator)d, theo dõi %(follower)d.",
             total=handover.task_count, name=handover.receiver.full_name,
             **{role.value: count for role, count in counts.items()}), "success")
    if expected is not None and expected != handover.task_count:
        flash(_l("Công việc đã thay đổi từ lúc xác nhận (khi đó có %(expected)d nhiệm vụ); "
                 "số trên là số đã chuyển.", expected=expected), "warning")


def _render(form: HandoverForm, handover: Handover, *, status: int = 200) -> tuple[str, int]:
    return render_template("handover/preview.html", form=form, handover=handover), status

"""Personal API tokens: an official's keys for the JSON API.

The secret is random and shown once; only its SHA-256 is stored, so a copy of the
database gives no usable key. A SHA-256 (not a slow password hash) is enough for
32 random bytes, and lets a request find its token by an indexed lookup.
"""

import hashlib
import secrets
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from tracker.audit.services import record_event
from tracker.core.actor import Actor
from tracker.core.clock import now_utc
from tracker.core.db import write_in_passing
from tracker.core.errors import NotFound, PermissionDenied, SignInRefused, ValidationFailed
from tracker.core.text import clean
from tracker.core.validation import REQUIRED
from tracker.org.models import ApiToken, Official
from tracker.org.policy import can_manage_officials

MAX_NAME_LENGTH = 100
MAX_ACTIVE_TOKENS = 20
# A token lives at most a year: a forgotten key in a script stops working by itself.
VALID_DAYS_CHOICES = (30, 90, 365)
DEFAULT_VALID_DAYS = 365
# Writing last_used_at on every request would turn each read into a write.
_USE_RECORDED_EVERY = timedelta(minutes=1)


def create_token(
    session: Session, actor: Actor, official: Official, name: str, *,
    valid_days: int = DEFAULT_VALID_DAYS,
) -> tuple[ApiToken, str]:
    """A new token for `official`, refused after `valid_days`, and its secret, which is
    not kept and cannot be shown again.

    :raise PermissionDenied: unless the actor is the official (tokens are personal).
    :raise ValidationFailed: an empty or too long name, a lifetime not offered, too many
        active tokens.
    """
    if not (actor.is_system or actor.id == official.id):
        raise PermissionDenied(_l("Chỉ chính cán bộ được tạo khóa API của mình."))
    name = clean(name)
    if not name:
        raise ValidationFailed.on("name", REQUIRED)
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationFailed.on("name", _l("Tối đa %(max)d ký tự.", max=MAX_NAME_LENGTH))
    if valid_days not in VALID_DAYS_CHOICES:
        raise ValidationFailed.on("valid_days", _l("Thời hạn của khóa không hợp lệ."))
    if len(list_tokens(session, actor, official)) >= MAX_ACTIVE_TOKENS:
        raise ValidationFailed.on("name", _l(
            "Đã có %(n)d khóa API đang dùng; hãy thu hồi khóa không còn cần.", n=MAX_ACTIVE_TOKENS))
    secret = secrets.token_urlsafe(32)
    token = ApiToken(official=official, name=name, token_hash=_hash(secret),
                     expires_at=now_utc() + timedelta(days=valid_days))
    session.add(token)
    record_event(session, actor, official, "create_api_token", {"token": [None, name]},
                 unit_id=official.unit_id)
    return token, secret


def revoke_token(session: Session, actor: Actor, token: ApiToken) -> None:
    """Refuse the token from now on; revoking it again changes nothing.

    :raise NotFound: a token of someone else, unless the actor manages their unit.
    """
    official = token.official
    if not (actor.id == official.id or can_manage_officials(actor, official.unit)):
        raise NotFound(_l("Không tìm thấy khóa API."))
    if token.revoked_at is None:
        token.revoked_at = now_utc()
        record_event(session, actor, official, "revoke_api_token", {"token": [token.name, None]},
                     unit_id=official.unit_id)
    session.flush()


def get_token(session: Session, actor: Actor, token_id: int) -> ApiToken:
    """:raise NotFound: no such token, or one of someone else."""
    token = session.get(ApiToken, token_id)
    if token is None or not (actor.is_system or token.official_id == actor.id):
        raise NotFound(_l("Không tìm thấy khóa API."))
    return token


def list_tokens(session: Session, actor: Actor, official: Official) -> list[ApiToken]:
    """The official's tokens that are neither revoked nor expired, the newest first.

    :raise PermissionDenied: unless the actor is the official or manages their unit.
    """
    if not (actor.id == official.id or can_manage_officials(actor, official.unit)):
        raise PermissionDenied(_l("Chỉ chính cán bộ được xem khóa API của mình."))
    query = (
        select(ApiToken)
        .where(ApiToken.official_id == official.id, ApiToken.revoked_at.is_(None),
               ApiToken.expires_at > now_utc())
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    )
    return list(session.scalars(query))


def authenticate_token(session: Session, secret: str) -> Official:
    """The active official whose token `secret` is. Its last use is noted at most once a
    minute, in passing: a read through the API never becomes a write that could fail.

    :raise SignInRefused: unknown, revoked or expired token, inactive official (one message).
    """
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == _hash(secret or "")))
    now = now_utc()
    if (token is None or token.revoked_at is not None or token.expires_at <= now
            or not token.official.active):
        raise SignInRefused(_l("Khóa API không hợp lệ, đã hết hạn hoặc đã bị thu hồi."))
    if token.last_used_at is None or now - token.last_used_at >= _USE_RECORDED_EVERY:
        write_in_passing(session, update(ApiToken).where(ApiToken.id == token.id)
                         .values(last_used_at=now))
        set_committed_value(token, "last_used_at", now)  # written apart, not by this session
    return token.official


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()

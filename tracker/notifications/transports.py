"""Sending messages out: e-mail over SMTP and JSON to a webhook."""

import hashlib
import json
import smtplib
import ssl
import urllib.request
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, formatdate
from typing import Any

from flask import render_template

from tracker.notifications.delivery import Message
from tracker.notifications.render import describe


class DeliveryError(Exception):
    """The other end did not take the message; worth trying again later."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str  # "starttls", "ssl" or "none"
    username: str
    password: str
    sender: str
    timeout: float = 20.0

    @classmethod
    def from_config(cls, config: dict) -> "SmtpSettings | None":
        """None when no SMTP server is configured: e-mail then waits in the outbox."""
        if not config.get("MAIL_SERVER"):
            return None
        return cls(config["MAIL_SERVER"], int(config["MAIL_PORT"]),
                   str(config["MAIL_SECURITY"]).lower(), config["MAIL_USERNAME"],
                   config["MAIL_PASSWORD"], config["MAIL_SENDER"])


def compose_email(message: Message, settings: SmtpSettings, base_url: str) -> EmailMessage:
    """A Vietnamese e-mail, plain text and HTML, with a Message-ID derived from the
    message key: a re-send after a crash is recognisably the same message."""
    items = [describe(n) for n in message.notifications]
    subject = items[0].subject if len(items) == 1 else (
        f"[CCHC] {len(items):02d} thông báo nhiệm vụ")
    context = {"recipient": message.recipient, "unit": message.unit, "items": items,
               "base_url": base_url.rstrip("/")}
    email = EmailMessage()
    email["Subject"] = subject
    email["From"] = settings.sender
    email["To"] = formataddr((message.recipient.full_name, message.recipient.email))
    email["Date"] = formatdate(localtime=False)
    email["Message-ID"] = message_id(message.key, settings.sender)
    email.set_content(render_template("email/notifications.txt", **context))
    email.add_alternative(render_template("email/notifications.html", **context),
                          subtype="html")
    return email


def message_id(key: str, sender: str) -> str:
    domain = sender.rsplit("@", 1)[-1].strip(" >") or "cchc-tracker.local"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:40]}@{domain}>"


def send_email(settings: SmtpSettings, email: EmailMessage) -> None:
    """:raise DeliveryError: the server could not be reached or refused the message."""
    try:
        with _connect(settings) as smtp:
            if settings.username:
                smtp.login(settings.username, settings.password)
            smtp.send_message(email)
    except (OSError, smtplib.SMTPException) as error:
        raise DeliveryError(f"SMTP {settings.host}:{settings.port}: {error}") from error


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    if settings.security == "ssl":
        return smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                context=ssl.create_default_context())
    smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    if settings.security == "starttls":
        smtp.starttls(context=ssl.create_default_context())
    return smtp


def webhook_payload(message: Message, base_url: str) -> dict[str, Any]:
    notification = message.notifications[0]
    described = describe(notification)
    link = f"{base_url.rstrip('/')}/tasks/{described.task_id}" if described.task_id else None
    return {
        "id": message.key,
        "kind": notification.kind.value,
        "unit": message.unit.code,
        "recipient": {"username": message.recipient.username,
                      "full_name": message.recipient.full_name},
        "subject": described.subject,
        "text": described.text,
        "link": link,
        "data": notification.payload,
    }


def post_webhook(url: str, payload: dict[str, Any], *, timeout: float = 10.0) -> None:
    """:raise DeliveryError: no answer, or an answer other than 2xx."""
    body = json.dumps(payload, ensure_ascii=False).encode()
    request = urllib.request.Request(
        url, data=body, method="POST",
        headers={"Content-Type": "application/json; charset=utf-8",
                 "Idempotency-Key": payload["id"]},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            if not 200 <= response.status < 300:
                raise DeliveryError(f"webhook answered {response.status}")
    except OSError as error:
        raise DeliveryError(f"webhook {url}: {error}") from error

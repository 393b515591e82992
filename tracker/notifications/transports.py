"""Sending e-mail over SMTP, and the errors every transport raises."""

import hashlib
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, formatdate

from flask import render_template

from tracker.notifications.delivery import Message
from tracker.notifications.models import DeliveryErrorClass
from tracker.notifications.render import describe


class DeliveryError(Exception):
    """The other end did not take the message; worth trying again later."""

    def __init__(self, error_class: DeliveryErrorClass) -> None:
        super().__init__(error_class.value)
        self.error_class = error_class


class ChannelDown(DeliveryError):
    """The channel itself failed, not the message: every message would fail alike."""


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


class SmtpChannel:
    """One connection to the SMTP server for a batch of messages.

    A failure to connect, to sign in, or a connection lost is `ChannelDown`; a
    message the server refuses (recipient, content) is a `DeliveryError` of its own.
    """

    # Servers close connections that carry too many messages; open a new one before.
    MESSAGES_PER_CONNECTION = 50

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self.smtp: smtplib.SMTP | None = None
        self.sent = 0

    def __enter__(self) -> "SmtpChannel":
        return self

    def __exit__(self, *exc_info) -> None:
        self._close()

    def send(self, email: EmailMessage) -> None:
        if self.smtp is None or self.sent >= self.MESSAGES_PER_CONNECTION:
            self._close()
            self._open()
        try:
            self.smtp.send_message(email)
        except smtplib.SMTPRecipientsRefused as error:
            raise DeliveryError(DeliveryErrorClass.RECIPIENT_REFUSED) from error
        except smtplib.SMTPSenderRefused as error:  # our MAIL_SENDER: every message would fail
            raise ChannelDown(DeliveryErrorClass.REFUSED) from error
        except smtplib.SMTPServerDisconnected as error:
            raise ChannelDown(DeliveryErrorClass.UNREACHABLE) from error
        except smtplib.SMTPResponseException as error:
            raise DeliveryError(DeliveryErrorClass.REFUSED) from error
        except OSError as error:
            raise ChannelDown(_network_error_class(error)) from error
        self.sent += 1

    def _open(self) -> None:
        try:
            self.smtp = _connect(self.settings)
            if self.settings.username:
                self.smtp.login(self.settings.username, self.settings.password)
        except smtplib.SMTPAuthenticationError as error:
            raise ChannelDown(DeliveryErrorClass.AUTH) from error
        except OSError as error:  # smtplib's errors are OSErrors too
            raise ChannelDown(_network_error_class(error)) from error
        self.sent = 0

    def _close(self) -> None:
        if self.smtp is None:
            return
        try:
            self.smtp.quit()
        except OSError:
            self.smtp.close()
        self.smtp = None


def _network_error_class(error: OSError) -> DeliveryErrorClass:
    if isinstance(error, ConnectionRefusedError):
        return DeliveryErrorClass.REFUSED
    if isinstance(error, TimeoutError):
        return DeliveryErrorClass.TIMEOUT
    return DeliveryErrorClass.UNREACHABLE


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    if settings.security == "ssl":
        return smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                context=ssl.create_default_context())
    smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    if settings.security == "starttls":
        smtp.starttls(context=ssl.create_default_context())
    return smtp

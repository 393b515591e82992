"""JSON to a unit's webhook, only to public addresses and never following a redirect.

The URL was checked when the admin saved it; here the name is resolved, every address
it resolves to is checked, and the connection goes to the checked address, so a name
that changes its answer in between (DNS rebinding) cannot reach the inside.
"""

import http.client
import json
import socket
import ssl
from typing import Any
from urllib.parse import SplitResult, urlsplit

from tracker.core.public_address import IPAddress, resolve_public, url_problem
from tracker.notifications.delivery import Message
from tracker.notifications.models import DeliveryErrorClass
from tracker.notifications.render import describe
from tracker.notifications.transports import DeliveryError


def webhook_payload(message: Message, base_url: str) -> dict[str, Any]:
    notification = message.notifications[0]
    described = describe(notification)
    link = f"{base_url.rstrip('/')}{described.link}" if described.link else None
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


def post_webhook(url: str, payload: dict[str, Any], *, allow_private: bool,
                 timeout: float = 10.0) -> None:
    """:raise DeliveryError: an address not allowed, no answer, or an answer other than
    2xx (a redirect included); its class, never the remote's words."""
    parts = urlsplit(url)
    if url_problem(url, allow_private=allow_private) is not None:
        raise DeliveryError(DeliveryErrorClass.ADDRESS_NOT_ALLOWED)
    address = _checked_address(parts, allow_private)
    connection = _pinned_connection(parts, address, timeout)
    body = json.dumps(payload, ensure_ascii=False).encode()
    try:
        connection.request("POST", _target(parts), body=body, headers={
            "Content-Type": "application/json; charset=utf-8", "Idempotency-Key": payload["id"]})
        status = connection.getresponse().status
    except TimeoutError as error:
        raise DeliveryError(DeliveryErrorClass.TIMEOUT) from error
    except ConnectionRefusedError as error:
        raise DeliveryError(DeliveryErrorClass.REFUSED) from error
    except (OSError, http.client.HTTPException) as error:
        raise DeliveryError(DeliveryErrorClass.UNREACHABLE) from error
    finally:
        connection.close()
    _check_status(status)


def _checked_address(parts: SplitResult, allow_private: bool) -> IPAddress:
    try:
        return resolve_public(parts, allow_private=allow_private)[0]
    except PermissionError as error:
        raise DeliveryError(DeliveryErrorClass.ADDRESS_NOT_ALLOWED) from error
    except OSError as error:  # the name does not resolve
        raise DeliveryError(DeliveryErrorClass.UNREACHABLE) from error


def _pinned_connection(parts: SplitResult, address: IPAddress,
                       timeout: float) -> http.client.HTTPConnection:
    """A connection that names the URL's host (Host header, TLS name) but connects to
    `address`: http.client follows no redirects."""
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=timeout,
                                                 context=ssl.create_default_context())
    else:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    connection._create_connection = lambda where, *args: socket.create_connection(
        (str(address), where[1]), *args)
    return connection


def _target(parts: SplitResult) -> str:
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _check_status(status: int) -> None:
    if 200 <= status < 300:
        return
    if 300 <= status < 400:
        raise DeliveryError(DeliveryErrorClass.REDIRECT)
    if 400 <= status < 500:
        raise DeliveryError(DeliveryErrorClass.HTTP_4XX)
    raise DeliveryError(DeliveryErrorClass.HTTP_5XX)

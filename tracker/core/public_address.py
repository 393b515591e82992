"""Is a URL an admin typed safe to call from the server? (SSRF.)

A webhook URL is an address the server itself will connect to: pointed at loopback,
the private network or the cloud's metadata service (169.254.169.254) it reaches what
the outside cannot. Only http(s) to global addresses passes, unless the deployment
allows private ones (an intranet chat server) with WEBHOOK_ALLOW_PRIVATE.
"""

import ipaddress
import socket
from enum import StrEnum
from urllib.parse import SplitResult, urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")


class UrlProblem(StrEnum):
    SCHEME = "scheme"
    MALFORMED = "malformed"
    USERINFO = "userinfo"
    PRIVATE = "private"


def url_problem(url: str, *, allow_private: bool) -> UrlProblem | None:
    """What makes `url` unfit for a webhook without resolving it, or None.

    Names are checked again at send time, once resolved (DNS can change between).
    """
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError on a port out of range)
    except ValueError:
        return UrlProblem.MALFORMED
    if parts.scheme not in ("http", "https"):
        return UrlProblem.SCHEME
    if not parts.hostname:
        return UrlProblem.MALFORMED
    if parts.username is not None or parts.password is not None:
        return UrlProblem.USERINFO
    if allow_private:
        return None
    address = literal_address(parts.hostname)
    if parts.hostname.rstrip(".").lower() in _LOCAL_NAMES or (
        parts.hostname.rstrip(".").lower().endswith(".localhost")
    ) or (address is not None and not is_public(address)):
        return UrlProblem.PRIVATE
    return None


def literal_address(host: str) -> IPAddress | None:
    """The address a host written as a number means, in any form the C library accepts
    (127.0.0.1, 2130706433, 0x7f.1, 017700000001, [::1]), or None for a name."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        return None


def is_public(address: IPAddress) -> bool:
    """True for a global unicast address; an IPv4 address wrapped in IPv6 (mapped,
    6to4, Teredo) is judged as itself."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = address.ipv4_mapped or address.sixtofour or (
            address.teredo[1] if address.teredo else None)
        if inner is not None:
            return is_public(inner)
    return address.is_global and not (
        address.is_multicast or address.is_reserved or address.is_loopback
        or address.is_link_local or address.is_private or address.is_unspecified)


def resolve_public(parts: SplitResult, *, allow_private: bool) -> list[IPAddress]:
    """Every address the URL's host resolves to; raises PermissionError when any of them
    is not public (one bad answer is enough: the connection could use it)."""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    answers = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    addresses = [ipaddress.ip_address(answer[4][0].split("%")[0]) for answer in answers]
    if not allow_private and not all(is_public(a) for a in addresses):
        raise PermissionError(parts.hostname)
    return addresses

"""Headers on every response (pages, API, files, errors, static): what the browser may
run, frame, send and keep.

A small after-request hook rather than Flask-Talisman: Talisman would also take over
HTTPS redirects and the session cookie's flags, which our configuration already owns
(SESSION_COOKIE_SECURE), and it has no rule for "never keep a page that is not a static
file"; the six headers below are all we need.
"""

from flask import Flask, Response, current_app, request

# 'self' only, no inline script or style anywhere: our pages load Bootstrap and our own
# CSS from /static and /bootstrap/static. Bootstrap's CSS draws some icons as data: SVGs.
CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
# A year, without includeSubDomains: other services of the province may share the domain.
STRICT_TRANSPORT_SECURITY = "max-age=31536000"

_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
}


def register_security_headers(app: Flask) -> None:
    app.after_request(add_security_headers)


def add_security_headers(response: Response) -> Response:
    """Set the headers a response has not set itself (a file keeps its stricter CSP)."""
    for name, value in _HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure or current_app.config["SESSION_COOKIE_SECURE"]:
        # Secure cookies mean the site is served over HTTPS, perhaps behind a proxy
        # that terminates TLS, so the request itself may look like plain HTTP.
        response.headers.setdefault("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY)
    if not _is_static_file():
        # Pages and API answers hold a signed-in official's data (a new token on the
        # profile, CSRF tokens on forms): no browser or proxy may keep them.
        response.headers["Cache-Control"] = "no-store"
    return response


def _is_static_file() -> bool:
    """Our CSS and Bootstrap's files: the same for everyone, cached as usual."""
    endpoint = request.endpoint or ""
    return endpoint == "static" or endpoint.endswith(".static")

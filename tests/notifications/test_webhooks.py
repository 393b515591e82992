"""Webhooks reach only public addresses and follow no redirect (SSRF): checked at send
time too, against a real HTTP server on loopback standing in for the inside."""

import socket
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from jobs.runner import run_once
from tests.jobs.scenario import build_commune
from tracker.extensions import db
from tracker.notifications.models import Channel, Delivery, DeliveryErrorClass, DeliveryStatus
from tracker.notifications.transports import DeliveryError
from tracker.notifications.webhooks import post_webhook

PAYLOAD = {"id": "assigned:1:-:0:1", "text": "Nhiệm vụ mới"}


class Inside(BaseHTTPRequestHandler):
    """A service on the inside; answers with the class attribute `status`."""

    status = 204
    location = ""
    hits: list[str] = []

    def do_POST(self):
        Inside.hits.append(self.path)
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(self.status)
        if self.location:
            self.send_header("Location", self.location)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def inside():
    Inside.hits, Inside.status, Inside.location = [], 204, ""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Inside)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_port
    server.shutdown()
    server.server_close()


def _refusal(url: str, *, allow_private: bool = False) -> DeliveryErrorClass:
    with pytest.raises(DeliveryError) as refused:
        post_webhook(url, PAYLOAD, allow_private=allow_private, timeout=2)
    return refused.value.error_class


@pytest.mark.parametrize("host", ["127.0.0.1", "2130706433", "0x7f.1", "[::ffff:127.0.0.1]",
                                  socket.gethostname()])
def test_a_webhook_to_loopback_is_refused_at_send_and_never_reaches_it(inside, host):
    assert _refusal(f"http://{host}:{inside}/hook") is DeliveryErrorClass.ADDRESS_NOT_ALLOWED
    assert Inside.hits == []


@pytest.mark.parametrize("url", ["http://10.0.0.1/", "http://[::1]:6379/",
                                 "http://169.254.169.254/latest/meta-data/",
                                 "http://192.168.1.1/", "http://[fe80::1]/", "http://0.0.0.0/",
                                 "http://user:pass@8.8.8.8/"])
def test_a_webhook_to_an_inside_address_is_refused_before_connecting(url):
    assert _refusal(url) is DeliveryErrorClass.ADDRESS_NOT_ALLOWED


def test_a_redirect_is_not_followed(inside):
    Inside.status, Inside.location = 307, f"http://127.0.0.1:{inside}/elsewhere"
    assert _refusal(f"http://127.0.0.1:{inside}/hook",
                    allow_private=True) is DeliveryErrorClass.REDIRECT
    assert Inside.hits == ["/hook"]


def test_errors_are_recorded_as_classes(inside):
    Inside.status = 503
    assert _refusal(f"http://127.0.0.1:{inside}/", allow_private=True) is (
        DeliveryErrorClass.HTTP_5XX)
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    assert _refusal(f"http://127.0.0.1:{port}/", allow_private=True) is (
        DeliveryErrorClass.REFUSED)


def test_a_silent_server_is_a_timeout():
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # accepts the connection, never answers
        assert _refusal(f"http://127.0.0.1:{silent.getsockname()[1]}/",
                        allow_private=True) is DeliveryErrorClass.TIMEOUT


def test_a_webhook_saved_before_the_check_is_refused_when_sending(app, db_session, inside):
    commune = build_commune()
    commune.unit.settings.webhook_url = f"http://127.0.0.1:{inside}/hook"
    commune.lead.notify_webhook = True
    db.session.flush()
    run_once(app, date(2023, 2, 6))
    deliveries = db.session.query(Delivery).filter_by(channel=Channel.WEBHOOK).all()
    assert deliveries and {d.last_error for d in deliveries} == {"address_not_allowed"}
    # Retrying cannot help until the admin fixes the URL: on the failed list at once.
    assert {(d.status, d.attempts) for d in deliveries} == {(DeliveryStatus.FAILED, 1)}
    assert Inside.hits == []

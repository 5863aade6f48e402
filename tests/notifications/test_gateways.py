"""The SMS gateways: file, console and the generic HTTP gateway (against a tiny
local HTTP server on 127.0.0.1)."""

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from indgang.notifications.gateways import (
    ConsoleSmsBackend,
    FileSmsBackend,
    GatewayError,
    HttpSmsBackend,
    read_sent_sms,
    sms_backend_get,
)


class FakeGateway:
    """Records requests; answers with `status` and `answer` (set by the test)."""

    def __init__(self):
        self.requests: list[dict] = []
        self.status = 202
        self.answer: bytes = b'{"id": "gw-1"}'
        self.delay = 0.0


@pytest.fixture
def gateway():
    state = FakeGateway()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            state.requests.append(
                {
                    "path": self.path,
                    "headers": dict(self.headers.items()),
                    "json": json.loads(self.rfile.read(length)),
                }
            )
            if state.delay:
                threading.Event().wait(state.delay)
            try:
                self.send_response(state.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(state.answer)))
                self.end_headers()
                self.wfile.write(state.answer)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (the time-out test)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/sms"
    yield state
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def http_backend(settings, gateway):
    settings.SMS_BACKEND = "http"
    settings.SMS_GATEWAY_URL = gateway.url
    settings.SMS_GATEWAY_TOKEN = "hemmeligt-token"
    settings.SMS_SENDER_NAME = "Demo"
    settings.SMS_GATEWAY_TIMEOUT = 2
    return sms_backend_get()


def send(backend, key="booking:1:confirmed:sms"):
    return backend.send_sms(to="+4512345678", body="Din tid er bekræftet.", idempotency_key=key)


def test_http_gateway_posts_json_with_bearer_token_and_idempotency_key(http_backend, gateway):
    assert isinstance(http_backend, HttpSmsBackend)
    assert send(http_backend) == "gw-1"

    [request] = gateway.requests
    assert request["path"] == "/sms"
    assert request["headers"]["Authorization"] == "Bearer hemmeligt-token"
    assert request["headers"]["Idempotency-Key"] == "booking:1:confirmed:sms"
    assert request["headers"]["Content-Type"].startswith("application/json")
    assert request["json"] == {
        "to": "+4512345678",
        "body": "Din tid er bekræftet.",
        "idempotency_key": "booking:1:confirmed:sms",
        "sender": "Demo",
    }


@pytest.mark.parametrize("answer", [b"", b"OK", b"[1, 2]", b'{"status": "queued"}'])
def test_http_gateway_without_an_id_in_the_answer_still_succeeds(http_backend, gateway, answer):
    gateway.answer = answer
    assert send(http_backend) == ""


def test_http_gateway_reads_message_id_field(http_backend, gateway):
    gateway.answer = b'{"message_id": 991}'
    assert send(http_backend) == "991"


@pytest.mark.parametrize("status", [400, 401, 429, 500, 503])
def test_http_gateway_error_status_is_a_gateway_error_without_personal_data(
    http_backend, gateway, status
):
    gateway.answer = b'{"error": "bad number +4512345678"}'
    gateway.status = status
    with pytest.raises(GatewayError) as raised:
        send(http_backend)
    assert str(raised.value) == f"SMS-gatewayen svarede HTTP {status}"
    assert "12345678" not in str(raised.value)


def test_http_gateway_time_out_is_a_gateway_error(http_backend, gateway, settings):
    gateway.delay = 1.0
    backend = HttpSmsBackend(timeout=0.2)
    with pytest.raises(GatewayError, match="kunne ikke nås"):
        send(backend)


def test_http_gateway_refused_connection_is_a_gateway_error(settings):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    backend = HttpSmsBackend(url=f"http://127.0.0.1:{port}/sms", token="t", timeout=1)
    with pytest.raises(GatewayError, match="kunne ikke nås"):
        send(backend)


@pytest.mark.parametrize("url", ["", "file:///etc/passwd", "ftp://example.dk/"])
def test_http_gateway_refuses_other_schemes(url):
    with pytest.raises(GatewayError, match="SMS_GATEWAY_URL"):
        send(HttpSmsBackend(url=url, token="t"))


def test_worker_sends_through_the_http_gateway(http_backend, gateway, db):
    from indgang.notifications.models import MessageStatus
    from indgang.notifications.services import messages_send_due

    from .factories import MessageFactory

    message = MessageFactory(idempotency_key="booking:9:confirmed:sms")
    gateway.status = 503
    assert messages_send_due(worker_id="w1") == 1
    message.refresh_from_db()
    assert (message.status, message.last_error) == (
        MessageStatus.PENDING,
        "SMS-gatewayen svarede HTTP 503",
    )

    gateway.status = 200
    message.next_attempt_at = message.created_at
    message.save()
    assert messages_send_due(worker_id="w1") == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.provider_message_id == "gw-1"
    keys = {r["headers"]["Idempotency-Key"] for r in gateway.requests}
    assert keys == {"booking:9:confirmed:sms"}
    assert len(gateway.requests) == 2


def test_file_backend_appends_one_json_line_per_sms(tmp_path, settings):
    settings.SMS_SENDER_NAME = "Demo"
    path = tmp_path / "nested" / "sms.jsonl"
    backend = FileSmsBackend(path)
    first = send(backend, key="k1")
    send(backend, key="k2")

    lines = read_sent_sms(path)
    assert [line["idempotency_key"] for line in lines] == ["k1", "k2"]
    assert lines[0]["id"] == first
    assert lines[0]["to"] == "+4512345678"
    assert lines[0]["sender"] == "Demo"
    assert lines[0]["body"] == "Din tid er bekræftet."


def test_file_backend_that_cannot_write_is_a_gateway_error(tmp_path):
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("")
    with pytest.raises(GatewayError):
        send(FileSmsBackend(blocker / "sms.jsonl"))


def test_console_backend_prints_the_sms():
    out = io.StringIO()
    provider_id = send(ConsoleSmsBackend(stream=out))
    assert provider_id.startswith("console-")
    assert "+4512345678" in out.getvalue()
    assert "Din tid er bekræftet." in out.getvalue()


def test_backend_is_chosen_by_setting(settings):
    settings.SMS_BACKEND = "console"
    assert isinstance(sms_backend_get(), ConsoleSmsBackend)
    settings.SMS_BACKEND = "file"
    assert isinstance(sms_backend_get(), FileSmsBackend)
    settings.SMS_BACKEND = "indgang.notifications.gateways.HttpSmsBackend"
    assert isinstance(sms_backend_get(), HttpSmsBackend)

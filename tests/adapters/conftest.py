"""Fixtures for lookup tests: an in-memory keyring and a real HTTP server on 127.0.0.1 shaped like the APIs.

No test here touches the network or the developer's keyring.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import keyring
import pytest

from tests.store.keyring_backend import MemoryKeyring


@pytest.fixture(autouse=True)
def memory_keyring():
    """An in-memory keyring for the length of one test (the suite-wide backend from tests/store)."""
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


@dataclass
class Reply:
    status: int = 200
    body: object = None  # dict/list -> JSON; bytes/str -> sent as is
    delay: float = 0.0


@dataclass
class Seen:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes


@dataclass
class FakeServer:
    """Routes: path (no query) -> list of replies, used in order; the last one repeats."""

    port: int = 0
    routes: dict[str, list[Reply]] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def route(self, path: str, *replies: Reply) -> None:
        self.routes[path] = list(replies)

    def reply_for(self, path: str) -> Reply:
        replies = self.routes.get(path)
        if not replies:
            return Reply(404, {"detail": "Not found."})
        return replies.pop(0) if len(replies) > 1 else replies[0]


def _handler(server_state: FakeServer):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            server_state.seen.append(
                Seen("GET", parts.path, parse_qs(parts.query, keep_blank_values=True),
                     {k.lower(): v for k, v in self.headers.items()}, self.rfile.read(length) if length else b"")
            )
            reply = server_state.reply_for(parts.path)
            if reply.delay:
                time.sleep(reply.delay)
            body = reply.body
            if isinstance(body, (dict, list)):
                body = json.dumps(body).encode()
            elif isinstance(body, str):
                body = body.encode()
            body = body or b""
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass  # the client gave up (timeout test)

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def api_server(monkeypatch):
    """A running server, with ydm's base URLs, timeout and backoff pointed at it for this test."""
    state = FakeServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    httpd.block_on_close = False
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    monkeypatch.setenv("YDM_DC_BASE_URL", f"{state.base}/dc/api/v1")
    monkeypatch.setenv("YDM_EC_BASE_URL", f"{state.base}/ec/api/v1/")
    monkeypatch.setenv("YDM_GOVUK_HOLIDAYS_URL", f"{state.base}/bank-holidays.json")
    monkeypatch.setenv("YDM_HTTP_TIMEOUT", "2")
    monkeypatch.setenv("YDM_HTTP_BACKOFF", "0")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    yield state
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def dead_url(monkeypatch):
    """Base URLs that point at a closed port on 127.0.0.1: the 'server down / offline' case."""
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens here now
    base = f"http://127.0.0.1:{port}"
    monkeypatch.setenv("YDM_DC_BASE_URL", f"{base}/dc/api/v1")
    monkeypatch.setenv("YDM_EC_BASE_URL", f"{base}/ec/api/v1")
    monkeypatch.setenv("YDM_GOVUK_HOLIDAYS_URL", f"{base}/bank-holidays.json")
    monkeypatch.setenv("YDM_HTTP_BACKOFF", "0")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    return base


@pytest.fixture
def dc_key(memory_keyring):
    """A Democracy Club key in the in-memory keyring."""
    memory_keyring.set_password("ydm", "democracy-club-api-key", "dc-secret-token")
    return "dc-secret-token"


@pytest.fixture
def ec_key(memory_keyring):
    memory_keyring.set_password("ydm", "electoral-commission-api-key", "ec-secret-token")
    return "ec-secret-token"


@pytest.fixture
def clean_holidays():
    from ydm.law import holidays_uk

    holidays_uk.clear_cache()
    yield
    holidays_uk.clear_cache()

"""`ydm replies fetch` against a real Dovecot on 127.0.0.1 over TLS: only messages carrying the
person's references are taken in, read-only (nothing is marked \\Seen, moved or deleted); a wrong
password and a server that is down give one clear error line."""

from __future__ import annotations

import ssl
from datetime import UTC, datetime

import pytest

from tests.adapters import dovecot
from tests.tracker.replies import samples
from tests.tracker.replies.conftest import run, seeded  # noqa: F401 - the fixture
from ydm.store.db import open_store

pytestmark = pytest.mark.skipif(bool(dovecot.available()), reason=dovecot.available() or "dovecot available")


@pytest.fixture(scope="module")
def tls_pair(tmp_path_factory):
    from tests.letters.formats.conftest import tls_files

    return tls_files.__wrapped__(tmp_path_factory)


@pytest.fixture
def server(tmp_path, tls_pair):
    cert, key = tls_pair
    d = dovecot.Dovecot(cert, key)
    d.deliver([
        samples.email_bytes(subject="Re: Subject access request YDM-AAAAA",
                            attachments={"data.csv": ("text/csv", samples.csv_bytes())}),
        samples.email_bytes(subject="Your weekly newsletter", body="not for ydm"),
        samples.email_bytes(subject="Re: YDM-BBBBB", sender="dataprotection@conservatives.com",
                            when=datetime(2026, 10, 14, 9, 0, tzinfo=UTC), body="We hold no data."),
    ])
    d.start()
    yield d
    d.stop()


def _setup(capsys, monkeypatch, port, cert, password=dovecot.PASSWORD):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    code, _, err = run(capsys, "replies", "fetch", "--setup", "--host", "127.0.0.1", "--port", str(port),
                       "--user", dovecot.USER, "--ca-file", str(cert), "--password-stdin")
    assert code == 0, err


def test_fetch_takes_in_only_our_replies_and_changes_nothing(seeded, server, tls_pair, capsys, monkeypatch):  # noqa: F811
    _setup(capsys, monkeypatch, server.port, tls_pair[0])
    before = server.flags()
    code, _, err = run(capsys, "replies", "fetch")
    assert code == 0, err
    assert "2 message(s) with your references found; 2 new" in err
    with open_store() as s:
        a, b = s.replies("YDM-AAAAA"), s.replies("YDM-BBBBB")
        assert [p["name"] for p in a[0]["parts"]] == ["message.txt", "data.csv"]
        assert b[0]["received"] == "2026-10-14"
        assert ("response-received", "2026-10-14") in [(e.kind.value, e.on.isoformat()) for e in s.get("YDM-BBBBB").events]
    assert server.flags() == before == ["", "", ""]  # still unseen, all three still there
    code, _, err = run(capsys, "replies", "fetch")  # again: found, already stored, nothing doubled
    assert code == 0 and "2 message(s) with your references found; 0 new, 2 already taken in" in err


def test_the_password_is_in_the_keyring_not_the_settings_file(seeded, server, tls_pair, capsys, monkeypatch, memory_keyring, isolated_home):  # noqa: F811
    _setup(capsys, monkeypatch, server.port, tls_pair[0])
    assert memory_keyring.get_password("ydm", "imap-password") == dovecot.PASSWORD
    for f in isolated_home.rglob("*.toml"):
        assert dovecot.PASSWORD not in f.read_text()


def test_a_wrong_password(seeded, server, tls_pair, capsys, monkeypatch):  # noqa: F811
    _setup(capsys, monkeypatch, server.port, tls_pair[0], password="wrong")
    code, _, err = run(capsys, "replies", "fetch")
    assert code == 6
    assert err == (f"ydm: error: the mail server 127.0.0.1 refused the user name or password for '{dovecot.USER}' "
                   "(check them with: ydm replies fetch --setup)\n")
    with open_store() as s:
        assert s.replies("YDM-AAAAA") == []


def test_a_server_that_is_down(seeded, tls_pair, capsys, monkeypatch):  # noqa: F811
    port = dovecot.free_port()  # nothing listens there
    _setup(capsys, monkeypatch, port, tls_pair[0])
    code, _, err = run(capsys, "replies", "fetch")
    assert code == 6 and err.startswith(f"ydm: error: could not connect to the mail server 127.0.0.1:{port}: "
                                        "connection refused")


def test_a_certificate_that_is_not_trusted(seeded, server, capsys, monkeypatch, tmp_path):  # noqa: F811
    from ydm.adapters import imap

    settings = imap.ImapSettings(host="127.0.0.1", user=dovecot.USER, port=server.port)
    from ydm.errors import NetworkError

    with pytest.raises(NetworkError, match="certificate that cannot be trusted"):
        imap.fetch_messages(settings, dovecot.PASSWORD, ["YDM-AAAAA"], ssl_context=ssl.create_default_context())

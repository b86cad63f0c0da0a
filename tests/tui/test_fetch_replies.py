"""The dashboard's "Fetch replies" (g) against a real Dovecot on 127.0.0.1: the reply is taken in,
the dashboard says so and the request's status moves on; a wrong password shows the error modal."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.adapters import dovecot
from tests.tracker.replies import samples
from tests.tui.conftest import TODAY, seed_requests, settle
from ydm.model import Channel, RequestKind
from ydm.tui.screens.error import ErrorModal

pytestmark = pytest.mark.skipif(bool(dovecot.available()), reason=dovecot.available() or "dovecot available")
SENT = date(2026, 2, 10)


@pytest.fixture
def server(tmp_path_factory):
    from tests.letters.formats.conftest import tls_files

    cert, key = tls_files.__wrapped__(tmp_path_factory)
    d = dovecot.Dovecot(cert, key)
    d.cert = cert
    yield d
    d.stop()


def _configure(port: int, cert, password: str) -> None:
    from ydm.adapters import imap

    imap.save_settings(imap.ImapSettings(host="127.0.0.1", user=dovecot.USER, port=port, ca_file=str(cert)))
    imap.set_password(password)


async def test_g_fetches_the_reply_and_the_status_moves_on(make_app, fixed_references, server):
    (request,) = seed_requests(TODAY, SENT, [("labour", RequestKind.ACCESS, Channel.EMAIL)])
    server.deliver([samples.email_bytes(subject=f"Re: {request.ref}", when=datetime(2026, 2, 27, 9, tzinfo=UTC),
                                        attachments={"data.csv": ("text/csv", samples.csv_bytes())})])
    server.start()
    _configure(server.port, server.cert, dovecot.PASSWORD)
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        before = app.screen.rows[0].status
        await pilot.press("g")
        await settle(pilot)
        assert any("1 new reply(ies) taken in" in n.message for n in app._notifications)
        assert app.screen.rows[0].status != before
    from ydm.store.db import open_store

    with open_store() as s:
        assert [p["name"] for p in s.replies(request.ref)[0]["parts"]] == ["message.txt", "data.csv"]


async def test_a_wrong_password_shows_the_error(make_app, fixed_references, server):
    seed_requests(TODAY, SENT, [("labour", RequestKind.ACCESS, Channel.EMAIL)])
    server.start()
    _configure(server.port, server.cert, "not the password")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, ErrorModal)
        assert "refused the user name or password" in str(app.screen.query_one("#error-message").render())

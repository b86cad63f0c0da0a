"""TUI test fixtures: an app factory (fixed today, theme, isolated YDM_HOME, in-memory keyring),
and `screen_snapshot`, our syrupy SVG snapshot of the screen (style.md §(d), Option B)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import keyring
import pytest
from textual.widgets import Input, TextArea
from textual.worker import WorkerFailed

from tests.store.keyring_backend import MemoryKeyring
from tests.svg_snapshot import SVGScreen, stable_screenshot

TODAY = date(2026, 3, 2)  # a Monday, after Art 12A commenced (5 Feb 2026)


@pytest.fixture(autouse=True)
def memory_keyring():
    """Never the developer's keyring: an empty in-memory one per test."""
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


@pytest.fixture
def make_app(isolated_home, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("YDM_THEME", raising=False)
    monkeypatch.delenv("YDM_TODAY", raising=False)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    apps = []

    def factory(**kw):
        from ydm.tui.app import YdmApp

        kw.setdefault("today", TODAY)
        kw.setdefault("theme", "textual-dark")
        app = YdmApp(**kw)
        apps.append(app)
        return app

    yield factory
    for app in apps:
        app.backend.close()


@pytest.fixture
def screen_snapshot(snapshot):
    svg = snapshot.use_extension(SVGScreen)

    async def take(pilot, name: str) -> bool:
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        for area in pilot.app.screen.query(TextArea):
            area.cursor_blink = False
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        shot = await stable_screenshot(pilot)
        same = svg(name=name) == shot
        debug_dir = os.environ.get("YDM_SNAPSHOT_DEBUG")  # keep what was seen, to compare by eye
        if not same and debug_dir:
            Path(debug_dir).mkdir(parents=True, exist_ok=True)
            (Path(debug_dir) / f"{name}-{pilot.app.size.width}x{pilot.app.size.height}.svg").write_text(shot)
        return same

    return take


async def settle(pilot) -> None:
    """Wait until the app is quiet: the current screen mounted, no worker running, and every screen
    that says whether it has `settled` (the dashboard's first load) saying so. Never sleeps blindly.

    Textual 8 delays a screen switch slightly, so a screen just pushed may not have started its
    worker yet; hence the loop (bounded) rather than a single wait.
    """
    app = pilot.app
    for _ in range(500):
        try:
            await app.workers.wait_for_complete()
        except WorkerFailed:
            # A worker that raised is still listed for a moment; the app shows its error as a modal
            # (YdmAppBase.on_worker_state_changed), which is what such a test checks. Keep waiting.
            pass
        await pilot.pause()
        quiet = app.screen.is_mounted and not any(worker.is_running for worker in app.workers)
        if quiet and all(getattr(screen, "settled", True) for screen in app.screen_stack):
            break
        await pilot.pause(0.01)
    await pilot.pause()


@pytest.fixture
def fixed_references(monkeypatch):
    """Letter references YDM-TEST1, YDM-TEST2, … so screens and snapshots are repeatable."""
    counter = iter(range(1, 10_000))
    alphabet = "ABCDEFGHJK"

    def next_ref() -> str:
        n = next(counter)
        return f"YDM-T{alphabet[n // 100 % 10]}{alphabet[n // 10 % 10]}{alphabet[n % 10]}X"

    monkeypatch.setattr("ydm.letters.render.new_reference", next_ref)
    return next_ref


JANE = {
    "name": "Jane Public",
    "address": "1 High Street, Anytown",
    "postcode": "SW1A 1AA",
    "email": "jane@example.org",
}


def seed_requests(today: date, sent_on: date, specs) -> list:
    """Store requests through the tracker (the same path the wizard takes): specs are
    (org_id, kind, channel) triples. Returns the stored requests."""
    from ydm import tracker
    from ydm.letters.render import render
    from ydm.orgs import contacts
    from ydm.profile import make_person
    from ydm.store.db import open_store

    person = make_person(**JANE)
    directory = contacts.load()
    stored = []
    with open_store() as store:
        store.save_profile(person)
        for org_id, kind, channel in specs:
            letter = render(kind, person, directory.get(org_id), today=sent_on)
            stored += tracker.record_letters(
                [letter], channel=channel, sent_on=sent_on, store=store, today=today
            )
    return stored


class Inbox:
    """aiosmtpd handler keeping every accepted message (a real SMTP server on 127.0.0.1)."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


@pytest.fixture
def smtp_inbox(isolated_home):
    """aiosmtpd on 127.0.0.1 (plain is allowed only to this computer) and smtp.toml pointing at it."""
    import socket

    from aiosmtpd.controller import Controller

    from ydm.adapters import mail

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    mail.save_settings(
        mail.SmtpSettings(
            host="127.0.0.1", port=port, security="plain", from_addr="jane@example.org", timeout=10
        )
    )
    yield inbox
    controller.stop()

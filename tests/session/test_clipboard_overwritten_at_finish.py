"""What the patron copied (their letter, by OSC 52) is overwritten with a single space when they reach
Finish, and again at any wipe: an empty update is ignored by tmux and other terminals, which then keep
the letter. Finish says what happened to the clipboard."""

from __future__ import annotations

import base64
import shutil
import subprocess

import pytest

from ydm.session.flow import SessionConfig
from ydm.tui.screens.guided.finish import FinishScreen
from ydm.tui.screens.guided.reading import EmailScreen
from ydm.tui.screens.guided.welcome import WelcomeScreen

from .test_app import answer_questions, choose

SPACE = "\x1b]52;c;" + base64.b64encode(b" ").decode() + "\a"


def osc52(writes: list[str]) -> list[str]:
    """The clipboard payloads the app sent to the terminal, decoded, in order."""
    out = []
    for data in writes:
        for part in data.split("\x1b]52;c;")[1:]:
            out.append(base64.b64decode(part.split("\a")[0]).decode())
    return out


def record_writes(app) -> list[str]:
    writes: list[str] = []
    app._driver.write = writes.append  # the headless driver writes nothing: keep what would be sent
    return writes


async def copy_the_letter(pilot) -> None:
    await answer_questions(pilot)
    await pilot.press("ctrl+n")
    await pilot.pause()
    await choose(pilot, "email")
    assert isinstance(pilot.app.screen, EmailScreen)
    await pilot.press("enter")                       # "Copy text" has the focus
    await pilot.press("escape")
    await pilot.pause()


async def test_finish_overwrites_the_copied_letter_with_a_space_and_says_so(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        writes = record_writes(app)
        await copy_the_letter(pilot)
        letter = osc52(writes)[-1]
        assert "UK GDPR" in letter
        await pilot.press("ctrl+n")                  # Finish
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        assert osc52(writes)[-1] == " " and SPACE in writes and app.clipboard == " "
        said = str(app.screen.query_one("#clipboard").render())
        assert "replaced with a blank space" in said
        await pilot.press("enter")                   # Finish and wipe
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen) and app.clipboard == " "


async def test_nothing_copied_nothing_sent(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        writes = record_writes(app)
        await answer_questions(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await choose(pilot, "finish")
        assert "Nothing was copied" in str(app.screen.query_one("#clipboard").render())
        assert osc52(writes) == []


async def test_the_inactivity_wipe_overwrites_it_too(make_app, clock):
    app = make_app(SessionConfig(timeout=100))
    async with app.run_test(size=(80, 24)) as pilot:
        writes = record_writes(app)
        await copy_the_letter(pilot)
        clock.advance(100)
        app.check_inactivity()
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert osc52(writes)[-1] == " "


def tmux(sock, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["tmux", "-S", str(sock), *args], capture_output=True, text=True, timeout=10, check=False)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
async def test_in_tmux_the_copied_letter_leaves_the_paste_buffers(make_app, tmp_path, monkeypatch):
    """A real tmux server with set-clipboard on turns the app's OSC 52 bytes into a paste buffer; Finish
    deletes it (and only it: the librarian's own buffer stays)."""
    sock = tmp_path / "tmux.sock"
    assert tmux(sock, "-f", "/dev/null", "new-session", "-d", "-s", "kiosk", "-x", "80", "-y", "24",
                "sleep 600").returncode == 0
    try:
        tmux(sock, "set-option", "-g", "set-clipboard", "on")
        tmux(sock, "set-buffer", "-b", "librarian", "the library's own note")
        monkeypatch.setenv("TMUX", f"{sock},1,0")
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            writes = record_writes(app)
            await copy_the_letter(pilot)
            letter = osc52(writes)[-1]
            sent = tmp_path / "osc52"
            sent.write_text("".join(w for w in writes if "\x1b]52;" in w))
            tmux(sock, "new-window", f"cat {sent}; sleep 600")      # the terminal receives what the app sent
            for _ in range(200):  # a bound, not a timing assertion
                if tmux(sock, "list-buffers", "-F", "#{buffer_name}").stdout.split() != ["librarian"]:
                    break
                await pilot.pause(0.05)
            names = tmux(sock, "list-buffers", "-F", "#{buffer_name}").stdout.split()
            assert len(names) == 2 and letter in [tmux(sock, "show-buffer", "-b", n).stdout for n in names]
            await pilot.press("ctrl+n")                  # Finish
            await pilot.pause()
            assert isinstance(app.screen, FinishScreen)
        assert tmux(sock, "list-buffers", "-F", "#{buffer_name}").stdout.split() == ["librarian"]
    finally:
        tmux(sock, "kill-server")

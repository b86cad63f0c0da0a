"""`ydm serve` in a real browser leaves nothing of the patron in the browser's profile or cache, however
the session ends: the inactivity wipe, or the server killed with SIGKILL while the page is open (Finish is
tests/session/test_serve_no_store.py). Headless Chromium with its own profile, scanned afterwards for the
patron's name, postcode and street, and for cached PDFs that name them."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys

import pytest

from .conftest import PATRON, POSTCODE, STREET, scan
from .test_serve import _free_port, _wait_for_port
from .test_serve_no_store import _cached_pdfs_naming_the_patron

pytest.importorskip("textual_serve", reason="textual-serve is not installed (pip install 'ydm[serve]')")


def _serve(fresh_dirs, *extra: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "YDM_TODAY": "2026-03-02"}
    proc = subprocess.Popen([sys.executable, "-m", "ydm", "serve", "--port", str(port), *extra], env=env,
                            cwd=fresh_dirs["cwd"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _wait_for_port(port, proc)
    return proc, f"http://127.0.0.1:{port}/"


async def _download_the_letters(p, downloads) -> None:
    for typed, keys, then in (
        ("", ("Enter",), b"Question 1"), ("", ("Enter",), b"Your name"),
        (PATRON, ("Enter",), b"Your postcode"), (POSTCODE, ("Enter",), b"Your address"),
        (f"{STREET}, Edinburgh", ("Enter",), b"Your email"), ("", ("Enter",), b"Who gets"),
        ("", ("Ctrl+N",), b"How to send"), ("", ("Down", "Down", "Enter"), b"Your letters"),
        ("", ("Ctrl+N",), b"take with you"),
        ("", ("Enter",), b"is downloading"),
    ):
        await p.step(typed, keys, then)
    loop = asyncio.get_running_loop()
    end = loop.time() + 60
    while loop.time() < end and not (downloads / "ydm-letters.pdf").exists():
        await p.page.pump(0.5)


@pytest.mark.parametrize("ending", ["inactivity-wipe", "server-killed"])
def test_the_browser_keeps_nothing_of_the_patron(fresh_dirs, tmp_path, ending):
    from .cdp import chromium_path
    from .cdp_session import run_session

    if chromium_path() is None:
        pytest.skip("chromium is not installed (Debian: apt-get install -y chromium)")
    profile, downloads = tmp_path / "profile", tmp_path / "Downloads"
    profile.mkdir()
    downloads.mkdir()
    proc, url = _serve(fresh_dirs, *(["--timeout", "0.1"] if ending == "inactivity-wipe" else []))  # 6 s

    async def patron(p) -> None:
        await _download_the_letters(p, downloads)
        if ending == "inactivity-wipe":
            await p.until(b"Welcome", limit=90)  # nobody touched it: wiped, back to the start
        else:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            await p.page.pump(1.0)

    try:
        run_session(url, profile=profile, downloads=downloads, script=patron)
    finally:
        if proc.poll() is None:
            proc.terminate()
        proc.wait(timeout=30)
    assert (downloads / "ydm-letters.pdf").exists()  # the session really reached the patron's data
    assert any(profile.rglob("*")) and scan([profile]) == []
    assert _cached_pdfs_naming_the_patron(profile) == []

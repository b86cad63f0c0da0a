"""`ydm serve` keeps the patron's data out of the browser's cache (issue 19 item 2): every reply but
the static fonts and scripts says `Cache-Control: no-store` (and `Pragma: no-cache`), downloads go as
attachments, checked on the real server on 127.0.0.1 driven through its websocket like a tab."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys

import pytest

from .conftest import PATRON, POSTCODE, STREET
from .serve_ws import CTRL_N, DOWN, ENTER, Tab
from .test_serve import _free_port, _wait_for_port

aiohttp = pytest.importorskip("aiohttp", reason="aiohttp comes with textual-serve (pip install 'ydm[serve]')")
pytest.importorskip("textual_serve", reason="textual-serve is not installed (pip install 'ydm[serve]')")


def _no_store(headers) -> bool:
    return "no-store" in headers.get("Cache-Control", "") and headers.get("Pragma") == "no-cache"


@pytest.fixture
def server(fresh_dirs):
    port = _free_port()
    env = {**os.environ, "YDM_TODAY": "2026-03-02"}
    proc = subprocess.Popen([sys.executable, "-m", "ydm", "serve", "--port", str(port)], env=env,
                            cwd=fresh_dirs["cwd"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for_port(port, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


async def _to_the_take_home_choices(tab: Tab) -> None:
    await tab.until("Welcome")
    for keys, then in ((ENTER, "Question 1"), (ENTER, "Your name"), (PATRON + ENTER, "Your postcode"),
                       (POSTCODE + ENTER, "Your address"), (f"{STREET}, Edinburgh" + ENTER, "Your email"),
                       (ENTER, "Who gets"), (CTRL_N, "How to send"), (DOWN + DOWN + ENTER, "Your letters"),
                       (CTRL_N, "take with you")):
        await tab.answer(keys, then)


async def _visit(base: str) -> dict:
    seen: dict = {}
    async with aiohttp.ClientSession() as http:
        page = await http.get(f"{base}/")
        seen["page"] = page.headers
        static = await http.get(f"{base}/static/js/textual.js")
        seen["static"] = static.headers
        missing = await http.get(f"{base}/download/no-such-key")
        seen["missing"] = (missing.status, missing.headers)
        ws = await http.ws_connect(f"{base}/ws?width=100&height=30")
        seen["handshake"] = ws._response.headers
        tab = Tab(http, ws)
        await _to_the_take_home_choices(tab)
        # save the letters (the first choice), then two down: the take-home sheet, then the calendar file
        for n, keys in enumerate((ENTER, DOWN + DOWN + ENTER, DOWN + ENTER), start=1):
            await tab.answer(keys, "is downloading", downloads=n)
        seen["downloads"] = []
        for key in tab.downloads:
            reply = await http.get(f"{base}/download/{key}")
            seen["downloads"].append((reply.status, reply.headers, await reply.read()))
        await ws.close()
    return seen


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def test_every_reply_with_patron_data_is_no_store(server):
    seen = asyncio.run(_visit(server))
    assert _no_store(seen["page"]) and _no_store(seen["handshake"])
    status, headers = seen["missing"]
    assert status == 404 and _no_store(headers)
    names = []
    for status, headers, _body in seen["downloads"]:
        assert status == 200 and _no_store(headers), headers
        assert headers["Content-Disposition"].startswith("attachment; filename=ydm-")
        names.append(headers["Content-Disposition"].partition("filename=")[2])
    assert names == ["ydm-letters.pdf", "ydm-take-home-sheet.pdf", "ydm-due-dates.ics"]
    assert PATRON in _pdf_text(seen["downloads"][0][2])  # the letters: the patron's name, so never cached
    assert "no-store" not in seen["static"].get("Cache-Control", "")  # fonts and scripts may be cached


def test_headless_chromium_keeps_nothing_of_the_patron_after_finish(server, tmp_path):
    """A whole session in a real browser, two PDFs downloaded, Finish: the profile and its cache hold
    no trace of the patron; only the Downloads folder does (Finish says so, and how to clear it)."""
    from .cdp import chromium_path
    from .cdp_session import run_session
    from .conftest import scan

    if chromium_path() is None:
        pytest.skip("chromium is not installed (Debian: apt-get install -y chromium)")
    profile, downloads = tmp_path / "profile", tmp_path / "Downloads"
    profile.mkdir()
    downloads.mkdir()

    async def patron(p) -> None:
        for typed, keys, then in (
            ("", ("Enter",), b"Question 1"), ("", ("Enter",), b"Your name"),
            (PATRON, ("Enter",), b"Your postcode"), (POSTCODE, ("Enter",), b"Your address"),
            (f"{STREET}, Edinburgh", ("Enter",), b"Your email"), ("", ("Enter",), b"Who gets"),
            ("", ("Ctrl+N",), b"How to send"), ("", ("Down", "Down", "Enter"), b"Your letters"),
            ("", ("Ctrl+N",), b"take with you"),
            ("", ("Enter",), b"is downloading"),                      # the letters
            ("", ("Down", "Down", "Enter"), b"is downloading"),      # the take-home sheet
        ):
            await p.step(typed, keys, then)
        loop = asyncio.get_running_loop()
        end = loop.time() + 60
        while loop.time() < end and sorted(f.name for f in downloads.iterdir()) != [
                "ydm-letters.pdf", "ydm-take-home-sheet.pdf"]:
            await p.page.pump(0.5)
        await p.step("", ("Ctrl+N",), b"Before you go")
        await p.step("", ("Ctrl+N",), b"Welcome")                  # Finish and wipe

    run_session(f"{server}/", profile=profile, downloads=downloads, script=patron)
    assert sorted(f.name for f in downloads.iterdir()) == ["ydm-letters.pdf", "ydm-take-home-sheet.pdf"]
    assert PATRON in _pdf_text((downloads / "ydm-letters.pdf").read_bytes())  # the data went through
    assert any(profile.rglob("*")) and scan([profile]) == []
    assert _cached_pdfs_naming_the_patron(profile) == []


def _cached_pdfs_naming_the_patron(folder) -> list[str]:
    """Files holding a PDF after some header of their own (a browser cache entry: the URL first, the
    body after it), whose text names the patron: `scan` reads only files that start with %PDF."""
    found = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        start, end = raw.find(b"%PDF-"), raw.rfind(b"%%EOF")
        if start <= 0 or end < start:
            continue
        try:
            text = _pdf_text(raw[start:end + 5])
        except Exception:  # noqa: BLE001 - a fragment that is no whole PDF: nothing to read
            continue
        if PATRON.casefold() in text.casefold():
            found.append(str(path.relative_to(folder)))
    return found

"""A whole guided session in headless Chromium, typed as a patron would (through the page's own
terminal), with downloads allowed into a folder of the test's: for the residue scan of the browser's
profile and cache after Finish. Builds on `cdp` (same flags, same Page); every wait is bounded.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from .cdp import CHROMIUM_FLAGS, Page, _devtools_url, chromium_path

KEYS = {"Enter": ("Enter", 13, "\r", 0), "Down": ("ArrowDown", 40, "", 0), "Ctrl+N": ("n", 78, "", 2)}


class Patron:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.seen = 0  # websocket bytes already looked at

    async def until(self, want: bytes, limit: float = 60.0) -> None:
        loop = asyncio.get_running_loop()
        end = loop.time() + limit
        while loop.time() < end:
            if want in self.page.frames()[self.seen:]:
                return
            await self.page.pump(0.5)
        raise AssertionError(f"{want!r} did not appear in the browser")

    async def key(self, name: str) -> None:
        key, code, text, modifiers = KEYS[name]
        for kind in ("keyDown", "keyUp"):
            params = {"type": kind, "key": key, "windowsVirtualKeyCode": code, "modifiers": modifiers}
            if text and kind == "keyDown":
                params["text"] = text
            await self.page.call("Input.dispatchKeyEvent", **params)

    async def step(self, typed: str, keys: tuple[str, ...], then: bytes) -> None:
        """Type `typed`, press `keys`, wait for `then` in what the page receives after that."""
        self.seen = len(self.page.frames())
        if typed:
            await self.page.call("Input.insertText", text=typed)
        for name in keys:
            await self.key(name)
        await self.until(then)


async def _session(proc: subprocess.Popen, url: str, downloads: Path, script) -> None:
    import aiohttp

    browser_ws = await asyncio.wait_for(asyncio.to_thread(_devtools_url, proc), timeout=60)
    port = re.search(r":(\d+)/", browser_ws).group(1)
    async with aiohttp.ClientSession() as http:
        async with http.ws_connect(browser_ws, max_msg_size=0) as bws:
            browser = Page(bws)
            await browser.call("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(downloads))
            async with http.get(f"http://127.0.0.1:{port}/json/list") as resp:
                targets = await resp.json(content_type=None)
            page_ws = next(t["webSocketDebuggerUrl"] for t in targets if t.get("type") == "page")
            async with http.ws_connect(page_ws, max_msg_size=0) as ws:
                page = Page(ws)
                await page.call("Network.enable")
                await page.call("Page.enable")
                await page.call("Page.navigate", url=url)
                patron = Patron(page)
                await patron.until(b"Welcome")
                await page.call("Runtime.evaluate",
                                expression="document.querySelector('.xterm-helper-textarea').focus()")
                await script(patron)
            try:  # Chromium may close the connection before it answers
                await asyncio.wait_for(browser.call("Browser.close"), timeout=30)
            except (TimeoutError, TypeError, aiohttp.ClientError):
                pass


def run_session(url: str, *, profile: Path, downloads: Path, script) -> None:
    """Start Chromium with `profile`, run `script(patron)` on `url`, close Chromium (its files flushed)."""
    short_tmp = tempfile.mkdtemp(prefix="ydm-cr-", dir="/tmp")  # the singleton socket path must be short
    env = {**os.environ, "TMPDIR": short_tmp}
    proc = subprocess.Popen([chromium_path(), *CHROMIUM_FLAGS,
                             f"--user-data-dir={profile}", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    try:
        asyncio.run(_session(proc, url, downloads, script))
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(short_tmp, ignore_errors=True)

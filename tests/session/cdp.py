"""A tiny Chrome DevTools Protocol driver for one test: open a page in headless Chromium, collect
what the page's websocket received and which hosts it contacted, take a screenshot.

Uses aiohttp (installed with textual-serve, which the serve test needs anyway). Every wait is
bounded; nothing is asserted on time.
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
import shutil
import subprocess
from pathlib import Path

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--remote-debugging-port=0",
    "--window-size=1000,700",
]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Page:
    def __init__(self, ws) -> None:
        self.ws = ws
        self.next_id = 0
        self.events: list[dict] = []

    async def call(self, method: str, **params):
        self.next_id += 1
        my_id = self.next_id
        await self.ws.send_json({"id": my_id, "method": method, "params": params})
        while True:
            msg = await self.ws.receive_json()
            if msg.get("id") == my_id:
                return msg.get("result", {})
            self.events.append(msg)

    async def pump(self, seconds: float) -> None:
        try:
            while True:
                msg = await asyncio.wait_for(self.ws.receive_json(), timeout=seconds)
                self.events.append(msg)
        except TimeoutError:
            return

    def frames(self) -> bytes:
        """Everything the page's websockets received, decoded (binary frames are base64)."""
        out = b""
        for ev in self.events:
            if ev.get("method") == "Network.webSocketFrameReceived":
                resp = ev["params"]["response"]
                data = resp.get("payloadData", "")
                out += base64.b64decode(data) if resp.get("opcode") == 2 else data.encode()
        return out

    def urls(self) -> list[str]:
        found = []
        for ev in self.events:
            if ev.get("method") == "Network.requestWillBeSent":
                found.append(ev["params"]["request"]["url"])
            elif ev.get("method") == "Network.webSocketCreated":
                found.append(ev["params"]["url"])
        return found


async def visit(proc: subprocess.Popen, url: str, *, want: bytes, screenshot: Path | None = None,
                limit: float = 60.0) -> tuple[bytes, list[str], str]:
    """(websocket bytes received, URLs requested, page title) once `want` arrived or `limit` passed."""
    import aiohttp

    browser_ws = await asyncio.wait_for(asyncio.to_thread(_devtools_url, proc), timeout=limit)
    port = re.search(r":(\d+)/", browser_ws).group(1)
    async with aiohttp.ClientSession() as http:
        async with http.get(f"http://127.0.0.1:{port}/json/list") as resp:
            targets = await resp.json(content_type=None)
        page_ws = next(t["webSocketDebuggerUrl"] for t in targets if t.get("type") == "page")
        async with http.ws_connect(page_ws, max_msg_size=0) as ws:
            page = Page(ws)
            await page.call("Network.enable")
            await page.call("Page.enable")
            await page.call("Page.navigate", url=url)
            loop = asyncio.get_running_loop()
            end = loop.time() + limit
            while want not in page.frames() and loop.time() < end:
                await page.pump(1.0)
            await page.pump(1.0)  # let it paint
            title = (await page.call("Runtime.evaluate", expression="document.title"))["result"].get("value", "")
            if screenshot is not None:
                shot = await page.call("Page.captureScreenshot", format="png")
                screenshot.write_bytes(base64.b64decode(shot["data"]))
            return page.frames(), page.urls(), title


def _devtools_url(proc: subprocess.Popen) -> str:
    seen = []
    for line in proc.stderr:
        found = re.search(r"DevTools listening on (ws://\S+)", line)
        if found:
            return found.group(1)
        seen.append(line.strip())
    raise RuntimeError("chromium did not start its DevTools endpoint: " + " | ".join(seen[-5:]))


def run_visit(url: str, *, user_data_dir: Path, **kwargs):
    """Start Chromium, visit `url` (see `visit`), always stop Chromium again."""
    import os
    import tempfile

    # Chromium's singleton socket path must be short: its own small TMPDIR, not the test's.
    short_tmp = tempfile.mkdtemp(prefix="ydm-cr-", dir="/tmp")
    env = {**os.environ, "TMPDIR": short_tmp}
    proc = subprocess.Popen([chromium_path(), *CHROMIUM_FLAGS, f"--user-data-dir={user_data_dir}", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    try:
        return asyncio.run(visit(proc, url, **kwargs))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(short_tmp, ignore_errors=True)


def pretty(frames: bytes) -> str:
    return json.dumps(frames[:200].decode("utf-8", "replace"))

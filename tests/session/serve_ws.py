"""Drive `ydm serve` as the browser page does, without a browser: its websocket (keys in as "stdin",
the terminal's output back), and plain HTTP for the page and the downloads it announces.

Uses aiohttp (installed with textual-serve). Every wait is bounded; nothing is asserted on time.
"""

from __future__ import annotations

import asyncio
import json
import time

import aiohttp

ENTER, CTRL_N, DOWN = "\r", "\x0e", "\x1b[B"


class Tab:
    """One browser tab's session: `keys`, `until` some words show, `downloads` announced so far."""

    def __init__(self, http: aiohttp.ClientSession, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.http = http
        self.ws = ws
        self.out = bytearray()
        self.downloads: list[str] = []

    async def keys(self, text: str) -> None:
        await self.ws.send_json(["stdin", text])

    async def until(self, text: str, limit: float = 60.0, *, downloads: int = 0) -> None:
        end = time.monotonic() + limit
        while time.monotonic() < end:
            if text.encode() in self.out and len(self.downloads) >= downloads:
                return
            try:
                msg = await asyncio.wait_for(self.ws.receive(), timeout=1)
            except TimeoutError:
                continue
            if msg.type == aiohttp.WSMsgType.BINARY:
                self.out.extend(msg.data)
            elif msg.type == aiohttp.WSMsgType.TEXT:
                data = json.loads(msg.data)
                if data[0] == "deliver_file_start":
                    self.downloads.append(data[1])
            else:
                raise AssertionError(f"the websocket closed while waiting for {text!r}")
        raise AssertionError(f"{text!r} did not appear; last output: {bytes(self.out[-2000:])!r}")

    async def answer(self, text: str, then: str, **kw) -> None:
        """Type `text`, then wait for `then` in what the screen shows after it."""
        self.out.clear()
        await self.keys(text)
        await self.until(then, **kw)

"""Serve the guided session in a browser with textual-serve, using our own page template.

Why our own template: the default one loads a font from a third-party host (a request from the
patron's browser to Google); ours uses the font files that textual-serve ships in its static folder.
The template lives under ydm/ so it is in the wheel. Files reach the patron through
`App.deliver_binary` (a one-time download streamed from the app's memory), never the server's disk.

Why no-store on every reply but the static files: the page, the websocket handshake and above all
the downloads (the letters, with the patron's name and address) must not land in the browser's disk
cache, where the next person (or anyone with the disk) finds them after Finish. `Cache-Control:
no-store` keeps them out of the cache (and the back/forward cache); `Pragma: no-cache` and `Expires:
0` say the same to old HTTP/1.0 caches; downloads also go as attachments, so they are saved, not
shown in a tab that history would reopen. Static fonts and scripts hold nothing of anyone.
"""

from __future__ import annotations

import ipaddress
import shlex
import sys
from pathlib import Path

from ydm.errors import InputError

TEMPLATES_DIR = Path(__file__).resolve().parent / "serve_templates"
NO_STORE = {"Cache-Control": "no-store, no-cache, must-revalidate, private", "Pragma": "no-cache", "Expires": "0"}
PAGE_TITLE = "Your Data Matters"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def session_command(*, printer: str | None = None, timeout_min: float | None = None) -> str:
    """The shell command each browser tab runs: this Python, `-m ydm session`, and the options."""
    parts = [sys.executable, "-P", "-m", "ydm", "session"]  # -P: never a `ydm` folder in the current directory
    if printer:
        parts += ["--printer", printer]
    if timeout_min is not None:
        parts += ["--timeout", f"{timeout_min:g}"]
    return shlex.join(parts)


def make_server(host: str = "127.0.0.1", port: int = 8000, *, printer: str | None = None,
                timeout_min: float | None = None, command: str | None = None):
    """A textual_serve Server over our template and textual-serve's own (local) static files."""
    try:
        import textual_serve
        from textual_serve.server import Server
    except ModuleNotFoundError:
        raise InputError("'ydm serve' needs the optional extra: pip install 'ydm[serve]'") from None
    statics = Path(textual_serve.__file__).resolve().parent / "static"

    class NoStoreServer(Server):
        """textual-serve's server, every reply but /static/ marked no-store (and downloads attachments)."""

        async def _make_app(self):
            app = await super()._make_app()
            app.on_response_prepare.append(_no_store)
            return app

    return NoStoreServer(
        command or session_command(printer=printer, timeout_min=timeout_min),
        host=host,
        port=port,
        title=PAGE_TITLE,
        public_url=f"http://{url_host(host)}:{port}",
        statics_path=statics,
        templates_path=TEMPLATES_DIR,
    )


async def _no_store(request, response) -> None:
    """aiohttp's on_response_prepare: runs for every reply (streamed downloads and errors too),
    before its headers are sent."""
    if request.path.startswith("/static/"):
        return
    response.headers.update(NO_STORE)
    if request.path.startswith("/download/") and response.status == 200:
        disposition = response.headers.get("Content-Disposition", "")
        if not disposition.startswith("attachment"):
            name = disposition.partition("filename=")[2] or "ydm-file"
            response.headers["Content-Disposition"] = f"attachment; filename={name}"

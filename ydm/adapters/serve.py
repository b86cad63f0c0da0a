"""Serve the guided session in a browser with textual-serve, using our own page template.

Why our own template: the default one loads a font from a third-party host (a request from the
patron's browser to Google); ours uses the font files that textual-serve ships in its static folder.
The template lives under ydm/ so it is in the wheel. Files reach the patron through
`App.deliver_binary` (a one-time download streamed from the app's memory), never the server's disk.
"""

from __future__ import annotations

import ipaddress
import shlex
import sys
from pathlib import Path

from ydm.errors import InputError

TEMPLATES_DIR = Path(__file__).resolve().parent / "serve_templates"
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
    parts = [sys.executable, "-m", "ydm", "session"]
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
    return Server(
        command or session_command(printer=printer, timeout_min=timeout_min),
        host=host,
        port=port,
        title=PAGE_TITLE,
        public_url=f"http://{url_host(host)}:{port}",
        statics_path=statics,
        templates_path=TEMPLATES_DIR,
    )

"""`ydm serve`: our own page (no third-party requests), loopback by default, and one real browser run."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ydm.adapters import serve

from .cdp import chromium_path, run_visit
from .conftest import scan


def test_page_template_loads_nothing_from_other_hosts():
    page = (serve.TEMPLATES_DIR / "app_index.html").read_text()
    for url in re.findall(r'(?:href|src)\s*=\s*"([^"]+)"', page) + re.findall(r'url\("([^"]+)"\)', page):
        assert url.startswith("{{ config.static.url }}"), url
    assert "googleapis" not in page and "gstatic" not in page
    assert 'name="referrer" content="no-referrer"' in page


def test_loopback_by_default():
    from ydm.cli import build_parser

    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)
    assert serve.is_loopback("127.0.0.1") and serve.is_loopback("::1") and serve.is_loopback("localhost")
    assert not serve.is_loopback("0.0.0.0") and not serve.is_loopback("192.168.1.5")


def test_each_tab_runs_the_session_command():
    command = serve.session_command(printer="front desk", timeout_min=5)
    assert command.endswith("-m ydm session --printer 'front desk' --timeout 5")
    assert command.startswith(sys.executable)


def test_server_uses_our_template_and_local_fonts():
    pytest.importorskip("textual_serve", reason="textual-serve is not installed (pip install 'ydm[serve]')")
    server = serve.make_server(port=8123)
    assert server.host == "127.0.0.1" and server.public_url == "http://127.0.0.1:8123"
    assert Path(server.templates_path) == serve.TEMPLATES_DIR
    assert (Path(server.statics_path) / "fonts" / "RobotoMono-VariableFont_wght.ttf").exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, proc: subprocess.Popen, limit: float = 30.0) -> None:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise AssertionError(f"ydm serve stopped: {proc.stderr.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("ydm serve did not start listening")


def test_in_headless_chromium_the_welcome_appears(fresh_dirs, tmp_path):
    pytest.importorskip("textual_serve", reason="textual-serve is not installed (pip install 'ydm[serve]')")
    if chromium_path() is None:
        pytest.skip("chromium is not installed (Debian: apt-get install -y chromium)")
    port = _free_port()
    env = {**os.environ, "YDM_TODAY": "2026-03-02"}
    server = subprocess.Popen([sys.executable, "-m", "ydm", "serve", "--port", str(port)], env=env,
                              cwd=fresh_dirs["cwd"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for_port(port, server)
        profile = tmp_path / "chromium-profile"
        profile.mkdir()
        frames, urls, title = run_visit(f"http://127.0.0.1:{port}/", user_data_dir=profile, want=b"Welcome",
                                        screenshot=tmp_path / "browser.png")
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert title == "Your Data Matters"
    assert b"Welcome" in frames and b"Nothing you type is kept" in frames.replace(b"\r\n", b"")
    hosts = {re.match(r"^\w+://([^/]+)", u).group(1) for u in urls if "://" in u and not u.startswith("data:")}
    assert hosts == {f"127.0.0.1:{port}"}  # no font or script from a third-party host
    assert (tmp_path / "browser.png").stat().st_size > 1000
    assert scan(fresh_dirs.values()) == []

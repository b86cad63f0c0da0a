"""Fixtures for the guided-session tests: fixed references and date, a fake `lp`, a trace scanner,
fresh TMPDIR and working directory, SVG snapshots (Option B of style.md §(d))."""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import re
import stat
import sys
import tempfile
from datetime import date
from pathlib import Path

import pytest

from tests.svg_snapshot import SVGScreen, stable_screenshot

TODAY = date(2026, 3, 2)
# Unique strings a patron types: the scan looks for them everywhere afterwards.
PATRON = "Zebulon Quartermaine-Xyst"
POSTCODE = "EH3 9QZ"
STREET = "17 Quillfeather Wynd"


@pytest.fixture(autouse=True)
def _fixed_refs_and_clean_env(monkeypatch):
    """References are random in real life; fixed here so screens and texts compare equal."""
    counter = itertools.count(1)
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

    def ref() -> str:
        n = next(counter)
        return "YDM-" + "".join(alphabet[(n * k) % len(alphabet)] for k in (1, 3, 5, 7, 11))

    monkeypatch.setattr("ydm.letters.render.new_reference", ref)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("YDM_THEME", raising=False)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


@pytest.fixture
def fresh_dirs(tmp_path, monkeypatch, isolated_home):
    """A fresh TMPDIR and working directory, so the trace scan covers everything a run could touch."""
    tmpdir = tmp_path / "tmpdir"
    cwd = tmp_path / "cwd"
    tmpdir.mkdir()
    cwd.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmpdir))
    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    monkeypatch.chdir(cwd)
    return {"home": isolated_home, "tmp": tmpdir, "cwd": cwd}


@pytest.fixture
def fake_lp(tmp_path, monkeypatch):
    """An `lp` on PATH that records its arguments and what arrived on stdin (size and magic only)."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    record = tmp_path / "lp-record"
    record.mkdir()
    script = bindir / "lp"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys, pathlib, json\n"
        "data = sys.stdin.buffer.read()\n"
        f"folder = pathlib.Path({str(record)!r})\n"
        "n = len(list(folder.glob('*.json')))\n"
        "(folder / f'job{n}.json').write_text(json.dumps({'args': sys.argv[1:], 'bytes': len(data),"
        " 'magic': data[:5].decode('latin-1'), 'pdf': data.hex()}))\n"
        "print('request id is LIB-1 (1 file(s))')\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}")

    def jobs() -> list[dict]:
        import json

        return [json.loads(p.read_text()) for p in sorted(record.glob("*.json"))]

    return jobs


def _texts(path: Path) -> list[str]:
    """The text of one file as it could be read back: raw bytes, and for PDFs the extracted text."""
    raw = path.read_bytes()
    texts = [raw.decode("utf-8", "replace"), raw.decode("utf-16", "replace") if len(raw) % 2 == 0 else ""]
    if raw.startswith(b"%PDF"):
        from pypdf import PdfReader

        with contextlib.suppress(Exception):  # an unreadable PDF still gets the raw scan
            texts.append("\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(raw)).pages))
    return texts


def scan(folders, needles=(PATRON, POSTCODE, STREET)) -> list[tuple[str, str]]:
    """(file, needle) for every file under `folders` that contains one of the needles (case-insensitive)."""
    hits = []
    folded = [n.casefold() for n in needles] + [re.sub(r"\s", "", n).casefold() for n in needles]
    for folder in folders:
        for root, _dirs, files in os.walk(folder):
            for name in files:
                path = Path(root) / name
                try:
                    texts = [t.casefold() for t in _texts(path)]
                except OSError:
                    continue
                for needle in folded:
                    if any(needle in t for t in texts):
                        hits.append((str(path), needle))
                        break
    return hits


@pytest.fixture
def screen_snapshot(snapshot):
    svg = snapshot.use_extension(SVGScreen)

    async def take(pilot, name: str) -> bool:
        from textual.widgets import Input

        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        shot = await stable_screenshot(pilot)
        debug_dir = os.environ.get("YDM_SNAPSHOT_DEBUG")  # keep what was seen, to compare by eye
        if debug_dir:
            Path(debug_dir, f"{name}.svg").write_text(shot)
        return svg(name=name) == shot

    return take


class FakeClock:
    """A monotonic clock the test moves by hand: inactivity without waiting."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def make_app(clock):
    from ydm.session.flow import SessionConfig
    from ydm.tui.session_app import SessionApp

    def factory(config: SessionConfig | None = None, **kw):
        kw.setdefault("lookup", lambda postcode: None)
        return SessionApp(config or SessionConfig(), today=TODAY, theme="textual-dark", clock=clock,
                          tick_seconds=3600, **kw)

    return factory

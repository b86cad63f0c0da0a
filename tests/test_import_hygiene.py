"""The core and the CLI never load Textual; the letter and deadline paths never load requests or keyring.

Runs in subprocesses because pytest itself has imported plenty by the time a test runs. New modules
are covered automatically (default deny).
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import ydm

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(
    m.name for m in pkgutil.walk_packages(ydm.__path__, "ydm.")
    if not m.name.startswith("ydm.tui") and m.name not in ("ydm.__main__", "ydm.adapters.serve")
)


def loaded_after(code: str, env_home: Path) -> set[str]:
    probe = code + "\nimport sys, json; print(json.dumps(sorted(m.split('.')[0] for m in sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(env_home), "YDM_HOME": str(env_home),
                               "YDM_TODAY": "2026-11-26", "PYTHONDONTWRITEBYTECODE": "1"})
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("module", MODULES)
def test_no_textual_outside_the_tui(module, tmp_path):
    assert "textual" not in loaded_after(f"import {module}", tmp_path)


def test_letter_path_is_light(tmp_path):
    me = ROOT / "examples" / "me.toml"
    code = ("import io, contextlib\nfrom ydm.cli import main\nwith contextlib.redirect_stdout(io.StringIO()):\n"
            f"    assert main(['letter', 'access', '--to', 'libdems', '--me', {str(me)!r}]) == 0")
    loaded = loaded_after(code, tmp_path)
    assert not loaded & {"textual", "requests", "keyring", "fpdf", "cryptography", "icalendar", "rich"}


def test_deadline_path_is_light(tmp_path):
    code = ("import io, contextlib\nfrom ydm.cli import main\nwith contextlib.redirect_stdout(io.StringIO()):\n"
            "    assert main(['deadline', '--received', '2026-11-22']) == 0")
    loaded = loaded_after(code, tmp_path)
    assert not loaded & {"textual", "requests", "keyring", "fpdf", "cryptography", "icalendar", "rich", "jinja2"}


def modules_after(argv: list[str], env_home: Path) -> set[str]:
    """Every module (full dotted names) loaded once `ydm ARGV` has run, in a fresh interpreter."""
    code = ("import io, contextlib\nfrom ydm.cli import main\nwith contextlib.redirect_stdout(io.StringIO()):\n"
            f"    assert main({argv!r}) == 0\nimport sys, json; print(json.dumps(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(env_home), "YDM_HOME": str(env_home),
                               "YDM_TODAY": "2026-11-26", "PYTHONDONTWRITEBYTECODE": "1"})
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def _under(loaded: set[str], prefixes: tuple[str, ...]) -> set[str]:
    return {m for m in loaded if m in prefixes or m.startswith(tuple(p + "." for p in prefixes))}


# What a one-shot letter never needs: the tracker and the store (it records nothing), the other commands'
# modules, the public registers (only for an `ico:`/`ec:` recipient), mail and TLS (only `ydm send`),
# the PDF writer (only --format pdf) and the deadline engine (a letter states no due date).
NOT_FOR_A_LETTER = ("ydm.tracker", "ydm.store", "ydm.service.sending", "ydm.service.requests",
                    "ydm.service.registers", "ydm.orgs.registers", "ydm.adapters", "ydm.law.deadlines",
                    "ydm.law.escalation", "ydm.letters.formats.pdf", "ydm.letters.formats.eml",
                    "ydm.cli.cmd_requests", "ydm.cli.cmd_send", "ydm.cli.cmd_orgs", "ydm.cli.cmd_deadline",
                    "fpdf", "fontTools", "PIL", "sqlite3", "email", "smtplib", "ssl", "socket", "difflib", "calendar")


def test_a_letter_loads_only_what_it_needs(tmp_path):
    me = str(ROOT / "examples" / "me.toml")
    loaded = modules_after(["letter", "access", "--to", "libdems", "--me", me], tmp_path)
    assert "jinja2" in loaded and "ydm.letters.render" in loaded  # the probe saw the letter written
    assert _under(loaded, NOT_FOR_A_LETTER) == set()


def test_a_pdf_letter_loads_the_pdf_writer_but_not_the_tracker(tmp_path):
    me = str(ROOT / "examples" / "me.toml")
    loaded = modules_after(["letter", "access", "--to", "libdems", "--me", me, "--format", "pdf",
                            "-o", str(tmp_path / "l.pdf")], tmp_path)
    assert "fpdf" in loaded
    # fpdf without Pillow, cryptography and unittest.mock (images, signing: ydm.letters.formats.fpdf_import)
    assert _under(loaded, ("ydm.tracker", "ydm.store", "ydm.service.sending", "sqlite3", "PIL", "cryptography",
                           "unittest", "asyncio")) == set()


def test_what_fpdf_was_imported_without_still_imports_afterwards(tmp_path):
    """The store's cryptography (and Pillow, unittest.mock) load as usual after a PDF was drawn."""
    me = str(ROOT / "examples" / "me.toml")
    code = ("import io, contextlib\nfrom ydm.cli import main\nwith contextlib.redirect_stdout(io.StringIO()):\n"
            f"    assert main(['letter', 'access', '--to', 'libdems', '--me', {me!r}, '--format', 'pdf', "
            f"'-o', {str(tmp_path / 'l.pdf')!r}]) == 0\n"
            "from cryptography.hazmat.primitives.ciphers.aead import AESGCM\nimport PIL.Image, unittest.mock\n"
            "assert AESGCM(bytes(32)).decrypt(bytes(12), AESGCM(bytes(32)).encrypt(bytes(12), b'x', None), None) == b'x'\n"
            "assert unittest.mock.patch.__module__ == 'unittest.mock'\nprint('ok')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "YDM_HOME": str(tmp_path),
                               "YDM_TODAY": "2026-11-26", "PYTHONDONTWRITEBYTECODE": "1"})
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr
    assert (tmp_path / "l.pdf").read_bytes().startswith(b"%PDF-")


def test_deadline_and_orgs_load_no_letter_engine_and_no_tracker(tmp_path):
    deadline = modules_after(["deadline", "--sent", "2026-11-02", "--via", "email"], tmp_path)
    assert "ydm.law.deadlines" in deadline
    assert _under(deadline, ("jinja2", "ydm.letters", "ydm.orgs", "ydm.tracker", "ydm.store", "ydm.cli.cmd_letter",
                             "ydm.cli.cmd_requests", "email", "sqlite3")) == set()
    orgs = modules_after(["orgs"], tmp_path)
    assert "ydm.orgs.contacts" in orgs
    assert _under(orgs, ("jinja2", "ydm.letters", "ydm.tracker", "ydm.store", "ydm.cli.cmd_letter",
                         "ydm.cli.cmd_requests", "ydm.law.deadlines", "email", "ssl")) == set()


def test_the_app_alone_registers_no_command(tmp_path):
    """`ydm` with no arguments opens the app: none of the thirteen commands is imported to parse that."""
    code = ("import ydm.cli as cli\ncli._run_tui = lambda: 0  # the app itself is not what this checks\n"
            "assert cli.main([]) == 0\nimport sys, json; print(json.dumps(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "YDM_HOME": str(tmp_path),
                               "PYTHONDONTWRITEBYTECODE": "1"})
    assert done.returncode == 0, done.stderr
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert _under(loaded, ("ydm.cli.cmd_letter", "ydm.cli.cmd_requests", "ydm.service", "ydm.tracker")) == set()

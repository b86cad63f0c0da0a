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

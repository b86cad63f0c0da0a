"""The small parent of `ydm session` starts the session from the installed ydm, never from a `ydm`
folder in the current directory: `python -m ydm` put the current directory first on the import path,
so a librarian who started the session from a folder holding a `ydm` package (a checkout, or a USB
stick a patron had left one on) ran that code, with the patron's typing, instead of the session."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from .test_plain_clears_the_terminal import _env
from .tmux import Pane, tmux_path

pytestmark = pytest.mark.skipif(tmux_path() is None, reason="tmux is not installed (apt-get install -y tmux)")


def test_a_ydm_folder_in_the_current_directory_is_not_run(fresh_dirs, tmp_path):
    script = Path(sys.executable).with_name("ydm")  # the console script: its own folder on the path, not cwd
    if not script.exists():
        pytest.skip("no ydm console script beside this Python")
    folder = tmp_path / "stick"
    (folder / "ydm").mkdir(parents=True)
    (folder / "ydm" / "__init__.py").write_text("")
    (folder / "ydm" / "__main__.py").write_text("print('PLANTED CODE RAN')\n")
    run = f"cd {shlex.quote(str(folder))} && exec {shlex.quote(str(script))} session --plain"
    p = Pane(tmp_path, ["sh", "-c", run], _env(fresh_dirs))
    try:
        seen = p.wait_for("\n> ")
        assert "PLANTED CODE RAN" not in seen
        assert "Press Enter to start" in seen
        p.type("q")
        assert "EXITED 0" in p.wait_for("EXITED")
    finally:
        p.close()

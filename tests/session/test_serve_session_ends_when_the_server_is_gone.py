"""A browser tab's session process ends (after the wipe) when `ydm serve` is gone: killed with SIGKILL,
the server left each tab's `ydm session` running, orphaned, with the patron's answers in memory,
because Textual's web driver stops reading at the end of its input and never tells the app. Here the
session runs under the web driver as the server starts it, and its input is closed as a dying server's
is."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from .test_plain_clears_the_terminal import _env


def test_the_session_exits_when_its_input_ends(fresh_dirs, tmp_path):
    out = tmp_path / "out"
    env = {**_env(fresh_dirs), "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
           "TEXTUAL_ANIMATIONS": "none", "COLUMNS": "80", "LINES": "24"}
    with out.open("wb") as sink:
        proc = subprocess.Popen([sys.executable, "-P", "-m", "ydm", "session"], stdin=subprocess.PIPE,
                                stdout=sink, stderr=subprocess.STDOUT, env=env, cwd=tmp_path)
        try:
            end = time.monotonic() + 60
            while time.monotonic() < end and b"Welcome" not in out.read_bytes():  # bounded: drawn
                time.sleep(0.2)
            assert proc.poll() is None, out.read_bytes()[-2000:]
            proc.stdin.close()                        # the server is gone: the pipe's other end closed
            try:
                code = proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                code = None
            assert code is not None, "the session was still running after its input ended"
        finally:
            if proc.poll() is None:
                os.kill(proc.pid, 9)
                proc.wait()

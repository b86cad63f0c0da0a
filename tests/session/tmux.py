"""A real terminal for tests: a private tmux server (its own socket under the test's folder), one
pane running a command, keys sent as a person types them, and the pane's whole history read back.

tmux keeps the scrollback like any terminal emulator and honours the same clearing sequences, so
"what could the next person scroll back to" is `history()`. Every wait is bounded; nothing is
asserted on time.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import time
from pathlib import Path


def tmux_path() -> str | None:
    return shutil.which("tmux")


class Pane:
    def __init__(self, folder: Path, command: list[str], env: dict[str, str], *, width: int = 100,
                 height: int = 30) -> None:
        self.socket = str(folder / "tmux.sock")
        script = folder / "pane.sh"
        exports = "".join(f"export {k}={shlex.quote(v)}\n" for k, v in env.items())
        # After the command: say how it ended and the terminal's line settings, then keep the pane open
        # so its history can be read.
        # `trap true INT`: like an interactive shell, Ctrl+C stops the command, not the pane (a trap, not
        # an ignore, so the command gets the default SIGINT).
        script.write_text(f"trap true INT\n{exports}{shlex.join(command)}\necho \"EXITED $?\"\nstty -a | tr '\\n' ' '\n"
                          "echo\nexec sleep 3600\n")
        self._tmux("-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", str(width), "-y", str(height),
                   f"sh {shlex.quote(str(script))}")
        self._tmux("set-option", "-t", "t", "history-limit", "5000")

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-S", self.socket, *args], capture_output=True, text=True, timeout=30,
                              check=False)
        if done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def type(self, text: str, enter: bool = True) -> None:
        if text:
            self._tmux("send-keys", "-t", "t", "-l", text)
        if enter:
            self._tmux("send-keys", "-t", "t", "Enter")

    def key(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", "t", *keys)

    def screen(self) -> str:
        """What is on the screen now (wrapped lines joined)."""
        return self._tmux("capture-pane", "-p", "-J", "-t", "t")

    def history(self) -> str:
        """The screen and all the scrollback above it: everything someone could scroll back to."""
        return self._tmux("capture-pane", "-p", "-J", "-S", "-", "-E", "-", "-t", "t")

    def flag(self, name: str) -> str:
        """A tmux format variable of the pane: alternate_on, mouse_any_flag, cursor_flag, pane_pid."""
        return self._tmux("display-message", "-p", "-t", "t", f"#{{{name}}}").strip()

    def wait_for(self, text: str, limit: float = 60.0, *, count: int = 1) -> str:
        """Wait (bounded) until `text` shows `count` times in the history; the history then."""
        end = time.monotonic() + limit
        seen = ""
        while time.monotonic() < end:
            seen = self.history()
            if seen.count(text) >= count:
                return seen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} did not appear; the pane shows:\n{seen}")

    def processes(self) -> list[int]:
        """The pane's processes below its shell: [the command, its child, ...] (first child each time)."""
        found: list[int] = []
        pid = int(self.flag("pane_pid"))
        while True:
            try:
                kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            except OSError:
                return found
            if not kids:
                return found
            pid = int(kids[0])
            found.append(pid)

    def close(self) -> None:
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], capture_output=True, timeout=30, check=False)

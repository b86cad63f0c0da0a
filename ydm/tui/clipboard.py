"""Forgetting what a patron copied: tmux's paste buffers.

The guided session copies with OSC 52 and, at Finish or a wipe, overwrites the clipboard with a space
(SessionApp.clear_clipboard). Inside tmux with `set-clipboard on`, each copy also became a tmux paste
buffer, and the overwrite only adds a newer one: the letter stayed in `tmux choose-buffer` for the
next patron. So, in tmux, the buffers holding exactly what this session copied are deleted (and no
others: the librarian's own buffers stay).
"""

from __future__ import annotations

import os
import shutil
import subprocess


def forget_in_tmux(copied: list[str]) -> int:
    """Delete the tmux paste buffers whose text is one of `copied`; how many. 0 outside tmux."""
    tmux = shutil.which("tmux")
    if not (copied and tmux and os.environ.get("TMUX")):
        return 0

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([tmux, *args], capture_output=True, timeout=5, check=False)

    wanted = {text.encode("utf-8") for text in copied}
    deleted = 0
    try:
        names = run("list-buffers", "-F", "#{buffer_name}").stdout.decode("utf-8", "replace").split()
        for name in names:
            if run("show-buffer", "-b", name).stdout in wanted and run("delete-buffer", "-b", name).returncode == 0:
                deleted += 1
    except (OSError, subprocess.SubprocessError):  # tmux gone or stuck: the OSC 52 overwrite still stands
        return deleted
    return deleted

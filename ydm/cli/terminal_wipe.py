"""Clearing the terminal a guided session ran in: the screen AND its scrollback, so the next person
at the library computer cannot scroll up to the last patron's name and address.

Why three sequences, in this order: ESC[H ESC[2J homes the cursor and erases the screen, but VTE
(GNOME Terminal, Xfce Terminal), Konsole and tmux push the erased lines into the scrollback; ESC[3J
(xterm's "erase saved lines", ncurses' E3, what `clear` sends) then empties the scrollback itself.
Honoured by xterm, VTE, Konsole, tmux (checked in tests with a real tmux), PuTTY, Alacritty, kitty,
WezTerm, iTerm2 (unless "Prevent CSI 3 J" is ticked), Terminal.app, Windows Terminal and the Linux
console; not by GNU screen, whose own scrollback stays. Inside tmux we also ask tmux itself
(`tmux clear-history`) in case an old tmux ignores ESC[3J. Not RIS (ESC c) at a wipe: it resets far
more than the screen and clears no scrollback in xterm or tmux; it is sent only after a session died
(`restore`), where it undoes whatever modes it left on.

Only written to a real terminal (through `output.terminal_control`): a pipe, a file or a braille
display's log gets no escape codes, and the dialogue itself never carries any (screen readers would
read them out).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Callable

from ydm.cli import output

CLEAR = "\x1b[H\x1b[2J\x1b[3J"
RIS = "\x1bc"

# What a full-screen app may have left on when it died without tidying up (Textual's Linux driver
# turns these on): mouse reporting, focus events, bracketed paste, the kitty keyboard protocol,
# in-band resize, the alternate screen, a hidden cursor, colours.
RESTORE = ("\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1005l\x1b[?1006l\x1b[?1015l\x1b[?1016l"
           "\x1b[?1004l\x1b[?2004l\x1b[?2048l\x1b[<u\x1b[?1049l\x1b[?7h\x1b[?25h\x1b[0m")

# For the librarian, in the --plain welcome and the README (the same words).
WHICH_TERMINALS = ("For the librarian: at every wipe this window's screen and scrollback are cleared. "
                   "xterm, GNOME Terminal, Konsole, tmux, PuTTY and most modern terminals honour this; "
                   "GNU screen does not. Close the window after each patron to be sure.")


def clear(*, run: Callable[..., object] = subprocess.run) -> bool:
    """Clear the screen and scrollback of the terminal on stdout; False if stdout is not one."""
    if not output.terminal_control(CLEAR):
        return False
    _tmux_clear_history(run)
    return True


def restore_modes(fd: int, *, modes: list | None = None, run: Callable[..., object] = subprocess.run) -> None:
    """Put the terminal back as it was: the modes in RESTORE, then its line settings on `fd` (`modes`
    from `saved_modes`, else `stty sane`)."""
    if not output.terminal_control(RESTORE):
        return
    if not _set_modes(fd, modes) and shutil.which("stty"):
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            run(["stty", "sane"], stdin=fd, check=False, timeout=5)


def restore(fd: int, *, modes: list | None = None, run: Callable[..., object] = subprocess.run) -> None:
    """After a session that did not end normally: a full reset (RIS, ESC c: whatever modes it left on,
    including ones not in RESTORE), `restore_modes`, then clear the screen and scrollback (`clear`;
    RIS alone leaves the scrollback in xterm and tmux)."""
    if not output.terminal_control(RIS):
        return
    restore_modes(fd, modes=modes, run=run)
    clear(run=run)


def saved_modes(fd: int) -> list | None:
    """The terminal's line settings now (echo, line editing), to put back after the child; None if none."""
    try:
        import termios
    except ImportError:
        return None
    try:
        return termios.tcgetattr(fd)
    except (termios.error, OSError, ValueError):
        return None


def _set_modes(fd: int, modes: list | None) -> bool:
    if modes is None:
        return False
    try:
        import termios
    except ImportError:
        return False
    try:
        termios.tcsetattr(fd, termios.TCSANOW, modes)
    except (termios.error, OSError, ValueError):
        return False
    return True


def _tmux_clear_history(run: Callable[..., object]) -> None:
    pane = os.environ.get("TMUX_PANE")
    tmux = shutil.which("tmux")
    if not (os.environ.get("TMUX") and pane and tmux):
        return
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        run([tmux, "clear-history", "-t", pane], check=False, timeout=5,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

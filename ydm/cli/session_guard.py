"""A small parent process for `ydm session` at a terminal, so that whatever happens to the session
(kill -9, a crash, the out-of-memory killer) the next person at the library computer finds a
working terminal and nothing of the patron on it.

Why a parent: a process killed with SIGKILL cannot tidy up, and the Textual session leaves its last
screen (the patron's name and address) on display with mouse reporting on until someone types
`reset`; a crash prints a traceback with local values. The parent holds no patron data: it saves
the terminal's line settings, runs the real session as a child (same terminal, same process group,
so keys and Ctrl+C reach it as before), waits, then puts the terminal back (mouse off, main screen,
cursor shown, line settings restored) and, unless the session ended normally, clears the screen
and scrollback (`terminal_wipe`). SIGTERM and SIGHUP sent to the parent are passed on to the child.

Only at a real terminal on POSIX: under `ydm serve` (pipes) or in tests with a script on stdin, the
session runs in-process as before. The child knows it is the child by `YDM_SESSION_GUARDED=1`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from ydm.cli import terminal_wipe

GUARD_ENV = "YDM_SESSION_GUARDED"


def wanted() -> bool:
    """Guard this run? At a terminal on POSIX, and not already the guarded child."""
    if os.name != "posix" or os.environ.get(GUARD_ENV) == "1":
        return False
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


def child_argv(args) -> list[str]:
    """`ydm session ...` again, from the parsed options (the CLI may have been called with any argv)."""
    argv = ["session"]
    if args.plain:
        argv.append("--plain")
    for flag, value in (("--printer", args.printer), ("--timeout", args.timeout),
                        ("--export-dir", args.export_dir), ("--envelope", args.envelope)):
        if value is not None:
            argv += [flag, f"{value:g}" if isinstance(value, float) else str(value)]
    return argv


def run_guarded(argv: list[str]) -> int:
    """Run `python -m ydm ARGV` as the child; afterwards restore (and if need be clear) the terminal."""
    fd = sys.stdin.fileno()  # the line settings belong to the terminal the keys come from
    modes = terminal_wipe.saved_modes(fd)
    sys.stdout.flush()
    # -P: the installed ydm, never a `ydm` folder in the current directory (`-m` would put it first).
    child = subprocess.Popen([sys.executable, "-P", "-m", "ydm", *argv], env={**os.environ, GUARD_ENV: "1"})

    def pass_on(signum, _frame) -> None:
        if child.poll() is None:
            child.send_signal(signum)

    def ignore(_signum, _frame) -> None:  # the child got the same key from the terminal
        return None

    # Handlers, not SIG_IGN: an ignored SIGINT would be inherited by later children, and these are set
    # only after the child started (it gets the defaults, so Ctrl+C in --plain still stops it).
    previous = {s: signal.signal(s, h) for s, h in ((signal.SIGTERM, pass_on), (signal.SIGHUP, pass_on),
                                                    (signal.SIGINT, ignore), (signal.SIGQUIT, ignore))}
    try:
        code = child.wait()
    finally:
        for s, h in previous.items():
            signal.signal(s, h)
    if code == 0:
        terminal_wipe.restore_modes(fd, modes=modes)
        return 0
    terminal_wipe.restore(fd, modes=modes)
    try:
        return _said_how_it_ended(code)
    except OSError:  # the window was closed (SIGHUP): nobody to tell
        return 128 - code if code < 0 else code


def _said_how_it_ended(code: int) -> int:
    from ydm.cli import output

    if code == 130:
        output.note("Stopped. Everything was wiped.")
        return 130
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        output.error(f"the session was stopped ({name}); the terminal was reset and cleared, and nothing the "
                     "patron typed was kept")
        return 128 - code
    output.error(f"the session ended with an error (exit code {code}); the terminal was cleared, and nothing "
                 "the patron typed was kept")
    return code

"""Printing and saving for the guided session: the PDF bytes go to `lp` on its standard input (no temp
file, no personal data in the job title), and a saved file goes only into the librarian's export
folder, under a new name rather than over another patron's file. Split from `takehome` (what the
patron takes home) because these are the two places where a session touches the computer.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from ydm.errors import InputError, OutputError

Runner = Callable[..., subprocess.CompletedProcess]


def print_pdf(data: bytes, printer: str, *, title: str = "ydm letters", run: Runner = subprocess.run) -> None:
    """Send PDF bytes to `lp -d PRINTER` through stdin: no temp file, no name in the job title."""
    lp = shutil.which("lp")
    if lp is None:
        raise OutputError("printing needs the 'lp' command (CUPS), which is not installed here")
    try:
        done = run([lp, "-d", printer, "-t", title, "-"], input=data, capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        raise OutputError(f"the printer '{printer}' did not answer within a minute") from None
    except OSError as exc:
        raise OutputError(f"could not start the printing command: {exc.strerror or exc}") from None
    if done.returncode != 0:
        reason = (done.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        raise OutputError(f"the printer '{printer}' refused the job" + (f": {reason[-1]}" if reason else ""))


def save_to(folder: Path, name: str, data: bytes) -> Path:
    """Write one file into the librarian's export folder (never elsewhere); a new name if it exists."""
    if folder is None:
        raise InputError("no folder for files was set up (ask the librarian: ydm session --export-dir)")
    folder = Path(folder)
    if os.sep in name or name.startswith("."):
        raise InputError(f"'{name}' is not a plain file name")
    target = folder / name
    stem, suffix = os.path.splitext(name)
    n = 2
    while target.exists():
        target = folder / f"{stem}-{n}{suffix}"
        n += 1
    try:  # O_EXCL: never over another patron's file; 0600 like every CLI export (ydm.fileio.atomic_write)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), 0o600)  # whatever the umask or the folder's default ACL says
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise OutputError(f"could not save {target.name} in {folder}: {exc.strerror or exc}") from None
    return target



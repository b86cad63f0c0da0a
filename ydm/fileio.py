"""Atomic file writes: a reader (or a crash) sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ydm.errors import OutputError


def write_temp(path: Path, data: bytes, mode: int = 0o600) -> str:
    """Write `data` to a new temporary file in `path`'s folder (fsynced, `mode`), and return its name.

    The first half of `atomic_write`, for callers that put several files in place together
    (cli/staging.py). On failure nothing is left behind and OutputError says why.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write in {folder}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
    except OSError as exc:
        _unlink_quietly(tmp)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    return tmp


def atomic_write(path: Path, data: bytes, mode: int = 0o600) -> Path:
    """Write `data` to `path` via a temp file in the same folder, fsync, then rename over it.

    Files are created readable by the user only (0600): letters and exports hold personal data.
    """
    path = Path(path)
    tmp = write_temp(path, data, mode)
    try:
        os.replace(tmp, path)
    except OSError as exc:
        _unlink_quietly(tmp)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


def _unlink_quietly(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass

"""Write several output files all-or-nothing: stage each next to its place, then put them all in place.

`ydm letter -o` writes one file per letter and may record the letters in the store between the two
steps (see cmd_letter): staging can fail (a full disk, a folder we may not write) without leaving
any file behind, and putting a staged file in place is a rename in the same folder, which does not
fail for want of space.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from ydm.errors import OutputError


class Staged:
    """Files written to temporary names; `commit()` renames them into place, `discard()` removes them."""

    def __init__(self) -> None:
        self._pending: list[tuple[str, Path]] = []

    def add(self, path: Path, data: bytes, mode: int = 0o600) -> None:
        """Write `data` (fsynced, readable by the user only) to a temporary file in `path`'s folder."""
        path = Path(path)
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise OutputError(f"cannot write {path}: folder {folder} does not exist")
        if path.is_dir():
            raise OutputError(f"cannot write {path}: it is a folder (end it with / to write one file per letter)")
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise OutputError(f"cannot write in {folder}: {exc.strerror or exc}") from None
        self._pending.append((tmp, path))
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, mode)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None

    def commit(self) -> list[Path]:
        """Put every staged file in place (atomic rename each); on a failure the rest are discarded."""
        done: list[Path] = []
        try:
            while self._pending:
                tmp, path = self._pending[0]
                os.replace(tmp, path)
                self._pending.pop(0)
                done.append(path)
        except OSError as exc:
            self.discard()
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        return done

    def discard(self) -> None:
        for tmp, _ in self._pending:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        self._pending.clear()

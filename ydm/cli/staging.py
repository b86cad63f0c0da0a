"""Write several output files all-or-nothing: stage each next to its place, then put them all in place.

`ydm letter -o` writes one file per letter and may record the letters in the store between the two
steps (see cmd_letter): staging can fail (a full disk, a folder we may not write) without leaving
any file behind, and putting a staged file in place is a rename in the same folder, which does not
fail for want of space.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from ydm.errors import OutputError
from ydm.fileio import write_temp


class Staged:
    """Files written to temporary names; `commit()` renames them into place, `discard()` removes them."""

    def __init__(self) -> None:
        self._pending: list[tuple[str, Path]] = []

    def add(self, path: Path, data: bytes, mode: int = 0o600) -> None:
        """Write `data` (fsynced, readable by the user only) to a temporary file in `path`'s folder."""
        path = Path(path)
        if path.is_dir():
            raise OutputError(f"cannot write {path}: it is a folder (end it with / to write one file per letter)")
        self._pending.append((write_temp(path, data, mode), path))

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

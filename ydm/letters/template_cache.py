"""The compiled-template cache, trusted only when no one else could have written it.

jinja2's FileSystemBytecodeCache unpickles and unmarshals whatever files are in its folder: code that
runs in ydm. Given a folder someone else can write (a world-writable cache made under umask 000, a
folder owned by another account), a stranger's file would become ydm's code (issue 18 item 9). So:

- the folder is used only when it is a real folder (not a link), owned by this user and closed to
  group and others; a folder of ours left open is closed (0700) and emptied first, since anything in
  it may have been put there; a folder of someone else's is not used at all (templates compile
  each run instead: a few milliseconds);
- each entry is opened without following links and loaded only when it is a regular file owned by
  this user that no one else may write;
- entries are written 0600 through a temporary file (never readable half-written).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

_NOT_OURS = 0o077  # group or others may read, write or enter: not a cache to run code from


def _uid() -> int | None:
    """This user's id; None where there is none (Windows: the profile folder's ACL guards the cache)."""
    return os.geteuid() if hasattr(os, "geteuid") else None


def _ours(st: os.stat_result) -> bool:
    return _uid() is None or (st.st_uid == _uid() and not st.st_mode & _NOT_OURS)


def trusted_folder(folder: Path) -> bool:
    """True when `folder` can hold code for ydm: made if missing (0700), closed and emptied if it is
    ours but open to others, refused if it is a link or someone else's."""
    from ydm.fileio import private_dir

    try:
        private_dir(folder)
        st = os.lstat(folder)
        if not stat.S_ISDIR(st.st_mode) or (_uid() is not None and st.st_uid != _uid()):
            return False
        if _uid() is not None and st.st_mode & _NOT_OURS:
            os.chmod(folder, 0o700)
            for entry in os.scandir(folder):
                if entry.name.endswith(".cache") or entry.name.endswith(".tmp"):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
        return _ours(os.lstat(folder))
    except OSError:
        return False


class VerifiedBytecodeCache(jinja2.FileSystemBytecodeCache):
    """FileSystemBytecodeCache that loads only entries this user alone could have written."""

    def load_bytecode(self, bucket: Bucket) -> None:
        name = self._get_cache_filename(bucket)
        try:
            fd = os.open(name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return
        with os.fdopen(fd, "rb") as handle:
            st = os.fstat(handle.fileno())
            if not stat.S_ISREG(st.st_mode) or not _ours(st):
                return  # compiled afresh, and the entry replaced by ours on dump
            bucket.load_bytecode(handle)

    def dump_bytecode(self, bucket: Bucket) -> None:
        name = self._get_cache_filename(bucket)
        try:
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(name), prefix=".ydm-", suffix=".tmp")  # 0600
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                bucket.write_bytecode(handle)
            os.replace(tmp, name)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def bytecode_cache(folder: Path) -> VerifiedBytecodeCache | None:
    """The cache over `folder`, or None (no cache) when the folder cannot be trusted."""
    return VerifiedBytecodeCache(str(folder)) if trusted_folder(folder) else None

"""Files in and out, the safe way, in one place for every face.

Atomic writes (a reader, or a crash, sees the old file or the new one, never half of one); the check
of an output path (never onto ydm's own files, never onto a device or a folder); input files read with
a size limit; folders made 0700 whatever the umask.
"""

from __future__ import annotations

import os
import stat
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


# --- folders ydm makes ---------------------------------------------------------------------------


def private_dir(path: Path) -> Path:
    """Make `path` and any missing parents, each readable by the user only (0700), whatever the umask.

    `mkdir(mode=0o700, parents=True)` is not enough: the parents get the umask's mode, and the mode
    itself is masked. Folders that exist already are left as they are (they are not ydm's to change).
    """
    path = Path(path)
    missing = []
    here = path
    while not here.exists() and here != here.parent:
        missing.append(here)
        here = here.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            if not folder.is_dir():
                raise
            continue  # another process made it meanwhile
        os.chmod(folder, 0o700)
    return path


# --- files ydm reads -------------------------------------------------------------------------------

MAX_TEXT_FILE = 1 << 20  # a person's own words, a profile: far more than any letter needs
MAX_EXPORT_FILE = 512 << 20  # a JSON backup with every letter and reply file (base64) of years of requests


def read_limited(name: str | Path, *, limit: int, what: str) -> bytes:
    """The bytes of an input file, at most `limit` of them: `/dev/zero`, a FIFO that never ends or a
    file pasted by mistake stops with a DataError instead of filling the memory. Errors say in plain
    words what is wrong (NotFoundError for a missing file)."""
    from ydm.errors import DataError, NotFoundError

    try:
        with open(name, "rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise NotFoundError(f"no such file: {name}") from None
    except IsADirectoryError:
        raise DataError(f"cannot read {what} {name}: it is a folder, not a file") from None
    except PermissionError:
        raise DataError(f"cannot read {what} {name}: permission denied") from None
    except OSError as exc:
        raise DataError(f"cannot read {what} {name}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise DataError(f"{what} {name} is too large (more than {_size(limit)}): is it the right file?")
    return data


def read_text_limited(name: str | Path, *, limit: int = MAX_TEXT_FILE, what: str = "the file") -> str:
    """`read_limited` decoded as UTF-8 (a DataError when it is not text)."""
    from ydm.errors import DataError

    data = read_limited(name, limit=limit, what=what)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError(f"{what} {name} is not UTF-8 text") from None


def read_toml(name: str | Path, *, what: str = "the settings file", limit: int = MAX_TEXT_FILE) -> dict:
    """A TOML file read with the size limit and parsed, or a DataError that says why not: not TOML,
    nested thousands deep or a number of thousands of digits (tomllib's RecursionError and ValueError
    would otherwise be tracebacks). NotFoundError when it is missing (callers may treat that as empty)."""
    import tomllib

    from ydm.errors import DataError

    text = read_text_limited(name, limit=limit, what=what)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{what} {name} is not valid TOML: {exc}") from None
    except (RecursionError, ValueError):
        raise DataError(f"{what} {name} cannot be read: it is nested too deeply or holds a number too long") from None


def _size(limit: int) -> str:
    return f"{limit >> 20} MB" if limit >= 1 << 20 else f"{limit >> 10} KB"


# --- files ydm writes for the person (-o, export) --------------------------------------------------


def own_folders() -> tuple[Path, ...]:
    """ydm's own folders: the store, its settings, its caches. No output of the person's goes there."""
    from ydm import paths

    return paths.data_dir(), paths.config_dir(), paths.cache_dir()


def check_output(path: Path, *, own: tuple[Path, ...] = ()) -> bool:
    """Refuse an output path that is one of ydm's own files (the store and its -wal/-shm, a setting,
    a cache, or a file in `own` such as the --me profile, also by another name: a link) or that
    exists and is not a regular file (/dev/full, a folder, a FIFO). True when a regular file is
    there (the caller asks before replacing it), False for a new path."""
    path = Path(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    where = _real(path)
    for folder in own_folders():
        if where == _real(folder) or _real(folder) in where.parents:
            raise OutputError(f"refusing to write {path}: it is in ydm's own folder {folder} (the request store, "
                              "settings and caches live there); choose another place")
    for mine in own:
        try:
            theirs = os.stat(mine)
        except OSError:
            continue
        if where == _real(Path(mine)) or (st is not None and (st.st_dev, st.st_ino) == (theirs.st_dev, theirs.st_ino)):
            raise OutputError(f"refusing to write {path}: it is {mine}, which ydm reads (choose another file)")
    if st is None:
        return False
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(f"refusing to write {path}: it is a folder")
    if not stat.S_ISREG(st.st_mode):
        raise OutputError(f"refusing to write {path}: it is not a regular file (a device, pipe or socket)")
    return True


def _real(path: Path) -> Path:
    return Path(os.path.realpath(os.path.abspath(path)))

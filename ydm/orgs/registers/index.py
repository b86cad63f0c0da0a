"""The local index of the public registers: one SQLite file per register in the cache folder, with
full-text search (FTS5), built by streaming and swapped in atomically.

`build()` writes a new file next to the old one (`ico.sqlite.new`), streaming the reader's rows in
batches (memory stays flat however big the register), builds the FTS index, records the file's date
and where it came from, and only then renames it over the old one (`os.replace`). Whatever goes
wrong on the way (a truncated ZIP, missing columns, a full disk) removes the half-built file and
leaves the previous index in place and in use. The registers are public data; nothing personal of
the person using ydm is written here.
"""

from __future__ import annotations

import os
import sqlite3
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ydm import clock, paths
from ydm.errors import DataError, NotFoundError
from ydm.orgs.registers import readers
from ydm.orgs.registers.readers import Entry

SOURCES = {"ico": "ICO register of fee payers", "ec": "Electoral Commission registers"}
_FIELDS = ("source", "reg", "name", "kind", "trading", "address", "postcode", "start", "end", "status", "email",
           "phone", "url", "parent", "register")
_SCHEMA = f"""
CREATE TABLE entry (id INTEGER PRIMARY KEY, {", ".join(f'"{f}" TEXT NOT NULL' for f in _FIELDS)});
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE VIRTUAL TABLE entry_fts USING fts5(name, trading, reg, postcode, content='entry', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2');
"""
_BATCH = 5000
MAX_PAGES: int | None = None  # tests: a real SQLITE_FULL ("database or disk is full") after this many pages


@dataclass(frozen=True)
class Meta:
    """What an index holds: which register, the file's date, where it came from, when it was imported."""

    source: str
    file_date: str
    origin: str
    imported_at: str
    rows: int

    @property
    def title(self) -> str:
        return SOURCES.get(self.source, self.source)


def folder() -> Path:
    return paths.cache_dir() / "registers"


def index_path(source: str) -> Path:
    return folder() / f"{source}.sqlite"


def build(source: str, file: Path | list[Path], *, origin: str, file_date: str = "",
          progress: Callable[[int, int], None] | None = None) -> Meta:
    """Import a register file (CSV, or ZIP of one CSV) into a fresh index and swap it in. The EC's
    registers come as several exports (registrations, accounting units): give them together."""
    files = list(file) if isinstance(file, list | tuple) else [file]
    file = files[0]
    if source not in SOURCES:
        raise DataError(f"unknown register '{source}' (one of {', '.join(SOURCES)})")
    target = index_path(source)
    from ydm.fileio import private_dir  # 0700 whatever the umask (issue 18 item 9)

    private_dir(target.parent)
    fresh = target.with_name(target.name + ".new")
    fresh.unlink(missing_ok=True)
    what = {"ico": "the ICO register of fee payers", "ec": "an Electoral Commission register export"}[source]
    rows = 0
    try:
        for encoding in ("utf-8-sig", "cp1252"):
            fresh.unlink(missing_ok=True)
            try:
                rows = _fill(fresh, source, files, what, encoding, progress)
                break
            except UnicodeDecodeError:
                continue
        if rows == 0:
            raise DataError(f"{file.name} holds no entries of {what}; the previous index is kept")
        meta = Meta(source, file_date or readers.date_in_name(file.name) or _mtime_date(file), origin,
                    clock.now().isoformat(timespec="seconds"), rows)
        with sqlite3.connect(fresh) as db:
            db.executemany("INSERT INTO meta VALUES (?, ?)", [
                ("source", meta.source), ("file_date", meta.file_date), ("origin", meta.origin),
                ("imported_at", meta.imported_at), ("rows", str(rows)),
            ])
        db.close()
        os.replace(fresh, target)
    except sqlite3.OperationalError as exc:
        raise DataError(f"could not build the register index in {target.parent} ({exc}); "
                        "the previous index is kept") from None
    except OSError as exc:
        raise DataError(f"could not build the register index in {target.parent} "
                        f"({exc.strerror or exc}); the previous index is kept") from None
    finally:
        fresh.unlink(missing_ok=True)
        for extra in ("-journal", "-wal", "-shm"):
            Path(str(fresh) + extra).unlink(missing_ok=True)
    return meta


def _mtime_date(file: Path) -> str:
    from datetime import datetime

    try:
        return datetime.fromtimestamp(file.stat().st_mtime).date().isoformat()
    except OSError:
        return ""


def _fill(fresh: Path, source: str, files: list[Path], what: str, encoding: str, progress) -> int:
    db = sqlite3.connect(fresh, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=OFF")  # a half-built file is thrown away, never used
        db.execute("PRAGMA synchronous=OFF")
        if MAX_PAGES:
            db.execute(f"PRAGMA max_page_count={int(MAX_PAGES)}")
        db.executescript(_SCHEMA)
        db.execute("BEGIN")
        count, seen = 0, set()
        for file in files:
            count += _fill_one(db, source, file, what, encoding, progress, seen)
        db.execute("CREATE INDEX entry_reg ON entry(reg)")
        db.execute("CREATE INDEX entry_parent ON entry(parent) WHERE parent != ''")
        db.execute("INSERT INTO entry_fts(entry_fts) VALUES ('rebuild')")
        db.execute("COMMIT")
        return count
    finally:
        db.close()


def _fill_one(db, source: str, file: Path, what: str, encoding: str, progress, seen: set) -> int:
    rows_in, header, handle = readers.open_rows(file, what, encoding)
    try:
        entries: Iterator[Entry] = (readers.ico_entries(rows_in, header, file) if source == "ico"
                                    else readers.ec_entries(rows_in, header, file, seen))
        insert = f"INSERT INTO entry ({', '.join(_FIELDS)}) VALUES ({', '.join('?' * len(_FIELDS))})"
        count, batch = 0, []
        try:
            for entry in entries:
                batch.append(tuple(getattr(entry, f) for f in _FIELDS))
                if len(batch) >= _BATCH:
                    db.executemany(insert, batch)
                    count += len(batch)
                    batch.clear()
                    if progress is not None and handle.raw is not None:
                        progress(_tell(handle), handle.size)
            db.executemany(insert, batch)
            count += len(batch)
        except readers.csv.Error as exc:
            raise DataError(f"{file.name} is not {what}: {exc}; the previous index is kept") from None
        except (EOFError, readers.zipfile.BadZipFile, zlib.error) as exc:
            raise DataError(f"{file.name} is a damaged or truncated ZIP file ({exc or 'it ends early'}); "
                            "download it again; the previous index is kept") from None
        return count
    finally:
        handle.close()


def _tell(handle) -> int:
    try:
        return handle.raw.tell()
    except (OSError, ValueError, AttributeError):
        return 0


# --- reading the index ----------------------------------------------------------------------------


def _open(source: str) -> sqlite3.Connection | None:
    path = index_path(source)
    if not path.exists():
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        db.row_factory = sqlite3.Row
        return db
    except sqlite3.Error:
        return None


def meta(source: str) -> Meta | None:
    """The imported register's date and origin, or None when it has not been imported."""
    db = _open(source)
    if db is None:
        return None
    try:
        values = dict(db.execute("SELECT key, value FROM meta").fetchall())
        return Meta(source, values.get("file_date", ""), values.get("origin", ""), values.get("imported_at", ""),
                    int(values.get("rows", "0") or 0))
    except (sqlite3.Error, ValueError):
        return None
    finally:
        db.close()


def _entry(row: sqlite3.Row) -> Entry:
    return Entry(**{f: row[f] for f in _FIELDS})


def _fts_query(words: list[str]) -> str:
    """Every word must match, the last one as a prefix (search as you type)."""
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def search(words: list[str], *, limit: int = 20, sources: tuple[str, ...] = ("ec", "ico")) -> list[Entry]:
    """Entries matching every word (folded words from the one search), best first, per register in order."""
    words = [w for w in words if w]
    if not words:
        return []
    found: list[Entry] = []
    for source in sources:
        db = _open(source)
        if db is None:
            continue
        try:
            reg = "".join(words).upper()
            exact = db.execute("SELECT * FROM entry WHERE reg = ? LIMIT 1", (reg,)).fetchall()
            rows = _matches(db, words, limit)
            seen = set()
            for row in [*exact, *rows]:
                if row["id"] not in seen:
                    seen.add(row["id"])
                    found.append(_entry(row))
        except sqlite3.Error:
            continue
        finally:
            db.close()
    return found


_RANK_UP_TO = 500  # ranking (bm25) costs per match: beyond this many, rank by name in Python instead


def _matches(db: sqlite3.Connection, words: list[str], limit: int) -> list[sqlite3.Row]:
    """FTS matches, best first, in bounded time: a common word ('ltd', one letter typed) can match
    most of a 1M-row register, so when there are many matches the first few thousand are ranked by
    how well the name fits (starts with the query, then shortest) instead of scoring every match."""
    query = _fts_query(words) if len(words[-1]) >= 2 else _fts_query(words).removesuffix("*")
    ids = [r[0] for r in db.execute("SELECT rowid FROM entry_fts WHERE entry_fts MATCH ? LIMIT ?",
                                    (query, _RANK_UP_TO + 1))]
    if len(ids) <= _RANK_UP_TO:
        return db.execute("SELECT entry.* FROM entry_fts JOIN entry ON entry.id = entry_fts.rowid "
                          "WHERE entry_fts MATCH ? ORDER BY rank LIMIT ?", (query, limit)).fetchall()
    marks = ",".join("?" * len(ids))
    rows = db.execute(f"SELECT * FROM entry WHERE id IN ({marks})", ids).fetchall()
    start = " ".join(words)
    rows.sort(key=lambda r: (not r["name"].casefold().startswith(start), len(r["name"]), r["name"]))
    return rows[:limit]


def spellings(words: list[str], sources: tuple[str, ...] = ("ec", "ico"),
              limit: int = 3000) -> dict[str, tuple[bool, list[str]]]:
    """For each word: (whether it is a word of the registers, the words sharing its first three
    letters), what a typo is compared with. The FTS vocabulary is read by range, so this stays quick
    on a 1M-row register."""
    result: dict[str, tuple[bool, list[str]]] = {w: (False, []) for w in words if len(w) >= 3}
    for source in sources:
        if not result:
            break
        db = _open(source)
        if db is None:
            continue
        try:
            db.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, entry_fts, 'row')")
            for word, (known, near) in list(result.items()):
                if known:
                    continue
                if db.execute("SELECT 1 FROM temp.vocab WHERE term = ?", (word,)).fetchone() is not None:
                    result[word] = (True, [])
                    continue
                head = word[:3]
                near += [r[0] for r in db.execute(
                    "SELECT term FROM temp.vocab WHERE term >= ? AND term < ? LIMIT ?",
                    (head, head[:-1] + chr(ord(head[-1]) + 1), limit)) if r[0].isalpha()]
        except sqlite3.Error:
            continue
        finally:
            db.close()
    return result


def get(source: str, reg: str) -> Entry:
    """One entry by registration number (`ZB123456`, `PP52`), or NotFoundError saying why."""
    db = _open(source)
    if db is None:
        raise NotFoundError(f"the {SOURCES[source]} has not been imported",
                            hint=f"run 'ydm orgs update --{source}-register PATH_OR_URL' first")
    try:
        row = db.execute("SELECT * FROM entry WHERE reg = ? COLLATE NOCASE LIMIT 1", (reg,)).fetchone()
    except sqlite3.Error as exc:
        raise DataError(f"the {SOURCES[source]} index cannot be read ({exc}); import it again") from None
    finally:
        db.close()
    if row is None:
        raise NotFoundError(f"no entry {reg} in the {SOURCES[source]}", hint=f"search it with 'ydm orgs {reg}'")
    return _entry(row)


def units_of(party_ref: str) -> list[Entry]:
    """A party's local accounting units (associations, constituency parties, branches) in the EC index."""
    db = _open("ec")
    if db is None:
        return []
    try:
        return [_entry(r) for r in db.execute(
            "SELECT * FROM entry WHERE parent = ? COLLATE NOCASE ORDER BY name", (party_ref,))]
    except sqlite3.Error:
        return []
    finally:
        db.close()

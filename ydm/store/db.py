"""The request store (`SqliteStore`, `open_store`): one SQLite file in the user's data folder, every
personal field encrypted. What is on disk and why it is safe there: the package's docstring."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from ydm import paths
from ydm.errors import InputError, StoreError
from ydm.model import Event, Person, Request
from ydm.store import crypto, keyguard, keyring_keys, schema, wipe
from ydm.store.codec import (
    StoredLetter,
    body_to_dict,
    head_to_dict,
    insert_position,
    letter_from_dict,
    letter_to_dict,
    no_gc,
    normalize_ref,
    not_found,
    person_from_dict,
    person_to_dict,
    request_from_dict,
    requests_from_heads,
)
from ydm.store.replies_db import RepliesRecords
from ydm.store.schema import APPLICATION_ID, backup_copy, check_file, migrate
from ydm.store.sqlite import (
    BUSY_TIMEOUT_S,
    _access_error,
    _enter_wal,
    _is_access,
    _is_busy,
    access_problem,
    write_transaction,
)

# Padding floors (crypto.padded_size): a head holds ~220 bytes and ~60 a recorded event, so 1,024
# hides the event count of every ordinary request; the longest letter kind's body is ~6,100 bytes.
HEAD_BUCKET, BODY_BUCKET, PROFILE_BUCKET = 1024, 8192, 1024
LIST_CHUNK = 1000  # heads parsed per json.loads call when listing

def default_path() -> Path:
    return paths.store_file()


class SqliteStore(RepliesRecords):
    """The encrypted request store. Use as a context manager, or call `close()`."""

    def __init__(self, path: Path | str | None = None, *, passphrase: crypto.PassphraseProvider | None = None,
                 create: bool = True, key_mode: str | None = None):
        self.path = Path(path) if path else default_path()
        self._provider = passphrase if passphrase is not None else crypto.default_provider()
        self._lock = threading.RLock()
        self._batch_owner: int | None = None
        try:
            check_file(self.path)
            is_new = not self.path.exists() or self.path.stat().st_size == 0
            if is_new and not create:
                raise StoreError(f"there is no store at {self.path} yet")
            if is_new:
                from ydm.fileio import private_dir  # 0700 whatever the umask (issue 18 item 9)

                private_dir(self.path.parent)
        except OSError as exc:  # unreadable file, a folder we may not create: permissions, not damage
            raise _access_error(self.path, exc, writing=False) from None
        try:
            self._conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                         check_same_thread=False)
        except sqlite3.Error as exc:
            if _is_access(exc):
                raise _access_error(self.path, exc, writing=False) from None
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from None
        try:
            self._setup(is_new, key_mode)
        except BaseException:
            self._conn.close()
            raise

    # --- opening ------------------------------------------------------------------------------

    def _setup(self, is_new: bool, key_mode: str | None) -> None:
        c = self._conn
        try:
            c.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            if is_new:
                c.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                os.chmod(self.path, 0o600)
            version = c.execute("PRAGMA user_version").fetchone()[0]
            if version > schema.SCHEMA_VERSION:
                raise StoreError(f"the store at {self.path} was made by a newer ydm (schema {version}); "
                                 "update ydm to open it")
            if not is_new:
                c.execute("SELECT count(*) FROM sqlite_master").fetchone()  # reads the schema: corrupt -> error
            _enter_wal(c)
            c.execute("PRAGMA synchronous = FULL")
            c.execute("PRAGMA secure_delete = ON")
            c.execute("PRAGMA temp_store = MEMORY")
            c.execute("PRAGMA foreign_keys = ON")
            if version == 0:
                self._create(key_mode)
            else:
                keyguard.open_key(self)
                if version < schema.SCHEMA_VERSION:
                    self._migrate(version)
        except sqlite3.OperationalError as exc:
            if _is_busy(exc):
                raise StoreError(f"the store at {self.path} is busy: another ydm is holding it ({exc}); "
                                 "try again in a moment") from None
            if _is_access(exc) or access_problem(self.path):
                raise _access_error(self.path, exc, writing=False) from None
            raise StoreError(f"the store at {self.path} is damaged or not a ydm store ({exc}); "
                             "it was left untouched") from None
        except OSError as exc:  # chmod of a new file we may not change
            raise _access_error(self.path, exc, writing=True) from None
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"the store at {self.path} is damaged or not a ydm store ({exc}); "
                             "it was left untouched") from None

    def _create(self, key_mode: str | None) -> None:
        with self._tx() as c:
            if c.execute("PRAGMA user_version").fetchone()[0] != 0:  # another process created it meanwhile
                return keyguard.open_key(self)
            if c.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise StoreError(f"{self.path} has tables but no ydm schema; left untouched")
            migrate(c, 0)
            store_id, dek = uuid.uuid4().hex, crypto.new_key()
            meta = crypto.new_envelope(store_id, dek, mode=key_mode or crypto.choose_mode(),
                                       provider=self._provider, new=True)
            try:
                c.executemany("INSERT INTO meta VALUES (?, ?)", [("store_id", store_id), *meta.items(),
                                                                 ("file_id", keyring_keys.identity(self.path))])
            except BaseException:
                crypto.forget_keyring_key(meta)  # no orphan key in the keyring
                raise
            self._cipher, self._wrapped = crypto.Cipher(dek), meta["wrapped_key"]

    def _migrate(self, version: int) -> None:
        self.last_backup = backup_copy(self._conn, self.path, version)
        with self._tx() as c:
            migrate(c, c.execute("PRAGMA user_version").fetchone()[0])

    def _meta(self) -> dict[str, str]:
        return dict(self._conn.execute("SELECT name, value FROM meta").fetchall())

    def _store_id(self) -> str:
        row = self._conn.execute("SELECT value FROM meta WHERE name = 'store_id'").fetchone()
        if not row:
            raise StoreError(f"the store at {self.path} has no key record; left untouched")
        return row[0]

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at the start (BEGIN IMMEDIATE) so writers queue on the busy
        timeout, sealing under the key on disk (keyguard); inside `batch()`, part of its transaction."""
        if self._batch_owner == threading.get_ident():
            yield self._conn
            return
        with write_transaction(self._conn, self._lock, self.path) as c:
            keyguard.follow_rekey(self, c)
            yield c

    @contextmanager
    def batch(self) -> Iterator[Self]:
        """Many writes as ONE transaction: a kill or an error part way leaves all of them or none
        (an import). Other threads' writes wait for it."""
        with self._tx():
            self._batch_owner = threading.get_ident()
            try:
                yield self
            finally:
                self._batch_owner = None

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._conn
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"could not read the store ({exc})") from None

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None  # type: ignore[assignment]

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- records ------------------------------------------------------------------------------

    def _seal_json(self, obj, aad: bytes, bucket: int) -> bytes:
        try:
            text = json.dumps(obj, separators=(",", ":"))
        except (TypeError, ValueError) as exc:
            raise InputError(f"cannot store this: {exc} (event data must be plain text, numbers, lists)") from None
        return self._cipher.seal(text.encode(), aad, bucket=bucket)

    def _open_json(self, blob: bytes, aad: bytes):
        try:
            plain = self._cipher.open(blob, aad)
        except StoreError:
            self._check_not_rekeyed()
            raise
        return json.loads(plain.decode("utf-8"))  # str parses faster than bytes

    def _check_not_rekeyed(self) -> None:
        """Another ydm (e.g. `ydm store rekey` while the app is open) changed the key: say so plainly."""
        row = self._conn.execute("SELECT value FROM meta WHERE name = 'wrapped_key'").fetchone()
        if row and row[0] != self._wrapped:
            raise StoreError("the store's key was changed by another ydm (store rekey) since it was opened; "
                             "close it and open it again")

    def _head_blob(self, token: bytes, r: Request) -> bytes:
        return self._seal_json(head_to_dict(r), b"requests/head|" + token, HEAD_BUCKET)

    def _body_blob(self, token: bytes, r: Request) -> bytes:
        return self._seal_json(body_to_dict(r), b"requests/body|" + token, BODY_BUCKET)

    def _row(self, c: sqlite3.Connection, ref: str) -> tuple[int, bytes, bytes, bytes]:
        token = self._cipher.token(ref)
        row = c.execute("SELECT id, token, head, body FROM requests WHERE token = ?", (token,)).fetchone()
        if row is None:
            self._check_not_rekeyed()
            raise not_found(ref, self.refs())
        return row

    def _decode(self, row, *, with_body: bool) -> Request:
        rid, token, head, body = row
        d = self._open_json(head, b"requests/head|" + token)
        if with_body:
            d.update(self._open_json(body, b"requests/body|" + token))
        return request_from_dict(d, row_id=rid)

    # --- the Store interface (same as MemoryStore) ----------------------------------------------

    def add(self, request: Request) -> Request:
        return self.add_many([request])[0]

    def add_many(self, requests: Iterable[Request]) -> list[Request]:
        """Add requests in one transaction: all or none. A reference that exists is an error."""
        out = []
        with self._tx() as c:
            for r in requests:
                r.ref = normalize_ref(r.ref)
                token = self._cipher.token(r.ref)
                if c.execute("SELECT 1 FROM requests WHERE token = ?", (token,)).fetchone():
                    raise StoreError(f"a request with reference {r.ref} already exists")
                cur = c.execute("INSERT INTO requests (token, head, body) VALUES (?, ?, ?)",
                                (token, self._head_blob(token, r), self._body_blob(token, r)))
                r.id = cur.lastrowid
                out.append(r)
        return out

    def get(self, ref: str) -> Request:
        """The request with its letter text; `NotFoundError` (with close matches) if unknown."""
        ref = normalize_ref(ref)
        with self._read() as c:
            return self._decode(self._row(c, ref), with_body=True)

    def find(self, ref: str) -> Request | None:
        ref = normalize_ref(ref)
        with self._read() as c:
            row = c.execute("SELECT id, token, head, body FROM requests WHERE token = ?",
                            (self._cipher.token(ref),)).fetchone()
            return self._decode(row, with_body=True) if row else None

    def list(self) -> list[Request]:
        """All requests in the order they were added, without letter text (fast). Read, opened and
        parsed LIST_CHUNK rows at a time: the sealed heads (1 KiB each) of 100,000 requests are never
        all in memory at once, only the requests built from them."""
        out: list[Request] = []
        with self._read() as c, no_gc():  # ~50,000 new objects, no cycles: the collector would rescan them
            cursor = c.execute("SELECT id, token, head FROM requests ORDER BY id")
            while rows := cursor.fetchmany(LIST_CHUNK):
                try:
                    plains = self._cipher.open_texts(((head, token) for _, token, head in rows), b"requests/head|")
                except StoreError:
                    self._check_not_rekeyed()
                    raise
                # One JSON parse per chunk: 10,000 small json.loads calls cost several times more.
                heads = json.loads("[" + ",".join(plains) + "]")
                out += requests_from_heads(heads, [row[0] for row in rows])
        return out

    def refs(self) -> list[str]:
        return [r.ref for r in self.list()]

    def count(self) -> int:
        with self._read() as c:
            return c.execute("SELECT count(*) FROM requests").fetchone()[0]

    def add_event(self, ref: str, event: Event) -> Request:
        """Append one event (read-modify-write inside one transaction: concurrent marks never lose one)."""
        ref = normalize_ref(ref)
        with self._tx() as c:
            row = self._row(c, ref)
            r = self._decode(row, with_body=False)
            r.events.insert(insert_position([e.on for e in r.events], event.on), event)
            c.execute("UPDATE requests SET head = ? WHERE id = ?", (self._head_blob(row[1], r), row[0]))
        return r

    def update(self, request: Request) -> None:
        """Replace a request's head and body (events, letter text) by reference."""
        ref = normalize_ref(request.ref)
        with self._tx() as c:
            rid, token, _, _ = self._row(c, ref)
            c.execute("UPDATE requests SET head = ?, body = ? WHERE id = ?",
                      (self._head_blob(token, request), self._body_blob(token, request), rid))

    def delete(self, ref: str) -> None:
        """Remove a request and its letters. secure_delete zeroes the freed pages and the checkpoint
        (now, or at a later open while another ydm holds an old snapshot: store.wipe) moves them into
        the main file and empties the -wal, so the old records are not left behind there either."""
        ref = normalize_ref(ref)
        with self._tx() as c:
            rid = self._row(c, ref)[0]
            c.execute("DELETE FROM letters WHERE request_id = ?", (rid,))
            c.execute("DELETE FROM requests WHERE id = ?", (rid,))
            wipe.owe(c)
        wipe.finish(self)

    def add_letter(self, ref: str, letter: StoredLetter, event: Event | None = None) -> None:
        """Keep a later letter (and optionally its event) with a request, in one transaction."""
        ref = normalize_ref(ref)
        with self._tx() as c:
            row = self._row(c, ref)
            c.execute("INSERT INTO letters (request_id, blob) VALUES (?, ?)",
                      (row[0], self._seal_json(letter_to_dict(letter), b"letters|" + row[1], BODY_BUCKET)))
            if event is not None:
                r = self._decode(row, with_body=False)
                r.events.insert(insert_position([e.on for e in r.events], event.on), event)
                c.execute("UPDATE requests SET head = ? WHERE id = ?", (self._head_blob(row[1], r), row[0]))

    def letters(self, ref: str) -> list[StoredLetter]:
        ref = normalize_ref(ref)
        with self._read() as c:
            rid, token, _, _ = self._row(c, ref)
            rows = c.execute("SELECT blob FROM letters WHERE request_id = ? ORDER BY id", (rid,)).fetchall()
        return [letter_from_dict(self._open_json(b, b"letters|" + token)) for (b,) in rows]

    def save_profile(self, person: Person) -> None:
        with self._tx() as c:
            c.execute("INSERT OR REPLACE INTO profile (id, blob) VALUES (1, ?)",
                      (self._seal_json(person_to_dict(person), b"profile", PROFILE_BUCKET),))

    def load_profile(self) -> Person | None:
        with self._read() as c:
            row = c.execute("SELECT blob FROM profile WHERE id = 1").fetchone()
        return person_from_dict(self._open_json(row[0], b"profile")) if row else None

    def delete_profile(self) -> None:
        with self._tx() as c:
            c.execute("DELETE FROM profile")
            wipe.owe(c)
        wipe.finish(self)

    # --- keys ---------------------------------------------------------------------------------

    @property
    def key_mode(self) -> str:
        with self._read() as c:
            return c.execute("SELECT value FROM meta WHERE name = 'key_mode'").fetchone()[0]

    def info(self) -> dict:
        with self._read() as c:
            version = c.execute("PRAGMA user_version").fetchone()[0]
        return {"path": str(self.path), "schema": version, "key_mode": self.key_mode, "requests": self.count(),
                "profile": self.load_profile() is not None}


def open_store(path: Path | str | None = None, *, passphrase: crypto.PassphraseProvider | None = None,
               create: bool = True) -> SqliteStore:
    """Open (or create) the user's store. Raises `StoreError` with a plain message on any problem."""
    return SqliteStore(path, passphrase=passphrase, create=create)

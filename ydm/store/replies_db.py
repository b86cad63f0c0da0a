"""The replies an organisation sent, kept with their request in the encrypted store (schema v2).

A reply is a head (when it came, from whom, its subject, how it was matched: encrypted JSON) and its
parts, one per file or attachment: `meta` (name, type, size and what was read out of it: text, a
table's columns and samples; encrypted JSON) and `data` (the file's bytes, encrypted). Reading the
checklist or the report decrypts heads and metas only, never the files. Everything is bound to its
request's token (the AAD), and goes with it: `ON DELETE CASCADE` on `requests delete`, the whole file
on `store destroy`.
"""

from __future__ import annotations

import sqlite3

from ydm.errors import StoreError
from ydm.model import Event
from ydm.store import binary_padding
from ydm.store.codec import insert_position, normalize_ref

REPLY_BUCKET, META_BUCKET = 512, 4096
# A file's bytes are sealed padded (binary_padding: its exact size does not show) under this label;
# files kept before padding came in were sealed as they were, under the first label, and still open.
FILE_AAD, LEGACY_FILE_AAD = b"reply_parts/file|", b"reply_parts/data|"


def seal_file(cipher, data: bytes, token: bytes) -> bytes:
    return cipher.seal(binary_padding.pad(data), FILE_AAD + token)


def open_file(cipher, blob: bytes, token: bytes) -> bytes:
    """A kept file's bytes: padded (today's records) or, failing that, as kept before padding."""
    try:
        padded = cipher.open(blob, FILE_AAD + token, padded=False)
    except StoreError:
        return cipher.open(blob, LEGACY_FILE_AAD + token, padded=False)  # its own error if neither opens
    try:
        return binary_padding.unpad(padded)
    except ValueError:
        raise StoreError("a file kept with a reply is damaged (its padding is not ydm's)") from None


class RepliesRecords:
    """Mixed into `SqliteStore`: uses its `_tx`, `_read`, `_row`, `_decode`, `_seal_json`, `_open_json`."""

    def add_reply(self, ref: str, head: dict, parts: list[tuple[dict, bytes]], event: Event | None = None) -> int:
        """Store one reply with all its parts (and its response-received event): all of it or nothing."""
        return self.add_replies([(ref, head, parts, event)])[0]

    def add_replies(self, batch: list[tuple[str, dict, list[tuple[dict, bytes]], Event | None]]) -> list[int]:
        """Store several replies (each: ref, head, parts as (meta, bytes), optional event) in one
        transaction: all of them or none. Returns the replies' numbers (row ids)."""
        ids = []
        with self._tx() as c:
            for ref, head, parts, event in batch:
                row = self._row(c, normalize_ref(ref))
                rid, token = row[0], row[1]
                cur = c.execute("INSERT INTO replies (request_id, head) VALUES (?, ?)",
                                (rid, self._seal_json(head, b"replies|" + token, REPLY_BUCKET)))
                reply_id = cur.lastrowid
                c.executemany("INSERT INTO reply_parts (reply_id, meta, data) VALUES (?, ?, ?)",
                              [(reply_id, self._seal_json(meta, b"reply_parts/meta|" + token, META_BUCKET),
                                seal_file(self._cipher, data, token)) for meta, data in parts])
                if event is not None:
                    r = self._decode(row, with_body=False)
                    r.events.insert(insert_position([e.on for e in r.events], event.on), event)
                    c.execute("UPDATE requests SET head = ? WHERE id = ?", (self._head_blob(token, r), rid))
                ids.append(reply_id)
        return ids

    def replies(self, ref: str) -> list[dict]:
        """The replies to a request, oldest first: each head with `id` and `parts` (their metas, no file bytes)."""
        ref = normalize_ref(ref)
        with self._read() as c:
            rid, token, _, _ = self._row(c, ref)
            heads = c.execute("SELECT id, head FROM replies WHERE request_id = ? ORDER BY id", (rid,)).fetchall()
            parts = c.execute("SELECT p.reply_id, p.meta FROM reply_parts p JOIN replies r ON r.id = p.reply_id "
                              "WHERE r.request_id = ? ORDER BY p.id", (rid,)).fetchall()
        out = {}
        for reply_id, blob in heads:
            d = self._open_json(blob, b"replies|" + token)
            d["id"], d["parts"] = reply_id, []
            out[reply_id] = d
        for reply_id, blob in parts:
            out[reply_id]["parts"].append(self._open_json(blob, b"reply_parts/meta|" + token))
        return list(out.values())

    def reply_file(self, ref: str, reply_id: int, index: int) -> bytes:
        """The bytes of one part of a reply (the n-th file, from 0), decrypted."""
        ref = normalize_ref(ref)
        with self._read() as c:
            rid, token, _, _ = self._row(c, ref)
            rows = c.execute("SELECT p.data FROM reply_parts p JOIN replies r ON r.id = p.reply_id "
                             "WHERE r.request_id = ? AND r.id = ? ORDER BY p.id", (rid, reply_id)).fetchall()
        if not 0 <= index < len(rows):
            from ydm.errors import NotFoundError

            raise NotFoundError(f"reply {reply_id} of {ref} has no file number {index + 1}")
        return open_file(self._cipher, rows[index][0], token)

    def reply_refs(self) -> dict[int, int]:
        """How many replies each request (by row id) has: for listing without decrypting any."""
        with self._read() as c:
            return dict(c.execute("SELECT request_id, count(*) FROM replies GROUP BY request_id").fetchall())

    def save_check(self, ref: str, corrections: dict) -> None:
        """The person's corrections to a request's checklist (code -> status), replacing earlier ones."""
        ref = normalize_ref(ref)
        with self._tx() as c:
            rid, token, _, _ = self._row(c, ref)
            c.execute("INSERT OR REPLACE INTO reply_checks (request_id, blob) VALUES (?, ?)",
                      (rid, self._seal_json(corrections, b"reply_checks|" + token, REPLY_BUCKET)))

    def load_check(self, ref: str) -> dict:
        ref = normalize_ref(ref)
        with self._read() as c:
            rid, token, _, _ = self._row(c, ref)
            try:
                row = c.execute("SELECT blob FROM reply_checks WHERE request_id = ?", (rid,)).fetchone()
            except sqlite3.OperationalError:
                return {}
        return self._open_json(row[0], b"reply_checks|" + token) if row else {}


def reseal(c: sqlite3.Connection, old, new, rid: int, token: bytes, t2: bytes) -> None:
    """`store rekey`: a request's replies, their files and its checklist corrections, re-encrypted
    with the new key and bound to the request's new token (inside rekey's one transaction)."""
    for reply_id, head in c.execute("SELECT id, head FROM replies WHERE request_id = ?", (rid,)).fetchall():
        plain = old.open(head, b"replies|" + token)
        c.execute("UPDATE replies SET head = ? WHERE id = ?",
                  (new.seal(plain, b"replies|" + t2, bucket=REPLY_BUCKET), reply_id))
        for pid, meta, data in c.execute("SELECT id, meta, data FROM reply_parts WHERE reply_id = ?",
                                         (reply_id,)).fetchall():
            m = old.open(meta, b"reply_parts/meta|" + token)
            d = open_file(old, data, token)
            c.execute("UPDATE reply_parts SET meta = ?, data = ? WHERE id = ?",
                      (new.seal(m, b"reply_parts/meta|" + t2, bucket=META_BUCKET),
                       seal_file(new, d, t2), pid))
    row = c.execute("SELECT blob FROM reply_checks WHERE request_id = ?", (rid,)).fetchone()
    if row:
        plain = old.open(row[0], b"reply_checks|" + token)
        c.execute("UPDATE reply_checks SET blob = ? WHERE request_id = ?",
                  (new.seal(plain, b"reply_checks|" + t2, bucket=REPLY_BUCKET), rid))

"""The request store held only in memory: same interface as `store.SqliteStore`, nothing on disk.

For the guided session (a library patron's data must never touch the disk) and for tests of code
that takes "a store". `wipe()` drops every request, letter and the profile; the session calls it on
finish, on inactivity timeout and on exit. Records are kept as plain dicts and copied on the way in
and out, so a caller mutating a returned `Request` cannot change what is stored.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Self

from ydm.errors import StoreError
from ydm.model import Event, Person, Request
from ydm.store.codec import (
    StoredLetter,
    body_to_dict,
    event_to_dict,
    head_to_dict,
    insert_position,
    normalize_ref,
    not_found,
    person_from_dict,
    person_to_dict,
    request_from_dict,
)


class MemoryStore:
    """A store that forgets everything when it is wiped, closed or garbage-collected."""

    key_mode = "memory"

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._rows: dict[str, dict] = {}  # ref -> head dict + body dict, insertion-ordered
        self._ids: dict[str, int] = {}
        self._letters: dict[str, list[StoredLetter]] = {}
        self._profile: dict | None = None
        self._next_id = 1

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.wipe()

    def wipe(self) -> None:
        """Forget every request, letter and the profile."""
        with self._lock:
            self._rows.clear()
            self._ids.clear()
            self._letters.clear()
            self._profile = None

    def _decode(self, ref: str, *, with_body: bool) -> Request:
        d = dict(self._rows[ref])
        if not with_body:  # like SqliteStore.list: heads only
            d.pop("letter_text", None)
            d.pop("sender", None)
        return request_from_dict(d, row_id=self._ids[ref])

    def _row(self, ref: str) -> str:
        ref = normalize_ref(ref)
        if ref not in self._rows:
            raise not_found(ref, list(self._rows))
        return ref

    def add(self, request: Request) -> Request:
        return self.add_many([request])[0]

    def add_many(self, requests: Iterable[Request]) -> list[Request]:
        with self._lock:
            batch = list(requests)
            seen = set()
            for r in batch:
                r.ref = normalize_ref(r.ref)
                if r.ref in self._rows or r.ref in seen:
                    raise StoreError(f"a request with reference {r.ref} already exists")
                seen.add(r.ref)
            for r in batch:
                self._rows[r.ref] = {**head_to_dict(r), **body_to_dict(r)}
                self._ids[r.ref] = r.id = self._next_id
                self._letters[r.ref] = []
                self._next_id += 1
            return batch

    def get(self, ref: str) -> Request:
        with self._lock:
            return self._decode(self._row(ref), with_body=True)

    def find(self, ref: str) -> Request | None:
        with self._lock:
            ref = normalize_ref(ref)
            return self._decode(ref, with_body=True) if ref in self._rows else None

    def list(self) -> list[Request]:
        with self._lock:
            return [self._decode(ref, with_body=False) for ref in self._rows]

    def refs(self) -> list[str]:
        with self._lock:
            return list(self._rows)

    def count(self) -> int:
        return len(self._rows)

    def add_event(self, ref: str, event: Event) -> Request:
        with self._lock:
            ref = self._row(ref)
            _insert(self._rows[ref]["events"], event)
            return self._decode(ref, with_body=False)

    def update(self, request: Request) -> None:
        with self._lock:
            ref = self._row(request.ref)
            self._rows[ref] = {**head_to_dict(request), **body_to_dict(request), "ref": ref}

    def delete(self, ref: str) -> None:
        with self._lock:
            ref = self._row(ref)
            del self._rows[ref], self._ids[ref], self._letters[ref]

    def add_letter(self, ref: str, letter: StoredLetter, event: Event | None = None) -> None:
        with self._lock:
            ref = self._row(ref)
            self._letters[ref].append(letter)
            if event is not None:
                _insert(self._rows[ref]["events"], event)

    def letters(self, ref: str) -> list[StoredLetter]:
        with self._lock:
            return list(self._letters[self._row(ref)])

    def save_profile(self, person: Person) -> None:
        self._profile = person_to_dict(person)

    def load_profile(self) -> Person | None:
        return person_from_dict(self._profile) if self._profile is not None else None

    def delete_profile(self) -> None:
        self._profile = None

    def info(self) -> dict:
        return {"path": None, "schema": None, "key_mode": self.key_mode, "requests": self.count(),
                "profile": self._profile is not None}


def _insert(events: list[dict], event: Event) -> None:
    """Keep the stored log in date order (same-day events in recording order), like SqliteStore."""
    events.insert(insert_position([e["on"] for e in events], event.on.isoformat()), event_to_dict(event))

"""`ydm store rekey` while another ydm writes: every request written is readable afterwards.

Two real SqliteStore connections on one file, as two processes have: one re-keys again and again, the
other adds requests and events. Bounded (a few seconds). Before the key guard, the writer sealed under
the key it had opened with, which the first rekey discarded: those requests could never be read again.
"""

from __future__ import annotations

import threading
from datetime import date

import pytest

from ydm.errors import StoreError
from ydm.model import Event, EventKind, Request, RequestKind
from ydm.store.db import SqliteStore
from ydm.store.rekey import rekey

ON = date(2026, 11, 2)


def _request(n: int) -> Request:
    return Request(ref=f"YDM-W{n:04d}", kind=RequestKind.ACCESS, org_id="labour", org_name="Labour Party",
                   events=[Event(EventKind.DRAFTED, ON)], letter_text=f"Dear DPO, letter {n}\n")


def _race(path, *, rekeys: int, writes: int):
    """Run the rekeys and the writes at once; returns (refs written, errors the writer saw)."""
    writer, rekeyer = SqliteStore(path), SqliteStore(path)
    written, refused, rekeyed, crashed = [], [], [], []
    start = threading.Barrier(2)

    def write():
        start.wait()
        for n in range(writes):
            while n % 5 == 0 and len(rekeyed) < min(n // 5, rekeys) and not crashed:  # a rekey between
                threading.Event().wait(0.001)  # every five writes, at least (so the writer's key is stale)
            try:
                writer.add(_request(n))
                writer.add_event(f"YDM-W{n:04d}", Event(EventKind.SENT, ON))
                written.append(f"YDM-W{n:04d}")
            except StoreError as exc:
                refused.append(str(exc))

    def churn():
        start.wait()
        try:
            for i in range(rekeys):
                while len(written) < 5 * (i + 1) and writing.is_alive():  # rekeys spread over the writes
                    threading.Event().wait(0.001)
                rekey(rekeyer)
                rekeyed.append(i)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below, not lost in the thread
            crashed.append(exc)

    writing = threading.Thread(target=write)
    threads = [writing, threading.Thread(target=churn)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    writer.close()
    rekeyer.close()
    assert crashed == [] and len(rekeyed) == rekeys  # every rekey really ran, while the writer wrote
    return written, refused


def test_writes_during_keyring_rekeys_are_all_readable(tmp_path):
    path = tmp_path / "requests.db"
    SqliteStore(path, key_mode="keyring").close()
    written, refused = _race(path, rekeys=12, writes=80)
    assert refused == [] and len(written) == 80  # a keyring store follows the new key silently
    with SqliteStore(path) as s:
        assert sorted(s.refs()) == sorted(written)
        for ref in written:  # head and body open under the store's one current key
            r = s.get(ref)
            assert r.letter_text.startswith("Dear DPO") and [e.kind for e in r.events][-1] == EventKind.SENT


def test_a_write_after_a_passphrase_rekey_is_refused_plainly_and_nothing_is_lost(tmp_path, no_keyring):
    """A passphrase store cannot follow silently (the new passphrase is not known to the writer)."""
    path = tmp_path / "requests.db"
    words = ["first passphrase", "second passphrase"]
    writer = SqliteStore(path, passphrase=lambda *_: words[0], key_mode="passphrase")
    for n in range(3):
        writer.add(_request(n))
    with SqliteStore(path, passphrase=lambda *_: words[0]) as other:
        rekey(other, passphrase=lambda *_: words[1])
    for attempt in (lambda: writer.add(_request(9)), lambda: writer.add_event("YDM-W0001", Event(EventKind.SENT, ON))):
        with pytest.raises(StoreError, match="changed by another ydm .* nothing was written"):
            attempt()
    writer.close()
    with SqliteStore(path, passphrase=lambda *_: words[1]) as s:
        assert sorted(s.refs()) == ["YDM-W0000", "YDM-W0001", "YDM-W0002"]
        assert all(s.get(ref).events[-1].kind == EventKind.DRAFTED for ref in s.refs())
    with pytest.raises(StoreError):
        SqliteStore(path, passphrase=lambda *_: words[0]).close()

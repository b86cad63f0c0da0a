"""A reply's files are kept padded (store.binary_padding): the ciphertext does not give a file's exact
size, a small file shows as 4 KiB, and files whose bytes end in NUL come back exactly. Files kept by
the ydm before padding still open, and `store rekey` seals them padded."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from ydm.model import Event, EventKind, Request, RequestKind
from ydm.store import replies_db
from ydm.store.db import SqliteStore
from ydm.store.rekey import rekey


@pytest.fixture
def store(tmp_path):
    with SqliteStore(tmp_path / "s.db") as s:
        s.add(Request(ref="YDM-AAAAA", kind=RequestKind.ACCESS, org_id="labour",
                      events=[Event(EventKind.SENT, date(2026, 9, 1))]))
        yield s


def sizes(path) -> list[int]:
    with sqlite3.connect(path) as c:
        return [n for (n,) in c.execute("SELECT length(data) FROM reply_parts ORDER BY id")]


def files(s) -> list[bytes]:
    reply = s.replies("YDM-AAAAA")[-1]
    return [s.reply_file("YDM-AAAAA", reply["id"], i) for i in range(len(reply["parts"]))]


def test_file_sizes_do_not_show_exactly_and_nul_endings_survive(store):
    kept = [b"a", b"b" * 4000, b"x" * 50_000, b"y" * 50_700, b"%PDF\x00\x00", bytes(3), b"\x80"]
    store.add_reply("YDM-AAAAA", {"received": "2026-09-20"}, [({"name": f"f{i}"}, d) for i, d in enumerate(kept)])
    assert files(store) == kept
    n = sizes(store.path)
    assert len({n[0], n[1], n[4], n[5], n[6]}) == 1  # every file under 4 KiB: one size
    assert n[2] == n[3] and n[2] > 50_700  # 50,000 and 50,700 bytes look alike
    assert n[2] < 50_000 * 1.12 + 64  # and cost at most ~12% more


def test_files_kept_before_padding_still_open_and_rekey_pads_them(store):
    store.add_reply("YDM-AAAAA", {"received": "2026-09-20"}, [({"name": "new.csv"}, b"new,file\n")])
    token = store._cipher.token("YDM-AAAAA")
    legacy = store._cipher.seal(b"old,file\n\x00", replies_db.LEGACY_FILE_AAD + token)  # as sealed before
    with sqlite3.connect(store.path) as c:
        c.execute("UPDATE reply_parts SET data = ? WHERE id = (SELECT min(id) FROM reply_parts)", (legacy,))
    assert files(store) == [b"old,file\n\x00"]
    assert sizes(store.path)[0] < 100  # unpadded, as the old ydm kept it
    rekey(store)
    assert files(store) == [b"old,file\n\x00"]
    assert sizes(store.path)[0] > 4096


def test_a_damaged_file_record_is_a_plain_error(store):
    from ydm.errors import StoreError

    store.add_reply("YDM-AAAAA", {"received": "2026-09-20"}, [({"name": "a.txt"}, b"hello")])
    token = store._cipher.token("YDM-AAAAA")
    unmarked = store._cipher.seal(bytes(4096), replies_db.FILE_AAD + token)  # sealed right, padding not ours
    with sqlite3.connect(store.path) as c:
        c.execute("UPDATE reply_parts SET data = ?", (unmarked,))
    with pytest.raises(StoreError, match="padding"):
        files(store)

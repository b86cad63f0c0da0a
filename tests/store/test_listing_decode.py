"""The listing's batch decoding (`store_codec.requests_from_heads`, `Cipher.open_texts`) gives
exactly what decoding one record at a time gives, and fails the same way."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ydm.errors import StoreError
from ydm.model import Channel, Event, EventKind, Nation, Request, RequestKind
from ydm.store.codec import request_from_dict, requests_from_heads
from ydm.store.db import SqliteStore

events = st.fixed_dictionaries(
    {"kind": st.sampled_from([k.value for k in EventKind]), "on": st.dates().map(lambda d: d.isoformat())},
    optional={"note": st.text(max_size=5), "data": st.dictionaries(st.text(max_size=3), st.integers(), max_size=2)},
)
heads = st.fixed_dictionaries(
    {"ref": st.text(min_size=1, max_size=9), "kind": st.sampled_from([k.value for k in RequestKind]),
     "org_id": st.text(max_size=6), "events": st.lists(events, max_size=5)},
    optional={"channel": st.sampled_from([None, *(c.value for c in Channel)]),
              "nation": st.sampled_from([None, *(n.value for n in Nation)]), "org_name": st.text(max_size=6),
              "letter_text": st.text(max_size=6)},
)


@settings(max_examples=200, deadline=None)
@given(st.lists(heads, max_size=6))
def test_batch_decoding_is_one_by_one_decoding(ds):
    ids = list(range(1, len(ds) + 1))
    got = requests_from_heads(ds, ids)
    want = [request_from_dict(d, row_id=i) for d, i in zip(ds, ids, strict=True)]
    assert got == want
    assert [[(e.kind, e.on, e.note, e.data) for e in r.events] for r in got] == [
        [(e.kind, e.on, e.note, e.data) for e in r.events] for r in want]


def test_unknown_event_kind_fails_the_same_way():
    bad = {"ref": "YDM-AAAAA", "kind": "access", "org_id": "x", "events": [{"kind": "teleported", "on": "2026-01-01"}]}
    with pytest.raises(ValueError) as one:
        request_from_dict(bad)
    with pytest.raises(ValueError) as batch:
        requests_from_heads([bad], [1])
    assert str(one.value) == str(batch.value)


def test_a_damaged_head_is_a_plain_store_error(tmp_path, keyring_memory):
    path = tmp_path / "s.db"
    with SqliteStore(path) as s:
        s.add(Request(ref="YDM-AAAAA", kind=RequestKind.ACCESS, org_id="x",
                      events=[Event(EventKind.SENT, date(2026, 1, 2))]))
        assert [r.ref for r in s.list()] == ["YDM-AAAAA"]
        head = s._conn.execute("SELECT head FROM requests").fetchone()[0]
        for broken in (head[:-1] + bytes([head[-1] ^ 1]), b"\x02" + head[1:], head[:20]):
            s._conn.execute("UPDATE requests SET head = ?", (broken,))
            with pytest.raises(StoreError, match="damaged"):
                s.list()

"""An export changed anywhere, to anything JSON can hold, is either refused on import with one
DataError or imported so that listing, showing, the next letter and the next export all still work
(issue 18: an imported `sender.name = 5` used to be accepted and then crash `requests next` every
time). Imports are held to the rules of typed input."""

from __future__ import annotations

import copy
import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ydm.errors import YdmError
from ydm.service import requests as tracker
from ydm.store.memory import MemoryStore

TODAY = date(2026, 11, 26)
EXPORT = {
    "format": "ydm-requests", "version": 1, "exported": "2026-11-26",
    "profile": {"name": "Alex Example", "email": "alex@example.org", "address": ["1 High St"], "postcode": "SW1A 1AA"},
    "requests": [{
        "ref": "YDM-ABCDE", "kind": "access", "org_id": "libdems", "org_name": "Liberal Democrats",
        "channel": "email", "nation": "england-and-wales",
        "events": [{"kind": "sent", "on": "2026-09-01", "note": "posted", "data": {"via": "email"}},
                   {"kind": "id-requested", "on": "2026-09-05"}],
        "letter_text": "Dear DPO", "address_to": ["1 Party Street", "London"], "email_to": "dpo@example.org",
        "sender": {"name": "Alex Example", "email": "alex@example.org", "address": ["1 x"], "other_names": []},
        "letters": [{"kind": "reminder", "on": "2026-10-05", "text": "Reminder", "subject": "ref YDM-ABCDE"}],
    }],
}


def _paths(value, path=()):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _paths(inner, (*path, key))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _paths(inner, (*path, i))
    if path:
        yield path


PATHS = list(_paths(EXPORT))
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
                    | st.sampled_from(["", "\r\n", "x" * 5000, "9999-12-31", "0001-01-01", "2026-02-30", "access",
                                       "sent", "YDM-ABCDE", "../x"]),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                    max_leaves=6)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PATHS), JSON), min_size=1, max_size=3))
def test_a_changed_export_is_refused_or_works_everywhere_after(changes):
    data = copy.deepcopy(EXPORT)
    for path, value in changes:
        where = data
        try:
            for key in path[:-1]:
                where = where[key]
            where[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change replaced the container this path went into
    store = MemoryStore()
    try:
        tracker.import_json(store, json.loads(json.dumps(data)))
    except YdmError:
        return
    for view in tracker.list_requests(store, today=TODAY):
        tracker.show(store, view.ref, today=TODAY)
        try:
            tracker.next_letter(store, view.ref, today=TODAY)
        except YdmError:
            pass  # a next letter may rightly need something first (a postal address, a reason)
    json.dumps(tracker.export_json(store, today=TODAY))

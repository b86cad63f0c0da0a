"""A fixed store for the calendar export's golden files: every stage a request goes through (waiting,
due soon, overdue, reminded, complained, with the ICO, answered, closed...), organisation names that
need escaping (commas, semicolons, backslashes) and folding (long, multi-byte), on fixed dates.

`python -m tests.letters.formats.ics_fixed_store` rewrote `data/ics_golden*.ics` and
`data/ics_entries.json` ONCE, with the icalendar-based writer ydm had before the direct RFC 5545 writer
(commit f87d6e7): the direct writer must reproduce those bytes exactly. Do not regenerate them with the
new writer (that would make the test pass by definition)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from ydm.model import Channel, Event, Request, RequestKind
from ydm.model import EventKind as E

TODAY = date(2026, 12, 1)
STAMP = datetime(2026, 12, 1, 9, 30, 0, tzinfo=UTC)

ORGS = [
    ("reform-uk", "Reform UK"),
    ("labour", "The Labour Party"),
    ("comma-co", "Smith, Jones & Partners; Data Brokers"),
    ("backslash", "Back\\slash Analytics"),
    ("long-name", "Ffederasiwn Genedlaethol Cymdeithasau Tai a Chymunedau Cymru — Gwasanaethau Data"),
    ("unicode", "Plaid Cymru – Ymddiriedolaeth Ŵyl Ddewi (Zoë's café)"),
]
KINDS = [RequestKind.ACCESS, RequestKind.ERASURE, RequestKind.OBJECT_MARKETING, RequestKind.OBJECT_PROCESSING]
CHANNELS = [Channel.EMAIL, Channel.FIRST_CLASS, Channel.SECOND_CLASS, Channel.WEBFORM, Channel.HAND]

# (name, events relative to a start date): the stages a request goes through.
STAGES = [
    ("waiting", [(E.SENT, 0)]),
    ("acknowledged", [(E.SENT, 0), (E.ACKNOWLEDGED, 3)]),
    ("reminded", [(E.SENT, 0), (E.REMINDER_SENT, 40)]),
    ("reminder-unanswered", [(E.SENT, 0), (E.REMINDER_SENT, 35)]),
    ("complained", [(E.SENT, 0), (E.REMINDER_SENT, 36), (E.COMPLAINT_SENT, 52)]),
    ("complaint-acked", [(E.SENT, 0), (E.REMINDER_SENT, 36), (E.COMPLAINT_SENT, 52),
                         (E.COMPLAINT_ACKNOWLEDGED, 60)]),
    ("incomplete", [(E.SENT, 0), (E.RESPONSE_INCOMPLETE, 20)]),
    ("complaint-unhappy", [(E.SENT, 0), (E.COMPLAINT_SENT, 40), (E.RESPONSE_INCOMPLETE, 70)]),
    ("answered", [(E.SENT, 0), (E.RESPONSE_RECEIVED, 20)]),
    ("closed", [(E.SENT, 0), (E.CLOSED, 10)]),
    ("with-ico", [(E.SENT, 0), (E.ICO_COMPLAINT_SENT, 60)]),
    ("id-requested", [(E.SENT, 0), (E.ID_REQUESTED, 5)]),
]


def requests() -> list[Request]:
    """48 requests: every stage with starts spread over the autumn, the orgs and channels in turn."""
    out = []
    n = 0
    for i, (_stage, events) in enumerate(STAGES):
        for j, start_days_ago in enumerate((130, 95, 60, 25)):
            org_id, org_name = ORGS[n % len(ORGS)]
            start = TODAY - timedelta(days=start_days_ago - i)
            evs = [Event(k, start + timedelta(days=d)) for k, d in events if start + timedelta(days=d) <= TODAY]
            out.append(Request(ref=f"YDM-{'ABCDEFGHJKLMN'[i]}{'2345'[j]}K7P",
                               kind=KINDS[n % len(KINDS)], org_id=org_id, org_name=org_name,
                               channel=CHANNELS[n % len(CHANNELS)], events=evs))
            n += 1
    return out


def views():
    from ydm import tracker
    from ydm.store.memory import MemoryStore

    st = MemoryStore()
    st.add_many(requests())
    return tracker.list_requests(st, today=TODAY)


def _capture() -> None:  # pragma: no cover - run once, before the direct writer (see the docstring)
    import json
    from pathlib import Path

    from ydm.letters.formats.ics import entries_for, to_ics

    here = Path(__file__).parent / "data"
    entries = entries_for(views())
    (here / "ics_golden.ics").write_bytes(to_ics(entries, stamp=STAMP))
    (here / "ics_golden_private.ics").write_bytes(to_ics(entries, stamp=STAMP, private=True))
    (here / "ics_golden_empty.ics").write_bytes(to_ics([], stamp=STAMP))
    rows = [{"ref": e.ref, "due": e.due and e.due.isoformat(), "title": e.title, "description": e.description,
             "sequence": e.sequence, "ico_by": e.ico_by and e.ico_by.isoformat(), "who": e.who} for e in entries]
    (here / "ics_entries.json").write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    _capture()

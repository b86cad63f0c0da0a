"""The direct RFC 5545 writer: byte for byte what the icalendar-based writer wrote (golden files captured
from it before the change, tests/letters/formats/ics_fixed_store.py), and read back by three independent
parsers (icalendar, vobject, khal)."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from ydm.letters.formats.ics import DueEntry, entries_for, read_ics, to_ics, uid_for

from .ics_fixed_store import STAMP, TODAY, views

DATA = Path(__file__).parent / "data"


def golden_entries() -> list[DueEntry]:
    def day(s):
        return date.fromisoformat(s) if s else None

    rows = json.loads((DATA / "ics_entries.json").read_text())
    return [DueEntry(ref=r["ref"], due=day(r["due"]), title=r["title"], description=r["description"],
                     sequence=r["sequence"], ico_by=day(r["ico_by"]), who=r["who"]) for r in rows]


@pytest.mark.parametrize("name, private", [("ics_golden.ics", False), ("ics_golden_private.ics", True)])
def test_same_bytes_as_the_icalendar_writer_for_the_fixed_store(name, private):
    assert to_ics(golden_entries(), stamp=STAMP, private=private) == (DATA / name).read_bytes()
    assert to_ics([], stamp=STAMP) == (DATA / "ics_golden_empty.ics").read_bytes()


def _icalendar_writer(entries, stamp):
    """The old writer's way (icalendar's objects), as the oracle for text the golden files lack."""
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Your Data Matters//ydm//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "ydm request deadlines")
    for e in entries:
        ev = Event()
        ev.add("uid", uid_for(e.ref))
        ev.add("dtstamp", stamp)
        ev.add("dtstart", e.due)
        ev.add("dtend", e.due + timedelta(days=1))
        ev.add("summary", f"{e.ref}: {e.title}")
        ev.add("sequence", e.sequence)
        ev.add("transp", "TRANSPARENT")
        ev.add("categories", ["ydm"])
        if e.description:
            ev.add("description", e.description)
        for trigger, words in ((timedelta(days=-7), "In a week"), (timedelta(hours=9), "Today")):
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{words}: {e.ref}: {e.title}")
            alarm.add("trigger", trigger)
            ev.add_component(alarm)
        cal.add_component(ev)
    return cal.to_ical()


def test_escaping_and_folding_match_icalendar_on_random_text():
    rng = random.Random(20)
    alphabet = "abc XYZ,;:\\\"^\n\r\t'é€ŵ中文🙂العربية" + "x" * 20
    entries = []
    for i in range(300):
        title = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200))).replace("\\N", "\\n")
        desc = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400))).replace("\\N", "\\n")
        entries.append(DueEntry(f"YDM-{i:05d}", date(2027, 1, 1) + timedelta(days=i), title, desc, sequence=i))
    assert to_ics(entries, stamp=STAMP) == _icalendar_writer(entries, STAMP)


def _but_the_complaints_first_step(description: str) -> str:
    """A posted complaint's acknowledgement now says when it was posted and its deemed arrival
    ("complaint sent Fri 18 Sep 2026; first-class post …: Tue 22 Sep 2026") where the golden file has
    "received Tue 22 Sep 2026": the same day, said more fully. Both read as "received <day>" here."""
    first, _, rest = description.partition("\n")
    if first.startswith("complaint sent ") and ": " in first:
        first = "received " + first.rsplit(": ", 1)[1]
    return first + "\n" + rest


def test_the_fixed_store_exports_as_before_apart_from_cancelled_events_sequences_and_reminders():
    before = {e["uid"]: e for e in read_ics((DATA / "ics_golden.ics").read_bytes())}
    now = {e["uid"]: e for e in read_ics(to_ics(entries_for(views()), stamp=STAMP))}
    for uid, old in before.items():
        new = now[uid]
        assert new["sequence"] >= old["sequence"]
        assert new["status"] == ""  # what was live stays live
        assert {k: v for k, v in new.items() if k not in ("sequence", "description")} == {
            k: v for k, v in old.items() if k not in ("sequence", "description")}
        assert _but_the_complaints_first_step(new["description"]) == _but_the_complaints_first_step(old["description"])
    added = {uid: e for uid, e in now.items() if uid not in before}
    cancelled = {uid for uid, e in added.items() if e["status"] == "CANCELLED"}
    assert all(not added[uid]["alarms"] for uid in cancelled)
    assert added.keys() - cancelled == {uid for uid in added if uid.endswith("-reminder@yourdatamatters")}
    # Every finished request of the store is in the new file, cancelled.
    done = {v.ref for v in views() if v.done}
    assert done and {uid_for(ref) for ref in done} <= cancelled


def test_vobject_reads_every_event_back():
    import vobject

    data = to_ics(entries_for(views()), stamp=STAMP)
    cal = vobject.readOne(data.decode())
    mine = {e["uid"]: e for e in read_ics(data)}
    got = {ev.uid.value: ev for ev in cal.vevent_list}
    assert got.keys() == mine.keys()
    for uid, ev in got.items():
        assert ev.summary.value == mine[uid]["summary"]
        assert ev.dtstart.value == mine[uid]["due"]
        assert len(getattr(ev, "valarm_list", [])) == len(mine[uid]["alarms"])


def test_golden_summaries_are_what_the_store_says():
    """A sanity check on the golden file itself: escaping round-trips the awkward names."""
    summaries = " ".join(e["summary"] for e in read_ics((DATA / "ics_golden.ics").read_bytes()))
    assert "Smith, Jones & Partners; Data Brokers" in summaries and "Back\\slash" in summaries
    assert "Zoë's café" in summaries and TODAY.year == 2026

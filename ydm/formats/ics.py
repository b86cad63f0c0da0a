"""Calendar export (.ics via `icalendar`): one all-day event per request's current due date.

Why this shape:
- The UID is derived from the request reference only (`<ref>-due@yourdatamatters`), so
  exporting again and re-importing *updates* the event instead of adding a duplicate; SEQUENCE
  grows with the request's event count, which is what calendar apps use to prefer the newer copy.
- Two alarms: a week before and at 09:00 on the day (relative to the all-day start).
- `private=True` leaves organisation names and letter kinds out (calendars are often synced to a
  cloud service; a "political objection to Party X" entry is itself sensitive).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

PRODID = "-//Your Data Matters//ydm//EN"


@dataclass(frozen=True)
class DueEntry:
    """What the calendar needs about one request."""

    ref: str
    due: date
    title: str  # e.g. "Reform UK must answer your access request"
    description: str = ""  # how the date was counted, what to do next
    sequence: int = 0


def uid_for(ref: str) -> str:
    return f"{ref.strip().lower()}-due@yourdatamatters"


def _alarm(trigger: timedelta, text: str):
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", trigger)
    return alarm


def to_ics(entries: Iterable[DueEntry], *, stamp: datetime | None = None, private: bool = False) -> bytes:
    """The calendar as bytes (CRLF lines, UTF-8), ready to write to a file."""
    from icalendar import Calendar, Event

    stamp = stamp or datetime.now(UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "ydm request deadlines")
    for e in sorted(entries, key=lambda e: (e.due, e.ref)):
        title = f"{e.ref}: reply due" if private else f"{e.ref}: {e.title}"
        ev = Event()
        ev.add("uid", uid_for(e.ref))
        ev.add("dtstamp", stamp)
        ev.add("dtstart", e.due)
        ev.add("dtend", e.due + timedelta(days=1))
        ev.add("summary", title)
        ev.add("sequence", e.sequence)
        ev.add("transp", "TRANSPARENT")
        ev.add("categories", ["ydm"])
        if not private and e.description:
            ev.add("description", e.description)
        ev.add_component(_alarm(timedelta(days=-7), f"In a week: {title}"))
        ev.add_component(_alarm(timedelta(hours=9), f"Today: {title}"))
        cal.add_component(ev)
    return cal.to_ical()


def read_ics(data: bytes) -> list[dict]:
    """Parse an .ics back into plain dicts (uid, due, summary, alarms): for tests and for checking."""
    from icalendar import Calendar

    out = []
    for ev in Calendar.from_ical(data).walk("VEVENT"):
        out.append(
            {
                "uid": str(ev["uid"]),
                "due": ev.decoded("dtstart"),
                "summary": str(ev["summary"]),
                "sequence": int(ev.get("sequence", 0)),
                "alarms": [a.decoded("trigger") for a in ev.walk("VALARM")],
            }
        )
    return out

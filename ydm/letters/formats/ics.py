"""Calendar export (.ics via `icalendar`): one all-day event per request's current due date, and one
for the last day to complain to the ICO when that complaint is on the request's route.

Why this shape:
- The UID is derived from the request reference only (`<ref>-due@yourdatamatters`), so
  exporting again and re-importing *updates* the event instead of adding a duplicate; SEQUENCE
  grows with the request's event count, which is what calendar apps use to prefer the newer copy.
- Two alarms: a week before and at 09:00 on the day (relative to the all-day start). The ICO
  event (`<ref>-ico@yourdatamatters`, its own UID so it updates separately) warns two weeks ahead:
  a complaint to the ICO takes longer to put together than a reminder.
- `private=True` leaves organisation names and letter kinds out (calendars are often synced to a
  cloud service; a "political objection to Party X" entry is itself sensitive).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ydm import clock

PRODID = "-//Your Data Matters//ydm//EN"


@dataclass(frozen=True)
class DueEntry:
    """What the calendar needs about one request."""

    ref: str
    due: date | None  # None: nothing is due from them now, but the ICO date may still be worth an entry
    title: str  # e.g. "Reform UK must answer your access request"
    description: str = ""  # how the date was counted, what to do next
    sequence: int = 0
    # The last day to complain to the ICO ("within three months of your last contact with the
    # organisation", law.md §8): the assessment's `ico_by`, given only when that complaint is a step.
    ico_by: date | None = None
    who: str = ""  # the organisation, for the ICO entry's title


def uid_for(ref: str, what: str = "due") -> str:
    return f"{ref.strip().lower()}-{what}@yourdatamatters"


def entries_for(views: Iterable) -> list[DueEntry]:
    """One entry per open request (`tracker.RequestView`s): its due date, and its `ico_by` when a
    complaint to the ICO is the next letter, now or later (while a reply is merely awaited, the
    ICO date would only move with the next contact, so it is left out)."""
    from ydm.model import RequestKind

    entries = []
    for v in views:
        if v.done:
            continue
        r = v.request
        ico_by = v.ico_by if RequestKind.ICO_COMPLAINT in (v.next_kind, v.next_later) else None
        if v.due is None and ico_by is None:
            continue
        who = r.org_name or r.org_id
        what = v.due_label or "answer"
        what = f"answer your {r.kind.value} request" if what == "answer" else what
        desc = "\n".join([*v.explanation, "", f"Next: {v.next_reason}" if v.next_reason else ""]).strip()
        entries.append(DueEntry(ref=r.ref, due=v.due, title=f"{who} must {what}", description=desc,
                                sequence=len(r.events), ico_by=ico_by, who=who))
    return entries


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

    stamp = stamp or clock.now()
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "ydm request deadlines")
    rows = []
    for e in entries:
        if e.due is not None:
            title = f"{e.ref}: reply due" if private else f"{e.ref}: {e.title}"
            desc = "" if private else e.description
            rows.append((e.due, e.ref, "due", title, desc, e.sequence, timedelta(days=-7), "In a week"))
        if e.ico_by is not None:
            title = f"{e.ref}: last day to complain to the ICO"
            if e.who and not private:
                title += f" about {e.who}"
            desc = "" if private else (
                "The ICO asks for complaints within three months of your last contact with the organisation."
                f" Write it with: ydm requests next {e.ref} --kind ico-complaint"
            )
            rows.append((e.ico_by, e.ref, "ico", title, desc, e.sequence, timedelta(days=-14), "In two weeks"))
    for on, ref, what, title, desc, sequence, early, early_words in sorted(rows, key=lambda r: r[:3]):
        ev = Event()
        ev.add("uid", uid_for(ref, what))
        ev.add("dtstamp", stamp)
        ev.add("dtstart", on)
        ev.add("dtend", on + timedelta(days=1))
        ev.add("summary", title)
        ev.add("sequence", sequence)
        ev.add("transp", "TRANSPARENT")
        ev.add("categories", ["ydm"])
        if desc:
            ev.add("description", desc)
        ev.add_component(_alarm(early, f"{early_words}: {title}"))
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
                "description": str(ev.get("description", "")),
                "sequence": int(ev.get("sequence", 0)),
                "alarms": [a.decoded("trigger") for a in ev.walk("VALARM")],
            }
        )
    return out

"""Calendar export (.ics, RFC 5545 written directly): one all-day event per request's current due date,
one for the last day to complain to the ICO when that complaint is on the request's route, and one for
the end of a reminder's 14 days while they run.

Why this shape:
- The UID is derived from the request reference only (`<ref>-due@yourdatamatters`), so
  exporting again and re-importing *updates* the event instead of adding a duplicate.
- A finished request (answered, closed, withdrawn) keeps its UIDs in every later export with
  `STATUS:CANCELLED` and no alarm (RFC 5545 §3.8.1.11): a calendar that imported an earlier file
  would otherwise keep the stale "must answer by" event and its alarms forever. The same holds for
  the ICO and reminder events of a request that has moved past them.
- SEQUENCE (RFC 5545 §3.8.7.4) is what calendar apps use to prefer the newer copy of an event: it is
  raised whenever an event's text or date can change. Without keeping state, ydm derives it from what
  the text and date are made of: 4 × the request's event count (every recorded event can change them),
  plus one for each of its dates that has passed (the "Next:" advice changes then), plus 3 once the
  event is cancelled. For one request these only grow, so a later export always wins.
- The complaint's acknowledgement date is the `-due` event while it is awaited ("must acknowledge
  your complaint"), then the outcome's date; the reminder's end is a `-reminder` event.
- Two alarms: a week before and at 09:00 on the day (relative to the all-day start). The ICO
  event (`<ref>-ico@yourdatamatters`, its own UID so it updates separately) warns two weeks ahead:
  a complaint to the ICO takes longer to put together than a reminder.
- `private=True` leaves organisation names and letter kinds out (calendars are often synced to a
  cloud service; a "political objection to Party X" entry is itself sensitive).

The writer: `icalendar` built and folded every line through parameter objects (92% of a 10k export's
time, issue 22), so the lines are written here, byte for byte as icalendar 7 wrote them (property
order, TEXT escaping of RFC 5545 §3.3.11, folding at 75 octets per §3.1 without splitting a backslash
escape across a fold); tests/letters/formats/test_ics_writer.py compares against files written by the
old code and reads the output back with icalendar, vobject and khal. One deliberate difference: a
literal `\\N` in a title is escaped as the backslash it is (icalendar turned it into a line break).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from operator import itemgetter

from ydm import clock

PRODID = "-//Your Data Matters//ydm//EN"
CANCELLED_STEP = 3  # added to SEQUENCE when an event is cancelled (above any live stage: 0-2)


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
    reminder_end: date | None = None  # the last of a reminder's 14 days, while they run
    # UIDs' kinds ("due", "ico", "reminder") this request once had and no longer has, with the date
    # to leave the cancelled event on: written STATUS:CANCELLED, without alarms.
    cancelled: tuple[tuple[str, date], ...] = ()


def uid_for(ref: str, what: str = "due") -> str:
    return f"{ref.strip().lower()}-{what}@yourdatamatters"


def _history(events) -> tuple[date | None, bool, bool, date | None]:
    """One pass over a request's events: (last reminder, an ICO complaint was ever on its route,
    it was sent, its last event's date)."""
    from ydm.model import EventKind as K

    reminded = last = None
    ico = sent = False
    ico_kinds = (K.COMPLAINT_SENT, K.RESPONSE_INCOMPLETE, K.ICO_COMPLAINT_SENT)
    for e in events:
        kind, on = e.kind, e.on
        if last is None or on > last:
            last = on
        if kind is K.SENT:
            sent = True
        elif kind is K.REMINDER_SENT:
            if reminded is None or on > reminded:
                reminded = on
        elif kind in ico_kinds:
            ico = True
    return reminded, ico, sent, last


def entries_for(views: Iterable) -> list[DueEntry]:
    """One entry per request (`tracker.RequestView`s): an open one's due date, its `ico_by` when a
    complaint to the ICO is the next letter, now or later (while a reply is merely awaited, the ICO
    date would only move with the next contact, so it is left out), the end of a running reminder's
    14 days; and, for what a request no longer has (all of it, once finished), cancelled events."""
    from ydm.law.escalation_clock import reminder_window_end
    from ydm.model import RequestKind

    entries = []
    for v in views:
        r = v.request
        events = r.events
        base = 4 * len(events)
        reminded, had_ico, sent, last_on = _history(events)
        last_on = last_on or v.today
        rem_end = reminder_window_end(reminded) if reminded is not None else None
        if v.done:
            # The due event always (the one every export had); an ICO or reminder date only while it
            # (and its alarms) is still ahead: once passed it is history and stays as it was.
            gone = [("due", last_on)] if events else []
            if had_ico and v.ico_by is not None and v.ico_by >= v.today:
                gone.append(("ico", v.ico_by))
            if rem_end is not None and rem_end >= v.today:
                gone.append(("reminder", rem_end))
            if gone:
                entries.append(DueEntry(ref=r.ref, due=None, title="", sequence=base + CANCELLED_STEP,
                                        who=r.org_name or r.org_id, cancelled=tuple(gone)))
            continue
        ico_by = v.ico_by if RequestKind.ICO_COMPLAINT in (v.next_kind, v.next_later) else None
        live_reminder = rem_end if v.status == "reminded" else None
        gone = []
        if v.due is None and sent and v.status != "waiting":  # "waiting" without a due: a kind with no clock
            gone.append(("due", last_on))
        # An ICO or reminder date the request has moved past: cancelled while still ahead (as above).
        if ico_by is None and had_ico and v.ico_by is not None and v.ico_by >= v.today:
            gone.append(("ico", v.ico_by))
        if live_reminder is None and rem_end is not None and rem_end >= v.today:
            gone.append(("reminder", rem_end))
        if v.due is None and ico_by is None and live_reminder is None and not gone:
            continue
        who = r.org_name or r.org_id
        what = v.due_label or "answer"
        what = f"answer your {r.kind.value} request" if what == "answer" else what
        desc = "\n".join([*v.explanation, "", f"Next: {v.next_reason}" if v.next_reason else ""]).strip()
        passed = sum(1 for d in (v.due, rem_end) if d is not None and d < v.today)
        entries.append(DueEntry(ref=r.ref, due=v.due, title=f"{who} must {what}", description=desc,
                                sequence=base + passed, ico_by=ico_by, who=who, reminder_end=live_reminder,
                                cancelled=tuple(gone)))
    return entries


# --- the writer ----------------------------------------------------------------------------------------

_PLAIN = frozenset("\\;,\r\n")  # the characters TEXT escapes


def _escape(text: str) -> str:
    """RFC 5545 §3.3.11 TEXT: backslash, semicolon, comma and line breaks escaped (in this order)."""
    if _PLAIN.isdisjoint(text):  # most titles: nothing to escape, no five passes over them
        return text
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _fold(line: str) -> str:
    """RFC 5545 §3.1: lines of at most 75 octets, continued with CRLF and a space; exactly where
    icalendar 7 folded (at most 74 octets of content per line, a `\\` or `^` that would end a line
    carried over so an escape is never split)."""
    if len(line) < 75 and (line.isascii() or len(line.encode()) < 75):
        return line
    parts = []
    if line.isascii():
        start, n = 0, len(line)
        while n - start > 74:
            end = start + 74
            if line[end - 1] in "\\^" and end - start > 1:
                end -= 1
            parts.append(line[start:end])
            start = end
        parts.append(line[start:])
        return "\r\n ".join(parts)
    current: list[str] = []
    count = 0
    for ch in line:
        size = len(ch.encode())
        if current and count + size >= 75:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                parts.append("".join(current))
                current, count = [carried], len(carried.encode())
            else:
                parts.append("".join(current))
                current, count = [], 0
        current.append(ch)
        count += size
    if current:
        parts.append("".join(current))
    return "\r\n ".join(parts)


def _duration(td: timedelta) -> str:
    """RFC 5545 §3.3.6 for the alarm triggers used here (whole days or hours)."""
    sign = "-" if td < timedelta(0) else ""
    td = abs(td)
    if td.seconds == 0:
        return f"{sign}P{td.days}D"
    hours, rest = divmod(td.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    out = f"{sign}P{td.days}DT" if td.days else f"{sign}PT"
    return out + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + (f"{seconds}S" if seconds else "")


def _stamp(stamp: datetime) -> str:
    if stamp.tzinfo is None:
        return stamp.strftime("%Y%m%dT%H%M%S")
    return stamp.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _rows(entries: Iterable[DueEntry], private: bool) -> list[tuple]:
    rows = []
    for e in entries:
        if e.due is not None:
            title = f"{e.ref}: reply due" if private else f"{e.ref}: {e.title}"
            desc = "" if private else e.description
            rows.append((e.due, e.ref, "due", title, desc, e.sequence, timedelta(days=-7), "In a week", False))
        if e.ico_by is not None:
            title = f"{e.ref}: last day to complain to the ICO"
            if e.who and not private:
                title += f" about {e.who}"
            desc = "" if private else (
                "The ICO asks for complaints within three months of your last contact with the organisation."
                f" Write it with: ydm requests next {e.ref} --kind ico-complaint"
            )
            rows.append((e.ico_by, e.ref, "ico", title, desc, e.sequence, timedelta(days=-14), "In two weeks",
                         False))
        if e.reminder_end is not None:
            title = f"{e.ref}: your reminder's 14 days end"
            if e.who and not private:
                title += f" ({e.who})"
            desc = "" if private else (
                "If there is still no answer by the end of this day, complain to the organisation:"
                f" ydm requests next {e.ref} --kind complaint"
            )
            rows.append((e.reminder_end, e.ref, "reminder", title, desc, e.sequence, timedelta(days=-3),
                         "In three days", False))
        for what, on in e.cancelled:
            title = f"{e.ref}: cancelled, nothing more is due" if private or not e.who else (
                f"{e.ref}: cancelled, nothing more is due from {e.who}")
            seq = e.sequence // 4 * 4 + CANCELLED_STEP  # the same events, cancelled: above any live stage
            rows.append((on, e.ref, what, title, "", seq, None, "", True))
    rows.sort(key=itemgetter(0, 1, 2))
    return rows


def iter_ics(entries: Iterable[DueEntry], *, stamp: datetime | None = None, private: bool = False) -> Iterator[str]:
    """The calendar's lines (folded, CRLF-terminated), one event at a time."""
    dtstamp = _stamp(stamp or clock.now())
    # The same few hundred days and four alarm offsets recur over thousands of events: each is
    # formatted once (strftime and the duration text were a third of the writer's time).
    days: dict[date, str] = {}
    triggers: dict[timedelta, str] = {}

    def day(on: date) -> str:
        text = days.get(on)
        if text is None:
            text = days[on] = f"{on:%Y%m%d}"
        return text

    def trigger_text(td: timedelta) -> str:
        text = triggers.get(td)
        if text is None:
            text = triggers[td] = _duration(td)
        return text

    yield ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + _fold(f"PRODID:{_escape(PRODID)}")
           + "\r\nCALSCALE:GREGORIAN\r\nX-WR-CALNAME:ydm request deadlines\r\n")
    for on, ref, what, title, desc, sequence, early, early_words, cancelled in _rows(entries, private):
        end = on + timedelta(days=1)
        summary = _escape(title)
        lines = [
            "BEGIN:VEVENT",
            _fold(f"SUMMARY:{summary}"),
            f"DTSTART;VALUE=DATE:{day(on)}",
            f"DTEND;VALUE=DATE:{day(end)}",
            f"DTSTAMP:{dtstamp}",
            _fold(f"UID:{_escape(uid_for(ref, what))}"),
            f"SEQUENCE:{sequence}",
            "CATEGORIES:ydm",
        ]
        if desc:
            lines.append(_fold(f"DESCRIPTION:{_escape(desc)}"))
        if cancelled:
            lines.append("STATUS:CANCELLED")
        lines.append("TRANSP:TRANSPARENT")
        if not cancelled:
            for trigger, words in ((early, early_words), (timedelta(hours=9), "Today")):
                lines += ["BEGIN:VALARM", "ACTION:DISPLAY", _fold(f"DESCRIPTION:{_escape(words)}: {summary}"),
                          f"TRIGGER:{trigger_text(trigger)}", "END:VALARM"]
        lines.append("END:VEVENT\r\n")
        yield "\r\n".join(lines)
    yield "END:VCALENDAR\r\n"


def to_ics(entries: Iterable[DueEntry], *, stamp: datetime | None = None, private: bool = False) -> bytes:
    """The calendar as bytes (CRLF lines, UTF-8), ready to write to a file."""
    return b"".join(chunk.encode() for chunk in iter_ics(entries, stamp=stamp, private=private))


def read_ics(data: bytes) -> list[dict]:
    """Parse an .ics back into plain dicts (uid, due, summary, alarms, status): for tests and for checking."""
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
                "status": str(ev.get("status", "")),
                "alarms": [a.decoded("trigger") for a in ev.walk("VALARM")],
            }
        )
    return out

"""Recording what happened to a request: events (`mark`), the sending of a draft (`mark_sent`,
`record_sent`) and the letters `ydm letter --record` or the TUI wrote (`record_letters`).

Separate from deriving (`tracker.views`) because these are the only tracker functions that write to
the store; each checks the new fact against the log (`tracker.order.impossible`) and returns the
fresh view.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from ydm.errors import InputError
from ydm.model import REPORT_KINDS, Channel, Event, EventKind, Nation, Request, RequestKind
from ydm.store.codec import StoredLetter, normalize_ref
from ydm.tracker.views import RequestView, view

# The event a sent escalation letter leaves in the log. A follow-up asks again for what a reply left
# out, so (like the first request) its sending restarts the one-month clock: it is recorded as `sent`
# with the letter kind in its data.
SENT_EVENT = {
    RequestKind.REMINDER: EventKind.REMINDER_SENT,
    RequestKind.COMPLAINT: EventKind.COMPLAINT_SENT,
    RequestKind.ICO_COMPLAINT: EventKind.ICO_COMPLAINT_SENT,
    RequestKind.FOLLOW_UP: EventKind.SENT,
}


def unsent_letters(request, letters) -> list:
    """The later letters written but not marked as sent (no event of their sending on or after the day
    each was written), the newest of each kind, oldest first: every face says the reminder is written
    and waits to be marked sent, rather than looking as if nothing had been done and inviting a second."""
    newest: dict = {}
    for later in letters:
        sent_as = SENT_EVENT.get(later.kind)
        if sent_as is not None and not any(e.kind is sent_as and e.on >= later.on for e in request.events):
            newest[later.kind] = later
    return sorted(newest.values(), key=lambda later: later.on)


def parse_event_kind(text: str) -> EventKind:
    value = (text or "").strip().lower().replace("_", "-").replace(" ", "-")
    try:
        return EventKind(value)
    except ValueError:
        names = [k.value for k in EventKind]
        close = difflib.get_close_matches(value, names, n=2, cutoff=0.5)
        hint = ("did you mean " + " or ".join(close) + "?") if close else "one of " + ", ".join(names)
        raise InputError(f"unknown event '{text}'", hint=hint) from None


def _check_not_future(on: date, today: date, what: str = "the date") -> None:
    if on > today:
        raise InputError(f"{what} {on.isoformat()} is in the future (today is {today.isoformat()}); "
                         "record things once they have happened")


def mark(store, ref: str, kind: EventKind | str, *, today: date, on: date | None = None, note: str = "",
         data: dict | None = None) -> RequestView:
    """Record that something happened.

    Impossible orders (see `tracker.order.impossible`: a receipt or reply before the request was
    sent, an answer before its question, ...) are refused with an InputError. Merely late or odd
    ones (an extension claimed after the deadline, ID sent before it was asked for) are recorded,
    and the view carries a warning.
    """
    from ydm.tracker.order import impossible

    kind = kind if isinstance(kind, EventKind) else parse_event_kind(kind)
    on = on or today
    _check_not_future(on, today)
    before = store.get(ref)
    data = dict(data or {})
    if data.get("via") is not None:
        # How an answer to their question, proof of identity or a fee went (clarification-provided,
        # id-provided, fee-paid): it counts from when it arrives, deemed from this channel
        # (escalation.clarification_received; Art 12A(2)(b),(c) and (5), law.md R3, R10).
        data["via"] = _channel(str(data["via"])).value
    event = Event(kind=kind, on=on, note=(note or "").strip(), data=data)
    problem = impossible(before, event)
    if problem:
        raise InputError(problem, hint="check the date, or record the other event's correct date first")
    r = store.add_event(ref, event)
    v = view(r, today)
    later = [e for e in before.events if e.on > on and e.kind is not EventKind.DRAFTED]
    if later:
        latest = max(later, key=lambda e: e.on)
        note_ = (f"recorded out of order: {kind.value} on {on.isoformat()} is earlier than "
                 f"{latest.kind.value} on {latest.on.isoformat()}")
        v = replace(v, warnings=(note_, *v.warnings))
    return v


def mark_sent(store, ref: str, *, today: date, on: date | None = None,
              channel: Channel | str | None = None, note: str = "") -> RequestView:
    """Record that a request went out on `on`, and (for a draft) how it went.

    The channel is part of the same write as the `sent` event, because the deadline engine counts
    deemed receipt from it (post arrives some working days later: `deadlines.RECEIPT_RULES`), so a
    draft planned as email but posted must not be counted as email for a moment. How the first
    letter went cannot change once it is recorded as sent: a later `sent` (a follow-up going out)
    goes through `mark` as before.
    """
    from ydm.store.codec import insert_position
    from ydm.tracker.order import impossible

    on = on or today
    _check_not_future(on, today, "the sending date")
    r = store.get(ref)
    wanted = None if channel is None else (channel if isinstance(channel, Channel) else _channel(channel))
    first = next((e for e in r.events if e.kind is EventKind.SENT), None)
    if first is not None:
        if wanted is not None and wanted is not r.channel:
            raise InputError(f"{r.ref} is already recorded as sent by {r.channel.value} on {first.on.isoformat()}; "
                             "how it went can only be given for a draft")
        return mark(store, ref, EventKind.SENT, today=today, on=on, note=note)
    event = Event(kind=EventKind.SENT, on=on, note=(note or "").strip())
    problem = impossible(r, event)
    if problem:
        raise InputError(problem, hint="check the date, or record the other event's correct date first")
    if wanted is not None:
        r.channel = wanted
    r.events.insert(insert_position([e.on for e in r.events], on), event)
    store.update(r)
    return view(store.get(ref), today)


def _channel(text: str) -> Channel:
    try:
        return Channel(text.strip().lower())
    except ValueError:
        raise InputError(f"unknown way of sending '{text}' (one of {', '.join(c.value for c in Channel)})") from None


def record_sent(ref: str, on: date, *, today: date | None = None, store=None) -> RequestView:
    """Mark a drafted request as sent on `on`."""
    from ydm import clock

    today = today or clock.today()
    with _using(store) as s:
        return mark_sent(s, ref, today=today, on=on)


def record_letters(letters: Iterable, *, channel: Channel | str | None = None, sent_on: date | None = None,
                   store=None, nation: Nation | None = None, today: date | None = None,
                   channels: Iterable[Channel | str] | None = None,
                   sent_dates: Iterable[date | None] | None = None) -> list[Request]:
    """Record what `ydm letter --record` (or the TUI) wrote: one request per initial letter.

    An initial letter (access, objection, ...) becomes a new request with a `drafted` event on the
    letter's date, plus `sent` on `sent_on` if given. A later letter (reminder, complaint, ...) whose
    reference matches a stored request is kept with that request (and its `*-sent` event is added if
    `sent_on` is given). If no profile is stored yet, the sender's details are kept (encrypted) so
    `ydm requests next` can write the follow-up letters; each new request also keeps its own signer
    (`Request.sender`). `store=None` opens the user's store.

    `channels` (one per letter) instead of one `channel` for all, and `sent_dates` (one date or None
    per letter) instead of one `sent_on`: a whole batch goes into the store in one transaction, all
    or none, however its letters went.
    """
    from ydm import clock
    from ydm.tracker.order import impossible

    today = today or clock.today()
    letters = list(letters)
    wanted = list(channels) if channels is not None else [channel] * len(letters)
    if len(wanted) != len(letters) or any(c is None for c in wanted):
        raise ValueError("record_letters needs a channel, or one channel per letter")
    try:
        wanted = [Channel(c) for c in wanted]
    except ValueError:
        bad = next(c for c in wanted if c not in {x.value for x in Channel})
        raise InputError(f"unknown channel '{bad}' (one of {', '.join(c.value for c in Channel)})") from None
    dates = list(sent_dates) if sent_dates is not None else [sent_on] * len(letters)
    if len(dates) != len(letters):
        raise ValueError("record_letters needs one sending date (or None) per letter")
    for day in dict.fromkeys(d for d in dates if d is not None):
        _check_not_future(day, today, "the sending date")
    out: list[Request] = []
    with _using(store) as s:
        new: list[Request] = []
        for letter, channel, sent in zip(letters, wanted, dates, strict=True):
            if letter.kind in REPORT_KINDS:
                continue  # a report to a regulator (imprint-report) asks nothing of a controller: no deadline
            ref = normalize_ref(letter.reference)
            existing = None if letter.kind.is_initial else s.find(ref)
            if existing is not None:
                ev = None
                if sent is not None:
                    ev = Event(SENT_EVENT[letter.kind], sent, data={"letter": letter.kind.value})
                    problem = impossible(existing, ev)
                    if problem:
                        raise InputError(problem, hint="check the --sent date")
                s.add_letter(ref, StoredLetter(letter.kind, letter.on, letter.text, letter.subject), event=ev)
                out.append(s.get(ref))
                continue
            # A backfilled request (`--sent` earlier than the day it was written down) was drafted
            # by the day it was sent at the latest: never record `drafted` after `sent`.
            drafted = min(letter.on, sent) if sent is not None else letter.on
            events = [Event(EventKind.DRAFTED, drafted)]
            if sent is not None:
                events.append(Event(EventKind.SENT, sent))
            new.append(Request(ref=ref, kind=letter.kind, org_id=letter.org.id, channel=channel, nation=nation,
                               events=events, letter_text=letter.text, org_name=letter.org.display_name,
                               sender=letter.person, **given_recipient(letter)))
        out.extend(s.add_many(new))
        if letters and s.load_profile() is None:
            s.save_profile(letters[0].person)
    return out


def given_recipient(letter) -> dict:
    """The address and email the person gave for this letter, where they are not the organisation's
    researched ones: kept with the request so its reminder and complaint go to the same place."""
    email = letter.recipient_email if letter.recipient_email and letter.recipient_email != letter.org.email else ""
    return {"address_to": tuple(letter.address_to), "email_to": email}


class _using:
    """Use the given store, or open the user's store for the duration and close it after."""

    def __init__(self, store):
        self._given = store
        self._opened = None

    def __enter__(self):
        if self._given is not None:
            return self._given
        from ydm.store.db import open_store

        self._opened = open_store()
        return self._opened

    def __exit__(self, *exc):
        if self._opened is not None:
            self._opened.close()

"""`ydm requests next`: pick the next letter for a request (via the escalation engine) and write it.

The letters themselves are templates in letter_templates/ (reminder, complaint, ico-complaint,
follow-up). The facts they quote come from `tracker.facts` (the dates and timeline from the event
log, ART15_ITEMS) and `tracker.context` (the dict the templates read); this module chooses the
letter, checks the missing Art 15(1) items the person ticked, writes the letter and keeps it.
The names callers import from here (ART15_ITEMS, REQUEST_WORDS, long_date, letter_context,
response_date, ...) are re-exported.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date

from ydm.errors import InputError, LateComplaint, NotFoundError
from ydm.law.deadlines import S164A_FROM
from ydm.letters import render as letters
from ydm.model import Category, EventKind, Organisation, Request, RequestKind
from ydm.orgs import contacts
from ydm.store.codec import StoredLetter
from ydm.tracker.context import letter_context
from ydm.tracker.facts import (
    ART15_ITEMS,
    ITEM_NAMES,
    REQUEST_WORDS,
    complaint_under_s164a,
    copies_on_offer,
    item_names_help,
    long_date,
    normalize_items,
    response_date,
    timeline,
)
from ydm.tracker.views import RequestView, view

__all__ = [
    "ART15_ITEMS", "ITEM_NAMES", "REQUEST_WORDS", "item_names_help", "asked_in_follow_up", "complaint_under_s164a", "copies_on_offer",
    "letter_context", "long_date", "next_letter", "normalize_items", "response_date", "timeline",
]


@dataclass
class NextStep:
    """What `next` decided: the letter kind (or None), why, and the letter when one was written."""

    kind: RequestKind | None
    reason: str
    letter: object | None = None  # ydm.letters.render.Letter
    view: RequestView | None = None
    context: dict = field(default_factory=dict)


_AFTER_FOLLOW_UP = frozenset({RequestKind.REMINDER, RequestKind.COMPLAINT, RequestKind.ICO_COMPLAINT})


def asked_in_follow_up(stored: list[StoredLetter], r: Request) -> list[str]:
    """The Art 15 items the last stored follow-up letter asked for (its text lists them in ART15_ITEMS'
    words), when a reply to the request was marked incomplete; else none."""
    if not any(e.kind is EventKind.RESPONSE_INCOMPLETE for e in r.events):
        return []
    follow_ups = [x for x in stored if x.kind is RequestKind.FOLLOW_UP]
    if not follow_ups:
        return []
    text = follow_ups[-1].text
    return [code for code, words in ART15_ITEMS.items() if f"- {words}" in text]


def _org(directory, org_id: str, name: str) -> Organisation:
    try:
        return directory.get(org_id)
    except NotFoundError:
        return Organisation(id=org_id, display_name=name or org_id, category=Category.OTHER)


def next_letter(store, ref: str, *, today: date, person=None, directory=None, missing=(),
                kind: RequestKind | str | None = None, extra_text: str = "", keep: bool = True,
                late_reason: str = ""):
    """Decide the next letter (or none) and write it. `kind` overrides the engine's choice.

    `keep=True` stores the letter text with the request (encrypted), so the person can see later what
    they sent; nothing is marked as sent: they run `ydm requests mark REF reminder-sent` (or similar)
    once they have sent it. When a letter is stored: each time `next` writes a letter whose text is new
    for that kind and day. Running it again with the same facts on the same day writes the same text,
    which is kept once; a letter that differs (other --missing items, other words of their own, a later
    day) is kept as well, because either may be the one that goes out.

    The later letters of an access request whose reply fell short (reminder, complaint, ICO complaint)
    list the missing Art 15 items given with `missing`, or else those the last stored follow-up asked for.
    """

    r = store.get(ref)
    v = view(r, today)
    chosen = RequestKind(kind) if kind else v.next_kind
    checked = _from_check(store, r, v, chosen, missing, directory) if kind is None or chosen is RequestKind.FOLLOW_UP else None
    if checked is not None:
        chosen = RequestKind.FOLLOW_UP
    if chosen is None:
        return NextStep(None, v.next_reason or f"nothing to send now ({v.status})", view=v)
    if chosen.is_initial:
        raise InputError(f"'{chosen.value}' starts a new request: use 'ydm letter {chosen.value}'")
    items = normalize_items(missing)
    if items and r.kind not in (RequestKind.ACCESS, RequestKind.FOLLOW_UP) and chosen is not RequestKind.FOLLOW_UP:
        raise InputError(f"--missing names Article 15 items, which only an access request asks for ({r.ref} is "
                         f"{r.kind.value})")
    political: list[str] = []
    if checked is not None:  # the checklist of their reply (ydm requests check) says what is missing
        items = [c for c in checked.missing if c in ART15_ITEMS]
        political = [c for c in checked.missing if c not in ART15_ITEMS]
    if not items and chosen in _AFTER_FOLLOW_UP:
        items = asked_in_follow_up(store.letters(r.ref), r)
    if chosen is RequestKind.FOLLOW_UP and not items and not political:
        raise InputError("say which parts their reply left out, e.g. --missing recipients --missing sources",
                         hint="items: " + ", ".join(ITEM_NAMES))
    person = person or r.sender or store.load_profile()
    if person is None:
        raise InputError("no profile is stored, so the letter has no sender",
                         hint="write one letter with 'ydm letter ... --record', or save your details in the app")
    directory = directory or contacts.load()
    about = _org(directory, r.org_id, r.org_name)
    recipient = _org(directory, "ico", "Information Commissioner's Office") if chosen is RequestKind.ICO_COMPLAINT else about
    from ydm.profile import clean_text

    late_reason = " ".join(clean_text(late_reason or "").split())
    context = letter_context(r, v, chosen, today, items, about, late_reason, also=political)
    if chosen is RequestKind.ICO_COMPLAINT and context["ico_late"] and not late_reason:
        # The ICO's window is its policy (law.md §8), not a bar: a late complaint can still go, but it
        # must say it is late and why, never claim to be in time (issue 16 finding 1).
        raise LateComplaint(context["last_contact"], context["ico_by"])
    same_place = {} if recipient is not about else {  # where the person sent the first letter
        "address_to": r.address_to or None, "email_to": r.email_to or None}
    letter = letters.render(chosen, person, recipient, today=today, reference=r.ref, context=context,
                            extra_text=extra_text, **same_place)
    if chosen is RequestKind.COMPLAINT and today < S164A_FROM:
        # letters.SUBJECTS names s.164A, which applies only to complaints received from 19 Jun 2026
        # (SI 2026/82 reg 7): an earlier complaint is a plain one.
        subject = f"Complaint about how you have handled my {context['request_words']} - ref {r.ref}"
        letter = dataclasses.replace(letter, subject=subject)
    if checked is not None and keep and v.status == "answered":
        mark_incomplete_from_check(store, r)
    if keep and not any(x.kind is chosen and x.on == today and x.text == letter.text for x in store.letters(r.ref)):
        # Kept once: running `next` again with the same facts on the same day writes the same letter.
        store.add_letter(r.ref, StoredLetter(chosen, today, letter.text, letter.subject))
    reason = v.next_reason if chosen == v.next_kind else f"you asked for a {chosen.value} letter"
    if checked is not None:
        reason = (f"their reply leaves out {len(checked.missing)} item(s) of the checklist "
                  f"(ydm requests check {r.ref}); the follow-up asks for exactly those")
    return NextStep(chosen, reason, letter, v, context)


def _from_check(store, r: Request, v: RequestView, chosen, missing, directory):
    """The checklist of a request's stored replies, when it should choose the follow-up: an access
    request answered (or already judged incomplete) with nothing given in --missing, whose reply
    leaves something out. None otherwise (the engine's choice stands)."""
    if missing or r.kind is not RequestKind.ACCESS or not hasattr(store, "replies"):
        return None
    if chosen not in (None, RequestKind.FOLLOW_UP) or v.status not in ("answered", "incomplete"):
        return None
    if not store.replies(r.ref):
        return None
    from ydm.tracker.replies.check import check_request

    checked = check_request(store, r.ref, directory=directory)
    return checked if checked.missing else None


def mark_incomplete_from_check(store, r: Request) -> None:
    """Record that the last reply was incomplete (the checklist says so), dated the day it came: the
    follow-up's `sent` then restarts the clock, as after `ydm requests mark REF response-incomplete`."""
    from ydm.model import Event

    replied = [e.on for e in r.events if e.kind is EventKind.RESPONSE_RECEIVED]
    if replied:
        store.add_event(r.ref, Event(EventKind.RESPONSE_INCOMPLETE, max(replied), note="from ydm requests check"))

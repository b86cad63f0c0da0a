"""`ydm requests next`: pick the next letter for a request (via the escalation engine) and write it.

The letters themselves are templates in letter_templates/ (reminder, complaint, ico-complaint,
follow-up); this module gathers the facts they quote: the dates from the event log, the timeline
the ICO asks for, the last contact (the ICO wants complaints within three months of it), and for a
follow-up exactly the Art 15(1) items the person ticked as missing.
"""

from __future__ import annotations

from datetime import date

from ydm.errors import InputError, NotFoundError
from ydm.model import Category, EventKind, Organisation, Request, RequestKind
from ydm.store_codec import StoredLetter

# Art 15 items a reply can leave out, by the code the person ticks (`--missing 15(1)(c)`).
ART15_ITEMS = {
    "15(1)-copy": "a copy of the personal data you hold about me (Article 15(1) and (3))",
    "15(1)(a)": "the purposes of the processing, and the lawful basis you rely on for each (Article 15(1)(a))",
    "15(1)(b)": "the categories of personal data concerned, including any revealing political opinions (Article 15(1)(b))",
    "15(1)(c)": "the recipients or categories of recipient of my data, named where you can (Article 15(1)(c))",
    "15(1)(d)": "how long you will keep each category of my data, or the criteria used to decide (Article 15(1)(d))",
    "15(1)(e)": "my rights to rectification, erasure, restriction and to object (Article 15(1)(e))",
    "15(1)(f)": "my right to complain to the Information Commissioner's Office (Article 15(1)(f))",
    "15(1)(g)": "all available information about the source of any data not collected from me (Article 15(1)(g))",
    "15(1)(h)": "whether you make automated decisions about me, including profiling, with meaningful information "
                "about the logic involved and its significance and consequences for me (Article 15(1)(h))",
    "15(2)": "the safeguards for any transfer of my data outside the UK (Article 15(2))",
}

REQUEST_WORDS = {
    RequestKind.ACCESS: ("subject access request", "Article 15 of the UK GDPR"),
    RequestKind.OBJECT_MARKETING: ("objection to direct marketing", "Article 21(2) and (3) of the UK GDPR"),
    RequestKind.OBJECT_PROCESSING: ("objection to processing and profiling", "Article 21(1) of the UK GDPR"),
    RequestKind.OPEN_REGISTER: ("request to be removed from the open register",
                                "the Representation of the People Regulations and Article 21 of the UK GDPR"),
    RequestKind.ERASURE: ("request for erasure", "Article 17 of the UK GDPR"),
    RequestKind.FOLLOW_UP: ("follow-up to my subject access request", "Article 15 of the UK GDPR"),
    RequestKind.REMINDER: ("request", "the UK GDPR"),
    RequestKind.COMPLAINT: ("complaint", "section 164A of the Data Protection Act 2018"),
    RequestKind.ICO_COMPLAINT: ("complaint", "section 165 of the Data Protection Act 2018"),
}

_CHANNEL_WORDS = {"email": "email", "webform": "their web form", "first-class": "first-class post",
                  "second-class": "second-class post", "hand": "hand"}

_EVENT_WORDS = {
    EventKind.SENT: "I sent my {words}",
    EventKind.RECEIVED: "you received my {words}",
    EventKind.ACKNOWLEDGED: "you acknowledged my {words}",
    EventKind.ID_REQUESTED: "you asked me for proof of identity",
    EventKind.ID_PROVIDED: "I provided proof of identity",
    EventKind.FEE_REQUESTED: "you asked me for a fee",
    EventKind.FEE_PAID: "I paid the fee",
    EventKind.CLARIFICATION_REQUESTED: "you asked me to clarify my {words}",
    EventKind.CLARIFICATION_PROVIDED: "I answered your question",
    EventKind.EXTENDED: "you told me you were extending the time to respond",
    EventKind.RESPONSE_RECEIVED: "I received your response",
    EventKind.RESPONSE_INCOMPLETE: "I received a response that did not cover everything I asked for",
    EventKind.REMINDER_SENT: "I sent you a reminder",
    EventKind.COMPLAINT_SENT: "I complained to you under section 164A of the Data Protection Act 2018",
    EventKind.COMPLAINT_ACKNOWLEDGED: "you acknowledged my complaint",
    EventKind.ICO_COMPLAINT_SENT: "I complained to the Information Commissioner's Office",
    EventKind.WITHDRAWN: "I withdrew my {words}",
    EventKind.CLOSED: "the matter was closed",
}


def long_date(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def normalize_items(codes) -> list[str]:
    """`c`, `(c)`, `15(1)(c)`, `copy` -> canonical codes; unknown codes are an InputError listing the valid ones."""
    out: list[str] = []
    for raw in codes:
        for part in str(raw).replace(",", " ").split():
            code = part.strip().lower().replace(" ", "")
            if code in ("copy", "15(1)copy", "15(3)"):
                code = "15(1)-copy"
            elif len(code) == 1 and code in "abcdefgh":
                code = f"15(1)({code})"
            elif code.startswith("(") and len(code) == 3:
                code = "15(1)" + code
            elif code in ("2", "(2)"):
                code = "15(2)"
            if code not in ART15_ITEMS:
                raise InputError(f"unknown Article 15 item '{part}'", hint="one of " + ", ".join(ART15_ITEMS))
            if code not in out:
                out.append(code)
    return out


def timeline(r: Request, words: str) -> list[dict]:
    rows = []
    for e in sorted(r.events, key=lambda e: e.on):
        if e.kind is EventKind.DRAFTED:
            continue
        text = _EVENT_WORDS[e.kind].format(words=words)
        if e.kind is EventKind.COMPLAINT_SENT and not complaint_under_s164a(r, e.on):
            text = "I complained to you"
        if e.kind is EventKind.SENT and e.data.get("letter") == RequestKind.FOLLOW_UP.value:
            text = "I wrote again asking for the information your response left out"
        rows.append({"on": long_date(e.on), "date": e.on.isoformat(), "what": text, "what_ico": _third_person(text)})
    return rows


def _third_person(text: str) -> str:
    """The same timeline line told to the ICO: "you"/"your" (the organisation) become "they"/"their"."""
    for a, b in (("I complained to you", "I complained to them"), ("I sent you", "I sent them"),
                 ("you ", "they "), ("your ", "their ")):
        text = text.replace(a, b)
    return text


def complaint_under_s164a(r: Request, sent: date) -> bool:
    """Whether a complaint sent on `sent` fell under DPA 2018 s.164A: only complaints *received* from
    19 Jun 2026 do (SI 2026/82 reg 7), so the deemed receipt by the request's channel decides."""
    from ydm.deadlines import REGIME_S164A, receipt_date, regime_for
    from ydm.tracker_assess import nation_of

    return regime_for(RequestKind.COMPLAINT, receipt_date(sent, r.channel, nation_of(r))) == REGIME_S164A


# What the organisation sent the person: the "replies" an ICO complaint can offer copies of.
_FROM_ORG = frozenset({
    EventKind.ACKNOWLEDGED, EventKind.ID_REQUESTED, EventKind.FEE_REQUESTED, EventKind.CLARIFICATION_REQUESTED,
    EventKind.EXTENDED, EventKind.RESPONSE_RECEIVED, EventKind.RESPONSE_INCOMPLETE, EventKind.COMPLAINT_ACKNOWLEDGED,
})


def copies_on_offer(r: Request) -> str:
    """"my request, my reminder and the organisation's reply": only papers the event log says exist."""
    count = {k: 0 for k in EventKind}
    for e in r.events:
        count[e.kind] += 1
    mine = []
    if count[EventKind.SENT]:
        mine.append("my request")
    if any(e.kind is EventKind.SENT and e.data.get("letter") == RequestKind.FOLLOW_UP.value for e in r.events):
        mine.append("my follow-up letter")
    if count[EventKind.REMINDER_SENT]:
        mine.append("my reminder" + ("s" if count[EventKind.REMINDER_SENT] > 1 else ""))
    if count[EventKind.COMPLAINT_SENT]:
        mine.append("my complaint to them")
    replies = sum(count[k] for k in _FROM_ORG)
    if replies:
        mine.append("the organisation's repl" + ("ies" if replies > 1 else "y"))
    if len(mine) < 2:
        return "".join(mine)
    return ", ".join(mine[:-1]) + " and " + mine[-1]


def response_date(r: Request) -> date | None:
    """When their latest response arrived. Marking it incomplete is often done later, after reading it:
    when a `response-received` is recorded for the same response (after the previous incomplete one, on
    or before this one), its date is the response's date, not the day it was judged incomplete."""
    last: tuple[date, bool] | None = None  # (the response's date, whether it was already judged)
    for e in sorted(r.events, key=lambda e: e.on):
        if e.kind is EventKind.RESPONSE_RECEIVED:
            last = (e.on, False)
        elif e.kind is EventKind.RESPONSE_INCOMPLETE:
            last = (e.on if last is None or last[1] else last[0], True)
        elif e.kind is EventKind.SENT and last is not None:
            last = (last[0], True)  # a letter went out since: the next verdict is about a newer reply
    return last[0] if last else None


def _last(r: Request, *kinds: EventKind) -> date | None:
    found = [e.on for e in r.events if e.kind in kinds]
    return max(found) if found else None


def _first(r: Request, kind: EventKind) -> date | None:
    found = [e.on for e in r.events if e.kind is kind]
    return min(found) if found else None


def letter_context(r: Request, view, kind: RequestKind, today: date, missing: list[str],
                   about: Organisation) -> dict:
    """Everything the escalation templates may quote (all strings/lists/bools: StrictUndefined-safe)."""
    from ydm.deadlines import REGIME_PRE_DUAA, add_months

    words, law = REQUEST_WORDS.get(r.kind, ("request", "the UK GDPR"))
    sent = _first(r, EventKind.SENT)
    contacts = [e.on for e in r.events if e.kind is not EventKind.DRAFTED]
    last_contact = max(contacts) if contacts else today

    def fmt(d: date | None) -> str:
        return long_date(d) if d else ""

    request_dl = _request_deadline(r, today)
    request_due = request_dl.due if request_dl is not None else None
    regime = (request_dl.regime if request_dl is not None and request_dl.kind is not RequestKind.COMPLAINT
              else _regime_without_deadline(r, sent, today))
    reminder_on = _last(r, EventKind.REMINDER_SENT)
    responses = [e for e in r.events if e.kind in (EventKind.RESPONSE_RECEIVED, EventKind.RESPONSE_INCOMPLETE)]
    after_reminder = [e for e in responses if reminder_on is not None and e.on >= reminder_on]
    complaint_on = _last(r, EventKind.COMPLAINT_SENT)
    name = about.legal_name or about.display_name
    address = [line for line in about.postal_address if line.strip().casefold() != name.casefold()]
    return {
        "request_kind": r.kind.value,
        "request_words": words,
        "request_law": law,
        "sent_on": fmt(sent),
        "channel": r.channel.value,
        "channel_words": _CHANNEL_WORDS.get(r.channel.value, r.channel.value),
        "request_article": "an" if words[0] in "aeiou" else "a",
        "due": fmt(request_due),
        "due_passed": bool(request_due and request_due < today),
        "extended": _last(r, EventKind.EXTENDED) is not None,
        # Which law the request falls under (SI 2026/82 reg 4): Art 12A from 5 Feb 2026, else old Art 12(3).
        "regime": regime,
        "old_regime": regime == REGIME_PRE_DUAA,
        "reminder_on": fmt(reminder_on),
        # How the organisation reacted to the reminder: no reply at all, or a reply that fell short.
        "reminder_replied": bool(after_reminder),
        "reminder_reply_incomplete": any(e.kind is EventKind.RESPONSE_INCOMPLETE for e in after_reminder),
        "complaint_on": fmt(complaint_on),
        "complaint_s164a": complaint_on is not None and complaint_under_s164a(r, complaint_on),
        "complaint_ack_on": fmt(_last(r, EventKind.COMPLAINT_ACKNOWLEDGED)),
        "response_on": fmt(response_date(r)),
        "response_incomplete": _last(r, EventKind.RESPONSE_INCOMPLETE) is not None,
        "timeline": timeline(r, words),
        "copies": copies_on_offer(r),
        "org_replied": any(e.kind in _FROM_ORG for e in r.events),
        "last_contact": long_date(last_contact),
        "ico_by": long_date(add_months(last_contact, 3)),
        "missing_items": [{"code": c, "text": ART15_ITEMS[c]} for c in missing],
        "about_name": about.legal_name or about.display_name,
        "about_display_name": about.display_name,
        "about_address": ", ".join(address),
        "about_email": about.email,
        "reason": view.next_reason,
    }


def _request_deadline(r: Request, today: date):
    """The deadline of the request itself (not of a later complaint): the letters quote its date and law."""
    from ydm import escalation
    from ydm.tracker_assess import nation_of

    a = escalation.assess(r, today, nation=nation_of(r))
    return a.answer_deadline or a.deadline


def _regime_without_deadline(r: Request, sent: date | None, today: date) -> str:
    """The request's regime when no deadline could be counted (not sent yet, waiting for ID, ...)."""
    from ydm.deadlines import receipt_date, regime_for
    from ydm.tracker_assess import nation_of

    received = _first(r, EventKind.RECEIVED) or (receipt_date(sent, r.channel, nation_of(r)) if sent else today)
    return regime_for(RequestKind.ACCESS, received)


def _org(directory, org_id: str, name: str) -> Organisation:
    try:
        return directory.get(org_id)
    except NotFoundError:
        return Organisation(id=org_id, display_name=name or org_id, category=Category.OTHER)


def next_letter(store, ref: str, *, today: date, person=None, directory=None, missing=(),
                kind: RequestKind | str | None = None, extra_text: str = "", keep: bool = True):
    """Decide the next letter (or none) and write it. `kind` overrides the engine's choice.

    `keep=True` stores the letter text with the request (encrypted); nothing is marked as sent:
    the person runs `ydm requests mark REF reminder-sent` (or similar) once they have sent it.
    """
    import dataclasses

    from ydm import contacts, letters
    from ydm.deadlines import S164A_FROM
    from ydm.tracker import NextStep, view

    r = store.get(ref)
    v = view(r, today)
    chosen = RequestKind(kind) if kind else v.next_kind
    if chosen is None:
        return NextStep(None, v.next_reason or f"nothing to send now ({v.status})", view=v)
    if chosen.is_initial:
        raise InputError(f"'{chosen.value}' starts a new request: use 'ydm letter {chosen.value}'")
    items = normalize_items(missing)
    if chosen is RequestKind.FOLLOW_UP and not items:
        raise InputError("say which parts their reply left out, e.g. --missing '15(1)(c)' --missing '15(1)(g)'",
                         hint="items: " + ", ".join(ART15_ITEMS))
    person = person or r.sender or store.load_profile()
    if person is None:
        raise InputError("no profile is stored, so the letter has no sender",
                         hint="write one letter with 'ydm letter ... --record', or save your details in the app")
    directory = directory or contacts.load()
    about = _org(directory, r.org_id, r.org_name)
    recipient = _org(directory, "ico", "Information Commissioner's Office") if chosen is RequestKind.ICO_COMPLAINT else about
    context = letter_context(r, v, chosen, today, items, about)
    letter = letters.render(chosen, person, recipient, today=today, reference=r.ref, context=context,
                            extra_text=extra_text)
    if chosen is RequestKind.COMPLAINT and today < S164A_FROM:
        # letters.SUBJECTS names s.164A, which applies only to complaints received from 19 Jun 2026
        # (SI 2026/82 reg 7): an earlier complaint is a plain one.
        subject = f"Complaint about how you have handled my {context['request_words']} - ref {r.ref}"
        letter = dataclasses.replace(letter, subject=subject)
    if keep:
        store.add_letter(r.ref, StoredLetter(chosen, today, letter.text, letter.subject))
    reason = v.next_reason if chosen == v.next_kind else f"you asked for a {chosen.value} letter"
    return NextStep(chosen, reason, letter, v, context)

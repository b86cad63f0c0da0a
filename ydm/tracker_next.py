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


def _ordered(r: Request) -> list:
    """The events in date order; same-day events keep the order they were recorded in (as escalation reads them)."""
    return sorted(r.events, key=lambda e: e.on)


def _follow_up_positions(r: Request, events: list) -> set[int]:
    """Where in `events` the follow-up letters went out: a `sent` after an incomplete reply (see
    `escalation.follow_up_sends`), or one recorded with the letter kind (`ydm letter --record`)."""
    from ydm.escalation import follow_up_sends

    tagged = {i for i, e in enumerate(events)
              if e.kind is EventKind.SENT and e.data.get("letter") == RequestKind.FOLLOW_UP.value}
    return tagged | set(follow_up_sends(events))


_JUDGED_WORDS = "I received your response, which did not cover everything I asked for"


def timeline(r: Request, words: str) -> list[dict]:
    """What happened, one row per fact, for the escalation letters. A reply marked incomplete after it
    was recorded as received is one reply (on the day it came), not two (`escalation.verdicts`)."""
    from ydm.escalation import verdicts

    events = _ordered(r)
    judged = verdicts(events)
    judged_replies = set()
    for i in judged:  # the reply each verdict judges: the last response-received before it
        judged_replies.add(max(j for j in range(i) if events[j].kind is EventKind.RESPONSE_RECEIVED))
    follow_ups = _follow_up_positions(r, events)
    rows = []
    for i, e in enumerate(events):
        if e.kind is EventKind.DRAFTED or i in judged:
            continue
        text = _EVENT_WORDS[e.kind].format(words=words)
        if e.kind is EventKind.COMPLAINT_SENT and not complaint_under_s164a(r, e.on):
            text = "I complained to you"
        if i in follow_ups:
            text = "I wrote again asking for the information your response left out"
        if i in judged_replies:
            text = _JUDGED_WORDS
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
    """"my request, my reminder and the organisation's reply": only papers the event log says exist
    (a reply marked incomplete after it was recorded is one paper, not two)."""
    from ydm.escalation import verdicts

    events = _ordered(r)
    judged = verdicts(events)
    count = {k: 0 for k in EventKind}
    for i, e in enumerate(events):
        if i not in judged:
            count[e.kind] += 1
    mine = []
    if count[EventKind.SENT]:
        mine.append("my request")
    follow_ups = len(_follow_up_positions(r, events))
    if follow_ups:
        mine.append("my follow-up letter" + ("s" if follow_ups > 1 else ""))
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


def response_date(r: Request, since: int = 0) -> date | None:
    """When their latest response arrived (recorded at or after position `since` of the date-ordered
    log). Marking it incomplete is often done later, after reading it: a `response-incomplete` that
    judges a `response-received` (`escalation.verdicts`) is dated by that reply, not by the verdict."""
    from ydm.escalation import verdicts

    events = _ordered(r)
    judged = verdicts(events)
    last = None
    reply = None  # the date of the last response-received
    for i, e in enumerate(events):
        if e.kind is EventKind.RESPONSE_RECEIVED:
            reply = e.on
            if i >= since:
                last = e.on
        elif e.kind is EventKind.RESPONSE_INCOMPLETE and i >= since:
            last = reply if i in judged else e.on
    return last


def _last(r: Request, *kinds: EventKind) -> date | None:
    found = [e.on for e in r.events if e.kind in kinds]
    return max(found) if found else None


def _first(r: Request, kind: EventKind) -> date | None:
    found = [e.on for e in r.events if e.kind is kind]
    return min(found) if found else None


def letter_context(r: Request, view, kind: RequestKind, today: date, missing: list[str],
                   about: Organisation) -> dict:
    """Everything the escalation templates may quote (all strings/lists/bools: StrictUndefined-safe)."""
    from ydm.deadlines import REGIME_PRE_DUAA
    from ydm.escalation import REMINDER_GRACE_DAYS
    from ydm.letters import ico_route

    words, law = REQUEST_WORDS.get(r.kind, ("request", "the UK GDPR"))
    if r.kind is RequestKind.ICO_COMPLAINT:
        law = ico_route(today)  # Art 77 UK GDPR before 19 Jun 2026, then DPA 2018 s.165 (law.md R31)
    sent = _first(r, EventKind.SENT)
    a = _assess(r, today)
    # The last contact (ICO: complain "within three months of your last contact", law.md §8) as the
    # escalation engine counts it: a reply marked incomplete later is dated the day the reply came.
    last_contact = a.last_contact or today

    def fmt(d: date | None) -> str:
        return long_date(d) if d else ""

    request_dl = a.answer_deadline or a.deadline
    request_due = request_dl.due if request_dl is not None else None
    regime = (request_dl.regime if request_dl is not None and request_dl.kind is not RequestKind.COMPLAINT
              else _regime_without_deadline(r, sent, today))
    events = _ordered(r)
    reminder_on = _last(r, EventKind.REMINDER_SENT)
    responses = [e for e in r.events if e.kind in (EventKind.RESPONSE_RECEIVED, EventKind.RESPONSE_INCOMPLETE)]
    after_reminder = [e for e in responses if reminder_on is not None and e.on >= reminder_on]
    follow_ups = sorted(_follow_up_positions(r, events))
    follow_up = events[follow_ups[-1]] if follow_ups else None
    follow_up_due = _follow_up_due(r, follow_up.on) if follow_up else None
    complaint = _complaint_facts(r, events, today)
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
        # The reminder gives this many days "of the date of this letter"; the complaint is suggested
        # from the day after they end (escalation.reminder_window_end).
        "reminder_days": REMINDER_GRACE_DAYS,
        # How the organisation reacted to the reminder: no reply at all, or a reply that fell short.
        "reminder_replied": bool(after_reminder),
        "reminder_reply_incomplete": any(e.kind is EventKind.RESPONSE_INCOMPLETE for e in after_reminder),
        # The last follow-up letter (a `sent` after an incomplete reply): when, its one-month date, and
        # whether anything came back after it.
        "follow_up_on": fmt(follow_up.on if follow_up else None),
        "follow_up_due": fmt(follow_up_due),
        "follow_up_replied": bool(follow_up and response_date(r, since=follow_ups[-1] + 1)),
        **complaint,
        "response_on": fmt(response_date(r)),
        "response_incomplete": _last(r, EventKind.RESPONSE_INCOMPLETE) is not None,
        "timeline": timeline(r, words),
        "copies": copies_on_offer(r),
        "org_replied": any(e.kind in _FROM_ORG for e in r.events),
        "last_contact": long_date(last_contact),
        "ico_by": long_date(a.ico_by or _ico_by(last_contact)),
        "missing_items": [{"code": c, "text": ART15_ITEMS[c], "text_ico": _third_person(ART15_ITEMS[c])}
                          for c in missing],
        # What an objection asks for (Art 21(3): stop direct marketing; Art 21(1): stop unless compelling
        # legitimate grounds); empty for other kinds, whose letters ask for a full response.
        "stop_ask": _stop_ask(r.kind, "they"),
        "stop_ask_you": _stop_ask(r.kind, "you"),
        "about_name": about.legal_name or about.display_name,
        "about_display_name": about.display_name,
        "about_address": ", ".join(address),
        "about_email": about.email,
        "reason": view.next_reason,
    }


def _follow_up_due(r: Request, sent: date) -> date:
    """The follow-up's own one-month date, counted as the escalation engine counts it (from its
    deemed receipt by the request's channel)."""
    from ydm.deadlines import compute_deadline, receipt_date
    from ydm.tracker_assess import nation_of

    nation = nation_of(r)
    return compute_deadline(RequestKind.FOLLOW_UP, receipt_date(sent, r.channel, nation), nation=nation).due


def _ico_by(last_contact: date) -> date:
    from ydm.deadlines import add_months
    from ydm.escalation import ICO_WINDOW_MONTHS

    return add_months(last_contact, ICO_WINDOW_MONTHS)


_STOP_ASKS = {
    # law.md R16: Art 21(3), the direct-marketing objection is absolute.
    RequestKind.OBJECT_MARKETING: (
        "stop using my personal data for direct marketing, including any profiling for it (Article 21(3) of"
        " the UK GDPR: an objection to direct marketing cannot be refused)"),
    # law.md R17: Art 21(1), stop unless compelling legitimate grounds override, or legal claims.
    RequestKind.OBJECT_PROCESSING: (
        "stop processing my personal data as I objected (Article 21(1) of the UK GDPR), unless {who} can"
        " demonstrate compelling legitimate grounds for it which override my interests, rights and freedoms,"
        " or {who} need it for the establishment, exercise or defence of legal claims"),
    # law.md §5: an Art 21 request to the ERO is a permanent opt-out of the open register.
    RequestKind.OPEN_REGISTER: (
        "stop including my name and address in the open (edited) register, as I asked (Article 21 of the"
        " UK GDPR)"),
}


def _stop_ask(kind: RequestKind, who: str) -> str:
    return _STOP_ASKS.get(kind, "").format(who=who)


def _complaint_facts(r: Request, events: list, today: date) -> dict:
    """The complaint to the organisation as the ICO letter tells it: when it went, whether s.164A covered
    it, when it was acknowledged or replied to, and whether the 30 days to acknowledge it (R28-R29)
    passed with neither an acknowledgement nor a reply."""
    from ydm.deadlines import compute_deadline, receipt_date
    from ydm.tracker_assess import nation_of

    at = max((i for i, e in enumerate(events) if e.kind is EventKind.COMPLAINT_SENT), default=None)
    if at is None:
        return {"complaint_on": "", "complaint_s164a": False, "complaint_ack_on": "", "complaint_reply_on": "",
                "complaint_ack_missed": False, "complaint_ack_due": ""}
    on = events[at].on
    nation = nation_of(r)
    ack_due = compute_deadline(RequestKind.COMPLAINT, receipt_date(on, r.channel, nation), nation=nation).due
    ack = next((e.on for e in events[at + 1:] if e.kind is EventKind.COMPLAINT_ACKNOWLEDGED), None)
    reply = response_date(r, since=at + 1)
    missed = ack is None and (reply > ack_due if reply is not None else today > ack_due)
    return {
        "complaint_on": long_date(on),
        "complaint_s164a": complaint_under_s164a(r, on),
        "complaint_ack_on": long_date(ack) if ack else "",
        "complaint_reply_on": long_date(reply) if reply else "",
        "complaint_ack_missed": missed,
        "complaint_ack_due": long_date(ack_due),
    }


def _assess(r: Request, today: date):
    """The escalation engine's reading of the request today (its deadline, last contact, ICO date)."""
    from ydm import escalation
    from ydm.tracker_assess import nation_of

    return escalation.assess(r, today, nation=nation_of(r))


def _request_deadline(r: Request, today: date):
    """The deadline of the request itself (not of a later complaint): the letters quote its date and law."""
    a = _assess(r, today)
    return a.answer_deadline or a.deadline


def _regime_without_deadline(r: Request, sent: date | None, today: date) -> str:
    """The request's regime when no deadline could be counted (not sent yet, waiting for ID, ...)."""
    from ydm.deadlines import receipt_date, regime_for
    from ydm.tracker_assess import nation_of

    received = _first(r, EventKind.RECEIVED) or (receipt_date(sent, r.channel, nation_of(r)) if sent else today)
    return regime_for(RequestKind.ACCESS, received)


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
                kind: RequestKind | str | None = None, extra_text: str = "", keep: bool = True):
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
    if items and r.kind not in (RequestKind.ACCESS, RequestKind.FOLLOW_UP) and chosen is not RequestKind.FOLLOW_UP:
        raise InputError(f"--missing names Article 15 items, which only an access request asks for ({r.ref} is "
                         f"{r.kind.value})")
    if not items and chosen in _AFTER_FOLLOW_UP:
        items = asked_in_follow_up(store.letters(r.ref), r)
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
    if keep and not any(x.kind is chosen and x.on == today and x.text == letter.text for x in store.letters(r.ref)):
        # Kept once: running `next` again with the same facts on the same day writes the same letter.
        store.add_letter(r.ref, StoredLetter(chosen, today, letter.text, letter.subject))
    reason = v.next_reason if chosen == v.next_kind else f"you asked for a {chosen.value} letter"
    return NextStep(chosen, reason, letter, v, context)

"""The facts an escalation letter quotes, read from a request's event log: what happened and when
(the timeline the ICO asks for), which papers exist to offer copies of, when their reply came, and the
Art 15(1) items a reply can leave out (`ART15_ITEMS`, what `--missing` names).

Separate from the letter context (`tracker.context`) and the choice of letter (`tracker.next_step`)
because the CLI and the TUI need these words and readings on their own (the `--missing` list, the
missing-items screen), without the templates.
"""

from __future__ import annotations

from datetime import date

from ydm.errors import InputError
from ydm.model import EventKind, Request, RequestKind

# The items a reply to an access request can leave out, by the code the person ticks (`--missing
# 15(1)(c)`) or its plain name (`--missing recipients`, ITEM_NAMES). Each text names the article it is
# due under, so no item is claimed under an article that does not give it (issue 16 finding 2): the
# purposes are Art 15(1)(a); the lawful basis is not an Art 15 entitlement but information the
# controller must give under Arts 13(1)(c) and 14(1)(c) (and, where asked, in its reply to the request).
ART15_ITEMS = {
    "15(1)-copy": "a copy of the personal data you hold about me (Article 15(1) and (3))",
    "15(1)(a)": "the purposes of the processing (Article 15(1)(a))",
    "15(1)(b)": "the categories of personal data concerned, including any revealing political opinions (Article 15(1)(b))",
    "15(1)(c)": "the recipients or categories of recipient of my data, named where you can (Article 15(1)(c))",
    "15(1)(d)": "how long you will keep each category of my data, or the criteria used to decide (Article 15(1)(d))",
    "15(1)(e)": "my rights to rectification, erasure, restriction and to object (Article 15(1)(e))",
    "15(1)(f)": "my right to complain to the Information Commissioner's Office (Article 15(1)(f))",
    "15(1)(g)": "all available information about the source of any data not collected from me (Article 15(1)(g))",
    "15(1)(h)": "whether you make automated decisions about me, including profiling, with meaningful information "
                "about the logic involved and its significance and consequences for me (Article 15(1)(h))",
    "15(2)": "the safeguards for any transfer of my data outside the UK (Article 15(2))",
    # Arts 13(1)(c), 14(1)(c) UK GDPR: "the purposes of the processing ... as well as the legal basis for
    # the processing". It matters because the rights differ by basis (Art 21(1) objection: (e), (ea), (f)).
    "lawful-basis": "the lawful basis you rely on for each purpose, which you must tell me under Articles 13(1)(c) "
                    "and 14(1)(c) of the UK GDPR; I need it to know which of my rights apply, for example the right "
                    "to object under Article 21(1)",
}

# Plain names for the items (issue 17): `--missing sources` is `--missing 15(1)(g)`.
ITEM_NAMES = {
    "copy": "15(1)-copy",
    "purposes": "15(1)(a)",
    "categories": "15(1)(b)",
    "recipients": "15(1)(c)",
    "retention": "15(1)(d)",
    "rights": "15(1)(e)",
    "complain": "15(1)(f)",
    "sources": "15(1)(g)",
    "automated": "15(1)(h)",
    "transfers": "15(2)",
    "lawful-basis": "lawful-basis",
}
_ITEM_ALIASES = {"source": "15(1)(g)", "profiling": "15(1)(h)", "safeguards": "15(2)", "purpose": "15(1)(a)",
                 "recipient": "15(1)(c)", "complaint": "15(1)(f)", "ico": "15(1)(f)", "basis": "lawful-basis",
                 "lawful": "lawful-basis", "lawfulbasis": "lawful-basis", "category": "15(1)(b)"}


def item_names_help() -> str:
    """The names and codes `--missing` takes, one per line, for --help and errors."""
    by_code = {code: name for name, code in ITEM_NAMES.items()}
    return "\n".join(f"  {by_code[code]:<13} {code:<13} {text}" for code, text in ART15_ITEMS.items())


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
    """`c`, `(c)`, `15(1)(c)`, `recipients`, `copy` -> canonical codes; unknown ones are an InputError
    listing the valid names and codes."""
    out: list[str] = []
    for raw in codes:
        for part in str(raw).replace(",", " ").split():
            code = part.strip().lower().replace(" ", "").replace("_", "-")
            code = ITEM_NAMES.get(code) or _ITEM_ALIASES.get(code.replace("-", "")) or code
            if code in ("copy", "15(1)copy", "15(3)"):
                code = "15(1)-copy"
            elif len(code) == 1 and code in "abcdefgh":
                code = f"15(1)({code})"
            elif code.startswith("(") and len(code) == 3:
                code = "15(1)" + code
            elif code in ("2", "(2)"):
                code = "15(2)"
            if code not in ART15_ITEMS:
                raise InputError(f"unknown item '{part}'",
                                 hint="one of the names " + ", ".join(ITEM_NAMES) + " (or the codes "
                                 + ", ".join(c for c in ART15_ITEMS if c != "lawful-basis") + ")")
            if code not in out:
                out.append(code)
    return out


def _ordered(r: Request) -> list:
    """The events in date order; same-day events keep the order they were recorded in (as escalation reads them)."""
    return sorted(r.events, key=lambda e: e.on)


def _follow_up_positions(r: Request, events: list) -> set[int]:
    """Where in `events` the follow-up letters went out: a `sent` after an incomplete reply (see
    `escalation.follow_up_sends`), or one recorded with the letter kind (`ydm letter --record`)."""
    from ydm.law.escalation import follow_up_sends

    tagged = {i for i, e in enumerate(events)
              if e.kind is EventKind.SENT and e.data.get("letter") == RequestKind.FOLLOW_UP.value}
    return tagged | set(follow_up_sends(events))


_JUDGED_WORDS = "I received your response, which did not cover everything I asked for"


def timeline(r: Request, words: str) -> list[dict]:
    """What happened, one row per fact, for the escalation letters. A reply marked incomplete after it
    was recorded as received is one reply (on the day it came), not two (`escalation.verdicts`)."""
    from ydm.law.escalation import verdicts

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
    from ydm.law.deadlines import REGIME_S164A, receipt_date, regime_for
    from ydm.tracker.assess import nation_of

    return regime_for(RequestKind.COMPLAINT, receipt_date(sent, r.channel, nation_of(r))) == REGIME_S164A


# What the organisation sent the person: the "replies" an ICO complaint can offer copies of.
_FROM_ORG = frozenset({
    EventKind.ACKNOWLEDGED, EventKind.ID_REQUESTED, EventKind.FEE_REQUESTED, EventKind.CLARIFICATION_REQUESTED,
    EventKind.EXTENDED, EventKind.RESPONSE_RECEIVED, EventKind.RESPONSE_INCOMPLETE, EventKind.COMPLAINT_ACKNOWLEDGED,
})


def copies_on_offer(r: Request) -> str:
    """"my request, my reminder and the organisation's reply": only papers the event log says exist
    (a reply marked incomplete after it was recorded is one paper, not two)."""
    mine = enclosures(r)
    if len(mine) < 2:
        return "".join(mine)
    return ", ".join(mine[:-1]) + " and " + mine[-1]


def enclosures(r: Request) -> list[str]:
    """The papers an ICO complaint encloses (issue 16 finding 12: enclosed, listed, not offered), as
    copies_on_offer counts them."""
    from ydm.law.escalation import verdicts

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
    return mine


def response_date(r: Request, since: int = 0) -> date | None:
    """When their latest response arrived (recorded at or after position `since` of the date-ordered
    log). Marking it incomplete is often done later, after reading it: a `response-incomplete` that
    judges a `response-received` (`escalation.verdicts`) is dated by that reply, not by the verdict."""
    from ydm.law.escalation import verdicts

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

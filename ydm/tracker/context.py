"""Everything the escalation templates (reminder, complaint, ico-complaint, follow-up) may quote, as
one dict of strings, lists and bools (`letter_context`): the request's dates and law, the reminder and
follow-up facts, the complaint to the organisation, the last contact and the ICO window.

Separate from the event-log readings it builds on (`tracker.facts`) and from choosing and writing
the letter (`tracker.next_step`): this is the one place the templates' names are defined.
"""

from __future__ import annotations

from datetime import date

from ydm.model import EventKind, Organisation, Request, RequestKind
from ydm.tracker.facts import (
    _CHANNEL_WORDS,
    _FROM_ORG,
    ART15_ITEMS,
    REQUEST_WORDS,
    _first,
    _follow_up_positions,
    _last,
    _ordered,
    _third_person,
    complaint_under_s164a,
    copies_on_offer,
    enclosures,
    long_date,
    response_date,
    timeline,
)


def letter_context(r: Request, view, kind: RequestKind, today: date, missing: list[str],
                   about: Organisation, late_reason: str = "", also: list[str] = ()) -> dict:
    """Everything the escalation templates may quote (all strings/lists/bools: StrictUndefined-safe)."""
    from ydm.law.deadlines import REGIME_PRE_DUAA
    from ydm.law.escalation import REMINDER_GRACE_DAYS
    from ydm.letters.render import ico_route

    words, law = REQUEST_WORDS.get(r.kind, ("request", "the UK GDPR"))
    if r.kind is RequestKind.ICO_COMPLAINT:
        law = ico_route(today)  # Art 77 UK GDPR before 19 Jun 2026, then DPA 2018 s.165 (law.md R31)
    sent = _first(r, EventKind.SENT)
    a = _assess(r, today)
    # The last contact (ICO: complain "within three months of your last contact", law.md §8) as the
    # escalation engine counts it: a reply marked incomplete later is dated the day the reply came.
    last_contact = a.last_contact or today

    ico_by = a.ico_by or _ico_by(last_contact)

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
    follow_up_due = _follow_up_due(r, follow_up.on, request_due) if follow_up else None
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
        "enclosures": [p[:1].upper() + p[1:] for p in enclosures(r)],
        "org_replied": any(e.kind in _FROM_ORG for e in r.events),
        "last_contact": long_date(last_contact),
        "ico_by": long_date(ico_by),
        # Past the ICO's three months on the letter's date: the letter says so, with the reason given.
        "ico_late": today > ico_by,
        "late_reason": late_reason.strip(),
        "missing_items": [{"code": c, "text": ART15_ITEMS[c], "text_ico": _third_person(ART15_ITEMS[c])}
                          for c in missing] + _political_items(also),
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


def _follow_up_due(r: Request, sent: date, request_due: date | None) -> date:
    """When the follow-up's items were due, as the escalation engine counts it (`follow_up_due`, issue 16
    finding 5): the request's own deadline while it still ran when the follow-up arrived, else the
    follow-up's few days; with no deadline of the request's own, the follow-up's month."""
    from ydm.law.deadlines import compute_deadline, receipt_date
    from ydm.law.escalation_clock import follow_up_due
    from ydm.tracker.assess import nation_of

    nation = nation_of(r)
    received = receipt_date(sent, r.channel, nation)
    due = follow_up_due(request_due, sent, received)
    return due if due is not None else compute_deadline(RequestKind.FOLLOW_UP, received, nation=nation).due


def _ico_by(last_contact: date) -> date:
    from ydm.law.deadlines import add_months
    from ydm.law.escalation import ICO_WINDOW_MONTHS

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
    from ydm.law.deadlines import compute_deadline, receipt_date
    from ydm.tracker.assess import nation_of

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
    from ydm.law import escalation
    from ydm.tracker.assess import nation_of

    return escalation.assess(r, today, nation=nation_of(r))


def _regime_without_deadline(r: Request, sent: date | None, today: date) -> str:
    """The request's regime when no deadline could be counted (not sent yet, waiting for ID, ...)."""
    from ydm.law.deadlines import receipt_date, regime_for
    from ydm.tracker.assess import nation_of

    received = _first(r, EventKind.RECEIVED) or (receipt_date(sent, r.channel, nation_of(r)) if sent else today)
    return regime_for(RequestKind.ACCESS, received)


def _political_items(codes) -> list[dict]:
    """The political questions of the access letter a reply left out (`ydm requests check`), worded
    like ART15_ITEMS for the follow-up's list."""
    if not codes:
        return []
    from ydm.tracker.replies.rules import POLITICAL_ITEMS

    return [{"code": c, "text": POLITICAL_ITEMS[c], "text_ico": _third_person(POLITICAL_ITEMS[c])} for c in codes]

"""Statutory deadlines: when an organisation must answer, acknowledge or decide about an extension.

Pure functions, no I/O, no "today": the caller passes every date. Each rule cites law.md
(/work/shared/law.md) by its R-number and the statute or guidance behind it. Bank holidays come
from `holidays_uk` (the organisation's nation by default; the caller decides which).

The one entry point is `compute_deadline(...)`, returning a frozen `Deadline` whose `steps`
explain the count in plain words. The explanation is built lazily, so computing many deadlines
(the request tracker, `ydm requests list`) stays cheap.

The count is here; the rules it starts from (commencement, regimes, kinds, deemed receipt) are in
`ydm.law.deadline_rules`, and the `Deadline` record with its explanation and the month arithmetic
in `ydm.law.deadline_steps`. Every public name of both is re-exported here, so callers import from
`ydm.law.deadlines` alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from ydm.errors import InputError
from ydm.law import holidays_uk
from ydm.law.deadline_rules import (
    ARTICLE_12A_FROM,
    COMPLAINT_ACK_DAYS,
    DEADLINE_KINDS,
    MONTH_KINDS,
    PAUSE_KINDS,
    READING_DAY_AFTER,
    READING_INCLUSIVE,
    RECEIPT_RULES,
    RECEIPT_SOURCE,
    REGIME_ARTICLE_12A,
    REGIME_PRE_DUAA,
    REGIME_PRE_S164A,
    REGIME_S164A,
    S164A_FROM,
    receipt_date,
    regime_for,
    to_channel,
    to_kind,
)
from ydm.law.deadline_steps import Deadline, Pause, add_months, explain, fmt, weekday_name
from ydm.model import Channel, Nation, RequestKind

__all__ = [
    "ARTICLE_12A_FROM",
    "COMPLAINT_ACK_DAYS",
    "DEADLINE_KINDS",
    "MONTH_KINDS",
    "PAUSE_KINDS",
    "READING_DAY_AFTER",
    "READING_INCLUSIVE",
    "RECEIPT_RULES",
    "RECEIPT_SOURCE",
    "REGIME_ARTICLE_12A",
    "REGIME_PRE_DUAA",
    "REGIME_PRE_S164A",
    "REGIME_S164A",
    "S164A_FROM",
    "Deadline",
    "Pause",
    "add_months",
    "compute_deadline",
    "explain",
    "fmt",
    "receipt_date",
    "regime_for",
    "to_channel",
    "to_kind",
    "weekday_name",
]

_ONE_DAY = timedelta(days=1)


def _check_after(what: str, when: date | None, received: date) -> None:
    if when is not None and when < received:
        raise InputError(
            f"{what} ({when.isoformat()}) is before the request was received ({received.isoformat()})"
        )


def compute_deadline(
    kind: RequestKind | str = RequestKind.ACCESS,
    received: date | None = None,
    *,
    sent: date | None = None,
    channel: Channel | str | None = None,
    nation: Nation | str = Nation.ENGLAND_AND_WALES,
    id_received: date | None = None,
    fee_received: date | None = None,
    clarifications: Iterable[tuple[date, date]] = (),
    extended: bool = False,
    extended_on: date | None = None,
) -> Deadline:
    """The deadline for an organisation to answer (or, for a complaint, to acknowledge).

    Give `received`, or `sent` with `channel` (deemed receipt, RECEIPT_RULES); an explicit
    `received` always wins. `clarifications` are (asked, answered) pairs (Art 15 only).
    `extended_on`, when known, is the day the extension notice was given: a notice after the window
    is not valid, so the deadline stays unextended and a note says why.
    Raises InputError for impossible input (answer before question, ID before the request, ...).
    """
    kind = to_kind(kind)
    nation = holidays_uk.to_nation(nation)
    chan = to_channel(channel) if channel is not None else None
    if received is None:
        if sent is None or chan is None:
            raise InputError("give the date the organisation received it, or the date you sent it and how")
        received = receipt_date(sent, chan, nation)
    elif sent is not None and received < sent:
        raise InputError(f"received ({received.isoformat()}) is before it was sent ({sent.isoformat()})")
    if kind not in DEADLINE_KINDS:
        raise InputError(f"a {kind.value} letter has no statutory deadline of its own")
    pairs = sorted(clarifications) if clarifications else ()
    extended = extended or extended_on is not None
    if kind is RequestKind.COMPLAINT:
        if id_received or fee_received or pairs or extended:
            raise InputError(
                "a complaint to the organisation has no ID, fee, clarification pause or extension"
            )
        return _complaint(received, nation, sent, chan)
    if pairs and kind not in PAUSE_KINDS:
        # R15: Art 12A(5) pauses Art 15 requests only; objections and erasure run straight through.
        raise InputError(
            f"the clarification pause applies only to access requests (Art 12A(5)), not to {kind.value}"
        )
    _check_after("ID received", id_received, received)
    _check_after("fee received", fee_received, received)
    for asked, answered in pairs:
        if answered < asked:
            raise InputError(
                f"the answer ({answered.isoformat()}) is before the question ({asked.isoformat()})"
            )
        _check_after("the clarification question", asked, received)

    regime = REGIME_ARTICLE_12A if received >= ARTICLE_12A_FROM else REGIME_PRE_DUAA
    notes: list[str] = []
    # R3 / Art 12A(2): the relevant time is the latest of receipt, ID received and fee paid.
    relevant, reason = received, "receipt"
    if id_received and id_received > relevant:
        relevant, reason = id_received, "ID received"
    if fee_received and fee_received > relevant:
        relevant, reason = fee_received, "fee received"
    if regime == REGIME_PRE_DUAA:
        notes.append(
            "received before 5 Feb 2026, so the old Art 12(3) applies (one month of receipt, SI 2026/82 reg 4);"
            " it has no statutory clarification pause"
        )
        if relevant != received:
            notes.append(
                "starting the clock at ID or fee follows the ICO's guidance of the time, not the old statute"
            )
        if pairs:
            notes.append(
                "the pause counted here follows the ICO's pre-2026 guidance; it was not in the statute"
            )

    # R2, R5, R6, R8: one month beginning with the relevant time, same date next month, clamped.
    # R10 / Art 12A(5): days from the question to the answer, both included, do not count towards the
    # period nor the extension-notice window (see `_count_pauses`).
    merged = _merge_pauses(pairs, relevant)
    notice_end, notice_pauses = _count_pauses(add_months(relevant, 1), merged, nation)
    notice_by = holidays_uk.next_working_day(notice_end, nation)  # R8: Art 3(4) of Reg 1182/71 rolls it too

    if extended and extended_on is not None and extended_on > notice_by:
        notes.append(
            f"the extension notice ({fmt(extended_on)}) came after the window closed ({fmt(notice_by)}),"
            " so it does not extend the time (Art 12A(4))"
        )
        extended = False
    if extended:
        # R9 / Art 12A(3)-(4): extension by two further months = three months from the relevant time.
        end, counted = _count_pauses(add_months(relevant, 3), merged, nation)
        due = holidays_uk.next_working_day(end, nation)  # R7, R8: weekend or bank holiday → next working day
    else:
        end, counted, due = notice_end, notice_pauses, notice_by  # one month: the notice window's own count
    return Deadline(
        kind=kind,
        nation=nation,
        regime=regime,
        received=received,
        relevant_time=relevant,
        relevant_reason=reason,
        period_end=end,
        due=due,
        extended=extended,
        extension_notice_by=notice_by,
        pauses=counted,
        sent=sent,
        channel=chan,
        base_notes=tuple(notes),
    )


def _merge_pauses(pairs, relevant: date) -> list[Pause]:
    """Clip each (asked, answered) pair to the running clock. Derived from R10: days before the clock
    started (the relevant time) never counted, and a day inside an earlier pause is not excluded twice."""
    pauses: list[Pause] = []
    covered_to: date | None = None
    for asked, answered in pairs:
        start = max(asked, relevant)
        if covered_to is not None:
            start = max(start, covered_to + _ONE_DAY)
        days = (answered - start).days + 1 if answered >= start else 0
        idle = "" if days else ("before-start" if answered < relevant else "within-earlier")
        pauses.append(Pause(asked, answered, days, idle=idle))
        if days:
            covered_to = answered
    return pauses


def _count_pauses(end: date, pauses: list[Pause], nation: Nation) -> tuple[date, tuple[Pause, ...]]:
    """`end` moved on by each pause asked while the time was still running (R10, law.md §2 step 4).

    Derived refinement of step 4: the time runs to the end of the working day the deadline rolls to
    (R7, R8). A question asked after the calendar end but on or before that working day (say the
    month ends on Sat 3 Oct and they ask on Mon 5 Oct) pauses the time that was left, which runs to
    that Monday: the excluded days are added from the rolled day, not from the Saturday. Adding them
    to the Saturday would make the answer due before the person had even replied. A question asked
    after the rolled day pauses nothing: the time had run out.
    """
    counted: list[Pause] = []
    for p in pauses:
        if not p.days:
            counted.append(p)
            continue
        start = p.answered - timedelta(days=p.days - 1)  # the first day that did not count
        rolled = holidays_uk.next_working_day(end, nation)
        if start > rolled:
            counted.append(Pause(p.asked, p.answered, 0, idle="too-late"))
            continue
        if start > end:
            end = rolled
            p = p._replace(rolled_to=rolled)
        end += timedelta(days=p.days)
        counted.append(p)
    return end, tuple(counted)


def _complaint(received: date, nation: Nation, sent: date | None, channel: Channel | None) -> Deadline:
    """s.164A acknowledgement: 30 days from the day after receipt, rolled (R28, R29; law.md §2 step 6)."""
    regime = REGIME_S164A if received >= S164A_FROM else REGIME_PRE_S164A
    end = received + timedelta(days=COMPLAINT_ACK_DAYS)
    due = holidays_uk.next_working_day(end, nation)
    # The statute says "the period of 30 days beginning when the complaint is received"; read literally
    # with the day of receipt as day 1 it ends a day earlier. Reported, not used (law.md open point 3).
    alternative = holidays_uk.next_working_day(received + timedelta(days=COMPLAINT_ACK_DAYS - 1), nation)
    return Deadline(
        kind=RequestKind.COMPLAINT,
        nation=nation,
        regime=regime,
        received=received,
        relevant_time=received,
        relevant_reason="receipt",
        period_end=end,
        due=due,
        sent=sent,
        channel=channel,
        alternative_due=alternative,
        reading=READING_DAY_AFTER,
    )

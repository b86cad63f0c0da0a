"""Statutory deadlines: when an organisation must answer, acknowledge or decide about an extension.

Pure functions, no I/O, no "today": the caller passes every date. Each rule cites law.md
(/work/shared/law.md) by its R-number and the statute or guidance behind it. Bank holidays come
from `holidays_uk` (the organisation's nation by default; the caller decides which).

The one entry point is `compute_deadline(...)`, returning a frozen `Deadline` whose `steps`
explain the count in plain words. The explanation is built lazily, so computing many deadlines
(the request tracker, `ydm requests list`) stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple

from ydm import holidays_uk
from ydm.errors import InputError
from ydm.model import Channel, Nation, RequestKind

# Commencement (law.md §4). R32 / SI 2026/82 reg 4: Art 12A applies to requests received on or
# after 5 Feb 2026. R30 / SI 2026/82 reg 7: s.164A applies to complaints received on or after 19 Jun 2026.
ARTICLE_12A_FROM = date(2026, 2, 5)
S164A_FROM = date(2026, 6, 19)

REGIME_PRE_DUAA = "pre-duaa"  # old Art 12(3): "within one month of receipt"
REGIME_ARTICLE_12A = "article-12a"  # Art 12A UK GDPR (DUAA s.76)
REGIME_S164A = "s164a"  # DPA 2018 s.164A complaint to the controller (DUAA s.103)
REGIME_PRE_S164A = "pre-s164a"  # a complaint received before 19 Jun 2026: no statutory duty yet

READING_DAY_AFTER = "day-after"  # ICO (R29): day 1 of the 30 is the day after receipt
READING_INCLUSIVE = "inclusive"  # s.164A's "30 days beginning when ... received", day of receipt = day 1

COMPLAINT_ACK_DAYS = 30  # DPA 2018 s.164A (R28)

# Kinds with a one-month answer period (R1, R2, R15; design.md's table). A follow-up asks for the
# Art 15 items a reply left out, so it runs as a fresh Art 15 request.
MONTH_KINDS = frozenset(
    {
        RequestKind.ACCESS,
        RequestKind.OBJECT_MARKETING,
        RequestKind.OBJECT_PROCESSING,
        RequestKind.OPEN_REGISTER,
        RequestKind.ERASURE,
        RequestKind.FOLLOW_UP,
    }
)
# R10 / Art 12A(5): the clarification pause is for Art 15 access requests only. R15: objections never pause.
PAUSE_KINDS = frozenset({RequestKind.ACCESS, RequestKind.FOLLOW_UP})
DEADLINE_KINDS = MONTH_KINDS | {RequestKind.COMPLAINT}

# Deemed receipt from the day of sending: (working days after sending, explanation).
# Email, web form and hand delivery arrive the day they are sent; the ICO counts from that day even
# when it is not a working day (R5). For post there is no data-protection rule, so we use the
# long-standing presumption under Interpretation Act 1978 s.7 ("the time at which the letter would be
# delivered in the ordinary course of post") as fixed by the Practice Direction (QBD) of 8 March 1985,
# [1985] 1 All ER 889: first class on the second working day after posting, second class on the fourth;
# working days are Monday to Friday except bank holidays. Quoted in the VOA Council Tax Manual, section
# 3 appendix 3.5 (manuals.voa.gov.uk). Same figures in insolvency rules ("second business day" /
# "fourth business day"). It is a presumption: the person can always give the actual receipt date.
RECEIPT_RULES: dict[Channel, tuple[int, str]] = {
    Channel.EMAIL: (0, "an email arrives the day it is sent"),
    Channel.WEBFORM: (0, "a web form arrives the day it is submitted"),
    Channel.HAND: (0, "a letter delivered by hand arrives that day"),
    Channel.FIRST_CLASS: (2, "first-class post is taken to arrive on the second working day after posting"),
    Channel.SECOND_CLASS: (4, "second-class post is taken to arrive on the fourth working day after posting"),
}
RECEIPT_SOURCE = "Interpretation Act 1978 s.7; Practice Direction (QBD) [1985] 1 All ER 889"

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_FULL_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_LEN = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_ONE_DAY = timedelta(days=1)


def fmt(d: date, *, full: bool = False, year: bool = True) -> str:
    """'Sat 31 Jan 2026' (or 'Saturday 31 Jan 2026'); locale-independent."""
    day = (_FULL_DAYS if full else _DAYS)[d.weekday()]
    return f"{day} {d.day} {_MONTHS[d.month - 1]}" + (f" {d.year}" if year else "")


def weekday_name(d: date) -> str:
    return _FULL_DAYS[d.weekday()]


def _month_len(year: int, month: int) -> int:
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_LEN[month - 1]


def add_months(d: date, months: int) -> date:
    """The same date `months` later, or that month's last day if it has no such date (R5, R6, R8)."""
    total = d.month - 1 + months
    year, month = d.year + total // 12, total % 12 + 1
    last = _month_len(year, month)
    return date(year, month, min(d.day, last))


def to_kind(kind: RequestKind | str) -> RequestKind:
    """A RequestKind from an enum or CLI name; unknown names raise InputError listing the choices."""
    if isinstance(kind, RequestKind):
        return kind
    try:
        return RequestKind(str(kind).strip().lower())
    except ValueError:
        choices = ", ".join(
            k.value for k in (*sorted(MONTH_KINDS - {RequestKind.FOLLOW_UP}), RequestKind.COMPLAINT)
        )
        raise InputError(f"unknown kind '{kind}' (choose from {choices})") from None


def to_channel(channel: Channel | str) -> Channel:
    """A Channel from an enum or CLI name; unknown names raise InputError listing the choices."""
    if isinstance(channel, Channel):
        return channel  # the common case: skip the Enum call (it shows in 10,000-request listings)
    try:
        return Channel(channel)
    except ValueError:
        choices = ", ".join(c.value for c in Channel)
        raise InputError(f"unknown channel '{channel}' (choose from {choices})") from None


def receipt_date(sent: date, channel: Channel | str, nation: Nation | str = Nation.ENGLAND_AND_WALES) -> date:
    """When a letter sent on `sent` by `channel` counts as received (see RECEIPT_RULES)."""
    days, _why = RECEIPT_RULES[to_channel(channel)]
    return holidays_uk.add_working_days(sent, days, nation) if days else sent


def regime_for(kind: RequestKind | str, received: date) -> str:
    """Which law governs the count: REGIME_ARTICLE_12A / REGIME_PRE_DUAA, or the s.164A pair."""
    if to_kind(kind) is RequestKind.COMPLAINT:
        return REGIME_S164A if received >= S164A_FROM else REGIME_PRE_S164A
    return REGIME_ARTICLE_12A if received >= ARTICLE_12A_FROM else REGIME_PRE_DUAA


class Pause(NamedTuple):
    """A clarification pause as counted: the controller asked on `asked`, got the answer on `answered`."""

    asked: date
    answered: date
    days: int  # days that did not count (both ends included, clipped to the running clock)
    # Set when the question came after the calendar end, on a day the deadline had been rolled past
    # (a weekend or bank holiday): the time still running ran to this working day, so the pause is
    # added from here (see `_count_pauses`).
    rolled_to: date | None = None
    # Why a pause with days == 0 changed nothing: "before-start", "within-earlier" or "too-late".
    idle: str = ""


class Deadline(NamedTuple):
    """A computed deadline and everything needed to explain it. `due` is the END of that day.

    A NamedTuple rather than a frozen dataclass: just as immutable, and four times cheaper to build,
    which matters when the tracker recomputes thousands of deadlines.
    """

    kind: RequestKind
    nation: Nation
    regime: str
    received: date
    relevant_time: date
    relevant_reason: str  # "receipt", "ID received", "fee received"
    period_end: date  # the calendar end (after months/days and pauses) before the working-day roll
    due: date
    extended: bool = False
    extension_notice_by: date | None = None  # None for complaints
    pauses: tuple[Pause, ...] = ()
    sent: date | None = None
    channel: Channel | None = None
    alternative_due: date | None = None  # complaints: the inclusive reading
    reading: str | None = None  # complaints: READING_DAY_AFTER (the one used for `due`)
    base_notes: tuple[str, ...] = ()  # see `notes`

    @property
    def notes(self) -> tuple[str, ...]:
        """Caveats worth telling the person (regime, readings, late extension). Built on demand."""
        if self.kind is not RequestKind.COMPLAINT:
            return self.base_notes
        alt = self.alternative_due
        reading = (
            "counting from the day after receipt is the ICO's reading (complaints guidance, 12 Feb 2026, as"
            f" reported); if the day of receipt counted as day 1 it would be {fmt(alt)}"
            if alt is not None and alt != self.due
            else "counting from the day after receipt is the ICO's reading; counting the day of receipt gives"
            " the same date"
        )
        outcome = "after acknowledging, the organisation must look into it and tell you the outcome without undue delay"
        early = (
            "received before 19 Jun 2026: no statutory duty to acknowledge; 30 days is a fair guide only",
        )
        return (*(early if self.regime == REGIME_PRE_S164A else ()), reading, outcome)

    @property
    def paused_days(self) -> int:
        return sum(p.days for p in self.pauses)

    @property
    def due_weekday(self) -> str:
        return weekday_name(self.due)

    @property
    def rule(self) -> str:
        """The law behind the count, in one line."""
        return {
            REGIME_ARTICLE_12A: "UK GDPR Art 12A (Data (Use and Access) Act 2025 s.76)",
            REGIME_PRE_DUAA: "UK GDPR Art 12(3) as it stood before 5 Feb 2026 (SI 2026/82 reg 4)",
            REGIME_S164A: "DPA 2018 s.164A (Data (Use and Access) Act 2025 s.103)",
            REGIME_PRE_S164A: "none: s.164A applies only to complaints received from 19 Jun 2026 (SI 2026/82 reg 7)",
        }[self.regime]

    @property
    def steps(self) -> list[str]:
        """How the count went, one short human step each (see `explain`)."""
        return explain(self)

    @property
    def summary(self) -> str:
        return " → ".join(self.steps) + "."


def _roll_words(end: date, nation: Nation) -> str:
    """Why `end` is not a working day: 'a Saturday', 'Fri 25 Dec is Christmas Day, then a weekend'."""
    parts: list[str] = []
    d = end
    while not holidays_uk.is_working_day(d, nation):
        name = holidays_uk.holiday_name(d, nation)
        if name:
            parts.append(
                f"{fmt(d, year=False)} is {name}" if parts or d != end else f"a bank holiday ({name})"
            )
        elif (
            d.weekday() == 5
            and not holidays_uk.is_working_day(d + _ONE_DAY, nation)
            and (d + _ONE_DAY).weekday() == 6
        ):
            parts.append("a Saturday" if d == end else "then a weekend")
            d += _ONE_DAY  # the Sunday is part of "the weekend"
        else:
            parts.append(f"a {weekday_name(d)}" if d == end else f"then a {weekday_name(d)}")
        d += _ONE_DAY
    return ", ".join(parts)


def explain(dl: Deadline) -> list[str]:
    """Plain steps, e.g. ['received Sat 31 Jan 2026', 'one month: no 31 Feb, so Sat 28 Feb 2026',
    'a Saturday, so the next working day: Mon 2 Mar 2026']."""
    steps: list[str] = []
    if dl.sent is not None and dl.channel is not None:
        days, why = RECEIPT_RULES[dl.channel]
        if days:
            steps.append(f"sent {fmt(dl.sent)}; {why}: {fmt(dl.received)}")
        else:
            steps.append(f"sent {fmt(dl.sent)}; {why}, so received {fmt(dl.received)}")
    else:
        steps.append(f"received {fmt(dl.received)}")
    if dl.relevant_time != dl.received:
        steps.append(
            f"{dl.relevant_reason} {fmt(dl.relevant_time)}: the clock starts then (the latest of receipt, ID and fee)"
        )
    start = dl.relevant_time
    if dl.kind is RequestKind.COMPLAINT:
        raw = start + timedelta(days=COMPLAINT_ACK_DAYS)
        steps.append(f"30 days counting from the day after: {fmt(raw)}")
    else:
        months = 3 if dl.extended else 1
        raw = add_months(start, months)
        label = "three months (extended by two further months)" if dl.extended else "one month"
        wanted = start.day
        if raw.day != wanted:
            steps.append(f"{label}: no {wanted} {_MONTHS[raw.month - 1]}, so {fmt(raw)}")
        else:
            steps.append(f"{label}: {fmt(raw)}")
    running = raw
    for p in dl.pauses:
        if p.rolled_to is not None:
            steps.append(f"{_roll_words(running, dl.nation)}, so the time ran to {fmt(p.rolled_to)}")
            running = p.rolled_to
        running += timedelta(days=p.days)
        if p.days:
            steps.append(
                f"clarification asked {fmt(p.asked, year=False)}, answered {fmt(p.answered, year=False)}: "
                f"{p.days} day{'s' if p.days != 1 else ''} do not count, so {fmt(running)}"
            )
        else:
            why = {
                "before-start": "asked and answered before the clock started",
                "within-earlier": "within the earlier pause",
            }.get(p.idle, "after the time had run out")
            steps.append(f"clarification asked {fmt(p.asked)}, {why}: it changes nothing")
    if dl.due != dl.period_end:
        steps.append(
            f"{_roll_words(dl.period_end, dl.nation)}, so the next working day: {fmt(dl.due, full=True)}"
        )
    else:
        steps.append(f"a working day, so due by the end of {fmt(dl.due, full=True)}")
    return steps


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

"""A deadline as counted (`Deadline`, `Pause`) and how the count went, in plain steps (`explain`).

Also the calendar arithmetic and date wording both the count and its explanation use: `add_months`
(the same date a month on, clamped; R5, R6, R8), `fmt`, `weekday_name`. Pure, no I/O, no "today".
`ydm.law.deadlines` re-exports every public name here; `compute_deadline` there builds the `Deadline`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from ydm.law import holidays_uk
from ydm.law.deadline_rules import (
    COMPLAINT_ACK_DAYS,
    RECEIPT_RULES,
    REGIME_ARTICLE_12A,
    REGIME_PRE_DUAA,
    REGIME_PRE_S164A,
    REGIME_S164A,
)
from ydm.model import Channel, Nation, RequestKind

__all__ = ["Deadline", "Pause", "add_months", "explain", "fmt", "weekday_name"]

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


class Pause(NamedTuple):
    """A clarification pause as counted: the controller asked on `asked`, got the answer on `answered`."""

    asked: date
    answered: date
    days: int  # days that did not count (both ends included, clipped to the running clock)
    # Set when the question came after the calendar end, on a day the deadline had been rolled past
    # (a weekend or bank holiday): the time still running ran to this working day, so the pause is
    # added from here (see `_count_pauses` in ydm.law.deadlines).
    rolled_to: date | None = None
    # Why a pause with days == 0 changed nothing: "before-start", "within-earlier" or "too-late".
    idle: str = ""
    # How the answer travelled, for the words only (the count uses `answered`, the day it reached
    # them, Art 12A(5)): sent on `answer_sent` by `answer_via` and deemed to arrive later, or
    # `answer_receipt_known` when the day they received it was recorded.
    answer_sent: date | None = None
    answer_via: Channel | None = None
    answer_receipt_known: bool = False


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
    sent_words: str = "sent"  # how the first step names the letter: "sent", or "follow-up sent"

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


def _answer_words(p: Pause) -> str:
    """The question and the answer as counted: the pause ends the day the answer REACHES them (Art 12A(5),
    law.md R10), so an answer posted earlier is said as sent then and taken to arrive on `answered`."""
    asked = f"clarification asked {fmt(p.asked, year=False)}"
    if p.answer_receipt_known:
        return f"{asked}; they received your answer {fmt(p.answered, year=False)}"
    if p.answer_sent is not None and p.answer_sent != p.answered and p.answer_via is not None:
        return (f"{asked}; you answered {fmt(p.answer_sent, year=False)} by {p.answer_via.words}, "
                f"taken to arrive {fmt(p.answered, year=False)}")
    return f"{asked}, answered {fmt(p.answered, year=False)}"


def explain(dl: Deadline) -> list[str]:
    """Plain steps, e.g. ['received Sat 31 Jan 2026', 'one month: no 31 Feb, so Sat 28 Feb 2026',
    'a Saturday, so the next working day: Mon 2 Mar 2026']."""
    steps: list[str] = []
    if dl.sent is not None and dl.channel is not None:
        days, why = RECEIPT_RULES[dl.channel]
        if days:
            steps.append(f"{dl.sent_words} {fmt(dl.sent)}; {why}: {fmt(dl.received)}")
        else:
            steps.append(f"{dl.sent_words} {fmt(dl.sent)}; {why}, so received {fmt(dl.received)}")
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
            steps.append(f"{_answer_words(p)}: {p.days} day{'s' if p.days != 1 else ''} do not count, so {fmt(running)}")
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

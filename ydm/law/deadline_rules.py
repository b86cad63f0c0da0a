"""Where a deadline count starts: which law governs it, which kinds have which period, and when a
letter counts as received.

Pure, no I/O, no "today". Each rule cites law.md (/work/shared/law.md) by its R-number and the
statute or guidance behind it. `ydm.law.deadlines` re-exports every name here.
"""

from __future__ import annotations

from datetime import date

from ydm.errors import InputError
from ydm.law import holidays_uk
from ydm.law.commencement import TABLE as _COMMENCED
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
    "receipt_date",
    "regime_for",
    "to_channel",
    "to_kind",
]

# Commencement (law.md §4). R32 / SI 2026/82 reg 4: Art 12A applies to requests received on or
# after 5 Feb 2026. R30 / SI 2026/82 reg 7: s.164A applies to complaints received on or after 19 Jun 2026.
# Both dates are read from the one commencement table (ydm.law.commencement), which gives the sources.
ARTICLE_12A_FROM = _COMMENCED["art12a"].in_force
S164A_FROM = _COMMENCED["s164a"].in_force

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

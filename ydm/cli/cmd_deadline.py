"""`ydm deadline`: when must the organisation answer? Counted by `ydm.law.deadlines`, explained step by step.

Only argparse-level work happens at import; the engine is loaded inside `run`, and nothing on this
path imports textual, requests or keyring.
"""

from __future__ import annotations

KINDS = ("access", "object-marketing", "object-processing", "open-register", "erasure", "complaint")
VIAS = ("email", "webform", "first-class", "second-class", "hand")
NATIONS = ("england-and-wales", "scotland", "wales", "northern-ireland")
_NATION_WORDS = {
    "england-and-wales": "England and Wales",
    "wales": "Wales (England and Wales calendar)",
    "scotland": "Scotland",
    "northern-ireland": "Northern Ireland",
}


def register(sub) -> None:
    p = sub.add_parser(
        "deadline",
        help="count the legal deadline for an answer",
        description="Count the date by which an organisation must answer a request (UK GDPR Art 12A) or "
        "acknowledge a complaint (DPA 2018 s.164A), and show how it was counted. The deadline is the "
        "end of the day given.",
    )
    when = p.add_argument_group("when it arrived (give one)")
    when.add_argument("--received", metavar="YYYY-MM-DD", help="the day the organisation received it")
    when.add_argument("--sent", metavar="YYYY-MM-DD", help="the day you sent it (use with --via)")
    when.add_argument(
        "--via",
        metavar="HOW",
        help="how you sent it: " + ", ".join(VIAS) + " (post counts as arriving on the 2nd/4th working day)",
    )
    p.add_argument("--kind", default="access", metavar="KIND", help=", ".join(KINDS) + " (default access)")
    p.add_argument(
        "--nation",
        default="england-and-wales",
        metavar="NATION",
        help="whose bank holidays count: " + ", ".join(NATIONS) + " (default england-and-wales)",
    )
    p.add_argument("--id-received", metavar="DATE", help="the day they received your proof of identity")
    p.add_argument("--fee-received", metavar="DATE", help="the day they received a fee they asked for")
    p.add_argument(
        "--clarification",
        metavar="ASKED:RECEIVED",
        action="append",
        default=[],
        help="access requests only: the day they asked what you meant and the day they got your answer "
        "(repeatable); those days do not count",
    )
    p.add_argument("--extended", action="store_true", help="they extended the time by two further months")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=run)


def _date(value: str | None, flag: str):
    from datetime import date

    from ydm.errors import InputError

    if value is None:
        return None
    text = value.strip()
    try:
        if len(text) != 10:
            raise ValueError
        parsed = date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{flag}: '{value}' is not a date (use YYYY-MM-DD, e.g. 2026-11-22)") from None
    # The UK GDPR's rights date from the GDPR (25 May 2018); far-future dates are typing slips.
    if not date(2018, 5, 25) <= parsed <= date(2100, 12, 31):
        raise InputError(f"{flag}: {parsed.isoformat()} is outside the dates ydm counts (25 May 2018 to 2100): "
                         "data-protection rights as counted here began on 25 May 2018")
    return parsed


def _clarification(value: str):
    from ydm.errors import InputError

    asked, sep, answered = value.partition(":")
    if not sep:
        raise InputError(f"--clarification: '{value}' should be ASKED:RECEIVED, e.g. 2026-11-05:2026-11-16")
    return _date(asked, "--clarification (asked)"), _date(answered, "--clarification (received)")


def deadline_json(dl, *, nation_arg: str) -> dict:
    """The stable `--json` object (add fields, never rename or drop)."""
    from ydm.law import holidays_uk

    alt = None
    if dl.alternative_due is not None:
        alt = {
            "reading": "inclusive",
            "due": dl.alternative_due.isoformat(),
            "weekday": _wd(dl.alternative_due),
        }
    from ydm.porcelain import SCHEMA

    return {
        "schema": SCHEMA,  # as every --json object carries
        "due": dl.due.isoformat(),
        "due_weekday": dl.due_weekday,
        "relevant_time": dl.relevant_time.isoformat(),
        "relevant_reason": dl.relevant_reason,
        "received": dl.received.isoformat(),
        "sent": dl.sent.isoformat() if dl.sent else None,
        "via": dl.channel.value if dl.channel else None,
        "kind": dl.kind.value,
        "nation": nation_arg,
        "calendar": dl.nation.calendar.value,
        "holiday_source": sorted(
            {holidays_uk.holiday_source(dl.nation, y) for y in range(dl.received.year, dl.due.year + 1)}
        ),
        "regime": dl.regime,
        "rule": dl.rule,
        "extended": dl.extended,
        "extension_notice_by": dl.extension_notice_by.isoformat() if dl.extension_notice_by else None,
        "paused_days": dl.paused_days,
        "clarifications": [
            {"asked": p.asked.isoformat(), "answered": p.answered.isoformat(), "days": p.days}
            for p in dl.pauses
        ],
        "period_end": dl.period_end.isoformat(),
        "reading": dl.reading,
        "alternative": alt,
        "steps": dl.steps,
        "summary": dl.summary,
        "notes": list(dl.notes),
    }


def _wd(d) -> str:
    from ydm.law.deadlines import weekday_name

    return weekday_name(d)


def run(args) -> int:
    from ydm.cli import output
    from ydm.errors import InputError
    from ydm.law import holidays_uk
    from ydm.law.deadlines import compute_deadline, fmt, to_channel, to_kind

    if args.received and args.sent:
        raise InputError("give --received or --sent (with --via), not both")
    if not args.received and not args.sent:
        raise InputError("say when it arrived: --received YYYY-MM-DD, or --sent YYYY-MM-DD --via HOW")
    if args.sent and not args.via:
        raise InputError("--sent needs --via (" + ", ".join(VIAS) + ")")
    if args.via and not args.sent:
        raise InputError("--via goes with --sent; with --received the channel does not matter")
    if args.kind.strip().lower() not in KINDS:
        raise InputError(f"unknown kind '{args.kind}' (choose from {', '.join(KINDS)})")
    kind = to_kind(args.kind)
    nation = holidays_uk.to_nation(args.nation)
    channel = to_channel(args.via.strip().lower()) if args.via else None
    if args.clarification and kind.value != "access":
        raise InputError(
            f"--clarification: the clarification pause applies only to access requests (Art 12A(5)), "
            f"not to {kind.value}; leave it out"
        )
    if kind.value == "complaint":
        for flag, value in (
            ("--id-received", args.id_received),
            ("--fee-received", args.fee_received),
            ("--extended", args.extended),
        ):
            if value:
                raise InputError(f"{flag}: a complaint to the organisation has no ID, fee or extension")

    dl = compute_deadline(
        kind,
        _date(args.received, "--received"),
        sent=_date(args.sent, "--sent"),
        channel=channel,
        nation=nation,
        id_received=_date(args.id_received, "--id-received"),
        fee_received=_date(args.fee_received, "--fee-received"),
        clarifications=[_clarification(v) for v in args.clarification],
        extended=args.extended,
    )
    for warning in holidays_uk.calendar_warnings():
        output.warn(warning)
    if args.json:
        output.out_json(deadline_json(dl, nation_arg=nation.value))
        return 0
    what = "acknowledge your complaint" if kind.value == "complaint" else "answer"
    output.out(f"Due: by the end of {fmt(dl.due, full=True)} (they must {what} by then)")
    output.out(dl.summary)
    output.out(f"Bank holidays: {_NATION_WORDS[nation.value]}.  Law: {dl.rule}.")
    if dl.extension_notice_by and not dl.extended:
        output.out(
            f"If they need more time they must tell you, with reasons, by {fmt(dl.extension_notice_by)};"
            " that can add two more months."
        )
    elif dl.extended and dl.extension_notice_by:
        output.out(
            f"The extension only counts if they told you, with reasons, by {fmt(dl.extension_notice_by)}."
        )
    for note in dl.notes:
        output.out(f"Note: {note}.")
    return 0

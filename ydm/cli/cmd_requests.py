"""`ydm requests list|show|mark|next|export|import`: the request tracker on the command line.

Only argparse work happens at import; the store (sqlite, cryptography, keyring) loads inside `run`.
"""

from __future__ import annotations

import argparse

EVENTS = (
    "sent, received, acknowledged, id-requested, id-provided, fee-requested, fee-paid, clarification-requested, "
    "clarification-provided, extended, response-received, response-incomplete, reminder-sent, complaint-sent, "
    "complaint-acknowledged, ico-complaint-sent, withdrawn, closed"
)


def register(sub) -> None:
    from ydm.cli.targets import add_force

    p = sub.add_parser("requests", help="track your requests: deadlines, reminders, complaints, calendar",
                       description="Your recorded requests, their due dates and the next step. Status and due "
                       "dates are worked out from what you recorded, every time.")
    ps = p.add_subparsers(dest="action", metavar="ACTION")
    p.set_defaults(run=run)

    ls = ps.add_parser("list", help="all requests, soonest due first")
    ls.add_argument("--overdue", action="store_true", help="only those past their due date")
    ls.add_argument("--due-within", type=int, metavar="N", help="only those due in the next N days (or overdue)")
    ls.add_argument("--json", action="store_true")

    sh = ps.add_parser("show", help="one request: events, due date and how it was counted, next step")
    sh.add_argument("ref", metavar="REF")
    sh.add_argument("--json", action="store_true")
    sh.add_argument("--letters", action="store_true", help="also print the letters kept with it")

    mk = ps.add_parser("mark", help="record that something happened", epilog="EVENT is one of: " + EVENTS)
    mk.add_argument("ref", metavar="REF")
    mk.add_argument("event", metavar="EVENT")
    mk.add_argument("--on", metavar="YYYY-MM-DD", help="when it happened (default today)")
    mk.add_argument("--note", default="", help="a short note for yourself (kept encrypted)")
    mk.add_argument("--via", choices=("email", "webform", "first-class", "second-class", "hand"),
                    help="with EVENT sent, for a draft: how it went (post is deemed received some working "
                    "days later, so the due date follows it); with id-provided, fee-paid or clarification-provided: "
                    "how your ID, fee or answer went (the time counts from when they receive it, deemed from "
                    "this; default: the way the request went)")
    mk.add_argument("--received", action="store_true",
                    help="with id-provided, fee-paid or clarification-provided: --on is the day THEY received it "
                    "(e.g. from a delivery receipt), not the day you sent it")

    from ydm.service.requests import item_names_help

    nx = ps.add_parser("next", help="write the next letter (reminder, complaint, ICO complaint, follow-up)",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       description="Write the next letter for a request and keep a copy with it (encrypted). "
                       "A copy is kept each time the text is new: running it again on the same day with the "
                       "same facts keeps one copy; other --missing items, other --text or a later day keep "
                       "another. Nothing is marked as sent: do that once it has gone.",
                       epilog="Items for --missing, by name or code (a follow-up asks for exactly these; a later "
                       "reminder, complaint or ICO complaint lists them too, by default those of the last "
                       "follow-up):\n" + item_names_help())
    nx.add_argument("ref", metavar="REF")
    nx.add_argument("-o", "--output", metavar="PATH", help="write it here (.txt, .md, .pdf or .eml); default stdout")
    add_force(nx)
    nx.add_argument("--missing", action="append", default=[], metavar="ITEM",
                    help="for a follow-up: an item their reply left out, by name (recipients, sources, purposes, "
                    "lawful-basis, ... listed below) or code (15(1)(c)); repeatable")
    nx.add_argument("--kind", choices=("reminder", "complaint", "ico-complaint", "follow-up"),
                    help="write this letter instead of the one ydm would choose")
    nx.add_argument("--text", default="", help="your own words, added to the letter as written")
    nx.add_argument("--envelope", choices=("dl", "c5"), help="with -o FILE.pdf: the window envelope (default dl)")
    nx.add_argument("--late-reason", default="", metavar="WHY",
                    help="ICO complaint more than three months after your last contact with the organisation: "
                    "why it is late (the letter says it is late and gives this reason; the ICO may still "
                    "consider it)")

    ex = ps.add_parser("export", help="export to a calendar (.ics) or to JSON (everything, for backup)")
    ex.add_argument("--ics", metavar="FILE", help="one calendar event per due date, with alarms ('-': standard output)")
    ex.add_argument("--private", action="store_true", help="with --ics: leave organisation names out")
    ex.add_argument("--json", metavar="FILE",
                    help="everything, including letters and your profile (keep it safe; '-': standard output)")
    add_force(ex)

    im = ps.add_parser("import", help="import a JSON export (adds what is missing; never drops anything)")
    im.add_argument("--json", metavar="FILE", required=True, help="the export to read ('-': standard input)")

    from ydm.cli.cmd_requests_check import register_check

    register_check(ps)

    rm = ps.add_parser("delete", help="remove requests from this computer (does not withdraw them)",
                       description="Remove requests, their letters and their history from the store. This "
                       "cannot be undone, and it does not tell the organisation anything: to withdraw a "
                       "request, mark it 'withdrawn' and write to them.")
    rm.add_argument("refs", metavar="REF", nargs="+")
    rm.add_argument("--yes", action="store_true", help="do not ask first (needed when not at a terminal)")


def _date(value: str | None, flag: str):
    from ydm import clock

    if value is None:
        return None
    return clock.iso_date(value, flag)  # the error says why (November has 30 days), as the app does


def run(args) -> int:
    from ydm import clock
    from ydm.errors import InputError
    from ydm.store.db import open_store

    action = getattr(args, "action", None)
    if not action:
        raise InputError("say what to do: ydm requests list|show|mark|next|check|export|import|delete")
    today = clock.today()
    if action == "export" and not (args.ics or args.json):
        raise InputError("export needs --ics FILE or --json FILE")
    if action != "list":
        with open_store() as store:
            return {"show": _show, "mark": _mark, "next": _next, "export": _export,
                    "import": _import, "delete": _delete, "check": _check}[action](args, store, today)
    # A listing builds ~100,000 objects and no reference cycles. With the cyclic collector paused
    # until they are printed and freed, it neither rescans them while they are built nor sweeps
    # them all once more when it is switched back on (~20 ms for 10,000 requests).
    from ydm.store.codec import no_gc

    with no_gc(), open_store() as store:
        return _list(args, store, today)


def _row(v) -> list[str]:
    r = v.request
    due = v.due.isoformat() if v.due else "-"
    if v.days_left is not None and not v.done:
        due += f" ({-v.days_left}d late)" if v.days_left < 0 else f" ({v.days_left}d)"
    nxt = v.next_kind.value if v.next_kind else ""
    if not nxt and v.next_later and v.next_on:
        nxt = f"{v.next_later.value} from {v.next_on.isoformat()}"
    return [r.ref, (r.org_name or r.org_id)[:28], r.kind.value, v.label or v.status, due, nxt]


def _list(args, store, today) -> int:
    from ydm.cli import output
    from ydm.service import requests as tracker

    views = tracker.list_requests(store, today=today, overdue=args.overdue, due_within=args.due_within)
    if args.json:
        output.out_json_items({"schema": 1, "today": today.isoformat()}, "requests", tracker.views_json(views))
        return 0
    if not views:
        output.note("no requests" + (" match" if args.overdue or args.due_within is not None else " recorded yet"))
        return 0
    rows = [["REF", "ORGANISATION", "KIND", "STATUS", "DUE", "NEXT"], *map(_row, views)]
    widths = [max(map(len, column)) for column in zip(*rows, strict=True)]
    line = "  ".join(f"{{:<{w}}}" for w in widths).format  # same as ljust per cell, one call per row
    output.out_raw("".join([line(*row).rstrip() + "\n" for row in rows]))
    return 0


def _days(left: int) -> str:
    """'today', 'in 1 day', '5 days', '1 day ago', '3 days ago'."""
    if left == 0:
        return "today"
    n = abs(left)
    unit = "day" if n == 1 else "days"
    return f"{n} {unit}" if left > 0 else f"{n} {unit} ago"


def _show(args, store, today) -> int:
    from ydm.cli import output
    from ydm.model import RequestKind
    from ydm.service import requests as tracker

    v, letters = tracker.show(store, args.ref, today=today)
    if args.json:
        from ydm.porcelain import SCHEMA

        data = {"schema": SCHEMA, **v.to_json()}  # as every --json object carries
        data["letters"] = [{"kind": x.kind.value, "on": x.on.isoformat(), "subject": x.subject,
                            **({"text": x.text} if args.letters else {})} for x in letters]
        if args.letters:
            data["letter_text"] = v.request.letter_text
        output.out_json(data)
        return 0
    r = v.request
    lines = [f"{r.ref}  {r.kind.value} to {r.org_name or r.org_id} ({r.org_id}), by {r.channel.words}",
             f"status: {v.label or v.status}"]
    if v.due:
        what = f" for them to {v.due_label}" if v.due_label else ""
        lines.append(f"due{what}: {v.due.isoformat()} ({_days(v.days_left)})")
        lines += [f"  - {step}" for step in v.explanation]
    lines.append("events:")
    lines += [f"  {e.on.isoformat()}  {e.kind.value}" + (f"  ({e.note})" if e.note else "") for e in v.timeline]
    if letters:
        lines.append("later letters: " + ", ".join(f"{x.kind.value} ({x.on.isoformat()})" for x in letters))
        from ydm.service.requests import SENT_EVENT, unsent_letters

        for x in unsent_letters(r, letters):  # written, and waiting to be marked sent
            lines.append(f"  written, not marked as sent: the {x.kind.value} of {x.on.isoformat()}; when it has gone: "
                         f"ydm requests mark {r.ref} {SENT_EVENT[x.kind].value}")
    replies = store.replies(r.ref) if hasattr(store, "replies") else []
    if replies:
        lines.append(f"replies: {len(replies)} taken in, {sum(len(x['parts']) for x in replies)} file(s) "
                     f"(what they cover: ydm requests check {r.ref})")
    if v.next_kind is RequestKind.FOLLOW_UP:
        from ydm.service.requests import ITEM_NAMES

        lines.append(f"next: follow-up (ydm requests next {r.ref} --missing recipients, one --missing for each "
                     f"item their reply left out): {v.next_reason}")
        lines.append("  items: " + ", ".join(ITEM_NAMES) + " (see ydm requests next --help)")
    elif v.next_kind:
        lines.append(f"next: {v.next_kind.value} (ydm requests next {r.ref}): {v.next_reason}")
    else:
        lines.append("next: nothing to send now" + (f": {v.next_reason}" if v.next_reason else ""))
    if v.ico_by and RequestKind.ICO_COMPLAINT in (v.next_kind, v.next_later):
        lines.append(f"a complaint to the ICO should be made by {v.ico_by.isoformat()} (three months after last contact)")
    output.out("\n".join(lines))
    for w in v.warnings:
        output.warn(w)
    if args.letters:
        output.out("\n" + r.letter_text)
        for x in letters:
            output.out("\n" + x.text)
    return 0


_RECEIPT_EVENTS = frozenset({"id-provided", "fee-paid", "clarification-provided"})


def _mark(args, store, today) -> int:
    from ydm.cli import output
    from ydm.errors import InputError
    from ydm.model import EventKind
    from ydm.service import requests as tracker
    from ydm.service import sending

    on = _date(args.on, "--on")
    kind = tracker.parse_event_kind(args.event)
    if kind is EventKind.SENT:
        v = sending.mark_sent(store, args.ref, today=today, on=on, channel=args.via, note=args.note)
    elif kind in _RECEIPT_EVENTS and (args.via or args.received):
        # Art 12A(2)(b),(c) and (5): the clock runs from when THEY receive the ID, fee or answer (law.md
        # R3, R10): deemed from how it went, or --received: --on is the day they received it.
        data = {"received": True} if args.received else {"via": args.via}
        if args.via and args.received:
            raise InputError("give --via (how it went: the receipt is deemed) or --received (--on is the day "
                             "they received it), not both")
        v = tracker.mark(store, args.ref, kind, today=today, on=on, note=args.note, data=data)
    elif args.via or args.received:
        raise InputError("--via goes with the events 'sent' (how the letter went), 'id-provided', 'fee-paid' and "
                         "'clarification-provided' (how it went); --received with the last three")
    else:
        v = tracker.mark(store, args.ref, args.event, today=today, on=on, note=args.note)
    output.note(f"recorded {args.event} for {v.ref}; status now: {v.status}"
                + (f", due {v.due.isoformat()}" if v.due else ""))
    for w in v.warnings:
        output.warn(w)
    return 0


def _next(args, store, today) -> int:
    from pathlib import Path

    from ydm.cli import output
    from ydm.cli.targets import check_targets
    from ydm.errors import InputError
    from ydm.fileio import atomic_write
    from ydm.service import letters as service
    from ydm.service import requests as tracker

    if args.output:
        check_targets(args, [args.output])  # before anything is said or kept (ydm.cli.targets)
    step = tracker.next_letter(store, args.ref, today=today, missing=args.missing, kind=args.kind,
                               extra_text=args.text, late_reason=args.late_reason)
    if step.letter is None:
        # The reason may itself say "nothing to send now (answered)": say it once.
        reason = step.reason
        if reason.lower().startswith("nothing to send now"):
            reason = reason[len("nothing to send now"):].strip(" :.,")
        ref = step.view.ref if step.view is not None else args.ref
        glue = " " if reason.startswith("(") else ": "
        output.note(f"nothing to send for {ref} now" + (glue + reason if reason else ""))
        return 0
    output.note(f"next for {step.view.ref}: {step.kind.value}. {step.reason}")
    if not args.output:
        text = step.letter.text
        output.out_raw(text if text.endswith("\n") else text + "\n")  # the next note starts on its own line
    else:
        path = Path(args.output)
        fmt = {".pdf": "pdf", ".eml": "eml", ".md": "md"}.get(path.suffix.lower(), "text")
        if args.envelope and fmt != "pdf":
            raise InputError("--envelope goes with -o FILE.pdf")
        data = step.letter.text.encode() if fmt == "text" else service.render_format(
            [step.letter], fmt, combined=True, envelope=args.envelope)[0][1]
        atomic_write(path, data)
        output.note(f"wrote {path}")
    event = {"reminder": "reminder-sent", "complaint": "complaint-sent", "ico-complaint": "ico-complaint-sent",
             "follow-up": "sent"}[step.kind.value]
    output.note(f"once you have sent it: ydm requests mark {step.view.ref} {event}")
    return 0


def _export(args, store, today) -> int:
    from ydm.cli.requests_files import export

    return export(args, store, today)


def _import(args, store, today) -> int:
    from ydm.cli.requests_files import import_

    return import_(args, store, today)


def _check(args, store, today) -> int:
    from ydm.cli.cmd_requests_check import run_check

    return run_check(args, store, today)


def _delete(args, store, today) -> int:
    """Every reference is checked before anything goes, so a typo in the third deletes none."""
    from ydm.cli import output
    from ydm.errors import InputError

    found = []
    for ref in dict.fromkeys(args.refs):
        r = store.get(ref)  # NotFoundError (exit 3) names the unknown reference
        found.append(r)
    if not args.yes and not output.interactive():
        raise InputError("nothing deleted: add --yes to delete without being asked (this cannot be undone)")
    if not args.yes:
        what = "\n".join(f"  {r.ref}  {r.kind.value} to {r.org_name or r.org_id}" for r in found)
        output.note(f"This removes from this computer, for good:\n{what}\n"
                    "with their letters and history. It does not withdraw anything from the organisation.")
        if not output.confirm("Delete them? Type yes to go on: "):
            raise InputError("nothing deleted")
    for r in found:
        store.delete(r.ref)
        output.note(f"deleted {r.ref}")
    return 0

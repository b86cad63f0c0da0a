"""`ydm replies add|list|fetch`: an organisation's answer, taken in and stored encrypted.

Only argparse work happens at import; reading files, the store and IMAP load inside `run`.
"""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("replies", help="take in what an organisation sent back (emails, PDFs, spreadsheets)",
                       description="Take in a reply to one of your requests: emails (.eml, .mbox, a Maildir), "
                       "PDF, CSV, XLSX, JSON, text, and ZIPs of these. It is matched to its request by the "
                       "YDM- reference in the subject, else by who sent it; stored encrypted; and its date "
                       "is recorded as the request's response-received event.")
    ps = p.add_subparsers(dest="action", metavar="ACTION")
    p.set_defaults(run=run)
    ad = ps.add_parser("add", help="take in a reply's files")
    ad.add_argument("files", metavar="FILE", nargs="+")
    ad.add_argument("--ref", metavar="REF", help="the request it answers (when it cannot be matched)")
    ad.add_argument("--on", metavar="YYYY-MM-DD", help="when it arrived (default: the email's Date, else the file's date)")
    ls = ps.add_parser("list", help="the replies stored for a request")
    ls.add_argument("ref", metavar="REF")
    ls.add_argument("--json", action="store_true")
    fe = ps.add_parser("fetch", help="fetch replies from your mailbox over IMAP (read-only)",
                       description="Search your mailbox (IMAP over TLS, read-only: nothing is marked or moved) "
                       "for messages whose subject carries one of your requests' references, and take them in. "
                       "Set up once with: ydm replies fetch --setup --host HOST --user USER (the password "
                       "goes to your system keyring).")
    fe.add_argument("--mailbox", default="INBOX", help="the folder to search (default INBOX)")
    fe.add_argument("--since", metavar="YYYY-MM-DD", help="only messages since this date")
    from ydm.cli.cmd_replies_fetch import register_fetch

    register_fetch(fe)


def _date(value, flag):
    from datetime import date

    from ydm.errors import InputError

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{flag} '{value}' is not a date (use YYYY-MM-DD)") from None


def _choose(need) -> str:
    """At a terminal: ask which request a reply answers."""
    from ydm.cli import output

    if not output.interactive() or not need.candidates:
        raise need
    output.prompt(f"{need.message}.")
    for n, (ref, org, kind) in enumerate(need.candidates, 1):
        output.prompt(f"  {n}. {ref}  {org}" + (f"  ({kind})" if kind else ""))
    answer = output.ask("Which request does it answer? Number or reference (empty: stop): ").strip()
    if not answer:
        raise need
    if answer.isdigit() and 1 <= int(answer) <= len(need.candidates):
        return need.candidates[int(answer) - 1][0]
    return answer


def run(args) -> int:
    from ydm import clock
    from ydm.errors import InputError
    from ydm.store.db import open_store

    action = getattr(args, "action", None)
    if not action:
        raise InputError("say what to do: ydm replies add FILE... | list REF | fetch")
    today = clock.today()
    if action == "fetch" and args.setup:  # settings and the keyring only: no store needed
        from ydm.cli.cmd_replies_fetch import _setup

        return _setup(args)
    with open_store() as store:
        if action == "add":
            return _add(args, store, today)
        if action == "list":
            return _list(args, store)
        from ydm.cli.cmd_replies_fetch import fetch

        return fetch(args, store, today)


def _add(args, store, today) -> int:
    from ydm.cli import output
    from ydm.service import replies

    taken = replies.add(store, args.files, today=today, ref=args.ref, on=_date(args.on, "--on"), choose=_choose)
    for t in taken:
        for w in t.warnings:
            output.warn(w)
        if t.skipped:
            continue
        how = {"subject": "by the reference in its subject", "text": "by the reference in it",
               "sender": "by who sent it", "given": "as you said", "chosen": "as you chose"}.get(t.matched, "")
        output.note(f"{t.ref} ({t.org}): reply of {t.on.isoformat()} taken in {how}, {len(t.files)} file(s): "
                    + ", ".join(t.files[:5]) + (" ..." if len(t.files) > 5 else ""))
        if t.event_added:
            output.note(f"  recorded response-received on {t.on.isoformat()} (dated by the {t.dated_by})")
    refs = list(dict.fromkeys(t.ref for t in taken if not t.skipped))
    if refs:
        output.note("see what it covers: " + "; ".join(f"ydm requests check {r}" for r in refs))
    return 0


def _list(args, store) -> int:
    from ydm.cli import output
    from ydm.service import replies

    stored = replies.replies(store, args.ref)
    if args.json:
        output.out_json({"schema": 1, "replies": [
            {"id": x["id"], "received": x["received"], "subject": x["subject"], "from": x["sender"],
             "files": [{"name": p["name"], "type": p["type"], "size": p["size"], "notes": p["notes"]}
                       for p in x["parts"]]} for x in stored]})
        return 0
    if not stored:
        output.note(f"no replies stored for {args.ref}")
        return 0
    for x in stored:
        output.out(f"{x['id']}  {x['received']}  {x['subject'] or x['source']}")
        for p in x["parts"]:
            extra = f"  ({'; '.join(p['notes'])})" if p["notes"] else ""
            output.out(f"    {p['name']}  {p['type']}  {p['size']} bytes{extra}")
    return 0

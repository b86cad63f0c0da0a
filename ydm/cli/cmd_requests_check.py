"""`ydm requests check REF [--json] [--set CODE=STATUS]`: the Article 15 checklist of a request's replies.

A part of `cmd_requests` kept in its own module (that one is near its size limit); not a command of its own.
"""

from __future__ import annotations

MARK = {"found": "[x]", "not found": "[ ]", "unclear": "[?]"}


def register_check(ps) -> None:
    ck = ps.add_parser("check", help="what their reply covers of Article 15, line by line",
                       description="Read the replies stored for a request (ydm replies add) and say, for each "
                       "item of Article 15 UK GDPR and each political question of the access letter, whether the "
                       "reply answers it: found, not found or unclear, with the words, file and row that show it. "
                       "Rule-based (keywords, column names), offline. Correct a line with --set; then "
                       "'ydm requests next REF' writes the follow-up asking for what is missing.")
    ck.add_argument("ref", metavar="REF")
    ck.add_argument("--json", action="store_true")
    ck.add_argument("--set", action="append", default=[], metavar="CODE=STATUS",
                    help="correct a line: e.g. 15(1)(c)=found, g=not-found, pol:inferred=unclear, 15(2)=auto "
                    "(back to what the rules say); repeatable")


def run_check(args, store, today) -> int:
    from ydm.cli import output
    from ydm.service import replies

    checked = replies.correct(store, args.ref, args.set) if args.set else replies.check(store, args.ref)
    if args.json:
        output.out_json(checked.to_json())
        return 0
    lines = [f"{checked.ref}  {checked.org}: {checked.replies} reply(ies) checked against Article 15"]
    for line in checked.lines:
        who = " (you)" if line.by == "you" else ""
        lines.append(f"{MARK[line.status]} {line.code:<15} {line.words}: {line.status}{who}")
        lines += [f"      {e}" for e in line.evidence]
    output.out("\n".join(lines))
    for n in checked.notes:
        output.warn(n)
    if checked.missing and checked.replies:
        output.note(f"{len(checked.missing)} item(s) missing or unclear: 'ydm requests next {checked.ref}' writes the "
                    f"follow-up asking for them; correct a line with --set CODE=found")
    return 0

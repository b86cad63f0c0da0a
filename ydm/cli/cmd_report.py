"""`ydm report [-o FILE.md|.html|.pdf] [--json]`: what they hold about me, from the replies taken in."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("report", help="what the organisations hold about you, from their replies",
                       description="Per organisation and across all: the categories of data, every inference "
                       "about your political opinions (special-category data), every source and recipient they "
                       "named, and who answered in time, late or not at all, with a timeline of replies against "
                       "due dates (HTML and PDF). The file is not encrypted: keep it safe.")
    p.add_argument("-o", "--output", metavar="FILE", help="write it here (.md, .html or .pdf); default: Markdown "
                   "on standard output")
    p.add_argument("--json", action="store_true", help="the same as JSON on standard output")
    from ydm.cli.targets import add_force

    add_force(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from pathlib import Path

    from ydm import clock
    from ydm.cli import output
    from ydm.errors import InputError
    from ydm.fileio import atomic_write
    from ydm.service import report
    from ydm.store.db import open_store

    fmt = "md"
    if args.output:
        from ydm.cli.targets import check_targets

        check_targets(args, [args.output])  # never onto ydm's own files, whatever the name ends with
        fmt = report.FORMATS.get(Path(args.output).suffix.lower())
        if fmt is None:
            raise InputError(f"-o {args.output}: say .md, .html or .pdf")
    today = clock.today()
    with open_store() as store:
        hs = report.build(store, today=today)
    if args.json:
        output.out_json({"schema": 1, "today": today.isoformat(), "organisations": [h.to_json() for h in hs]})
        return 0
    if not hs:
        output.note("no access requests sent yet: nothing to report")
    data = report.render(hs, fmt, today=today)
    if not args.output:
        output.out_raw(data.decode())
        return 0
    atomic_write(Path(args.output), data)
    output.note(f"wrote {args.output} (it is NOT encrypted: keep it safe)")
    return 0

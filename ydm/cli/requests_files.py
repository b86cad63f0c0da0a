"""`ydm requests export` and `import`: the backup and the calendar written out, a backup read back in.

Apart from cmd_requests.py (the tracker's other actions) because these are the ones that touch files:
the output paths are checked first (ydm.cli.targets), the input is read with a size limit and parsed
so that no file, however made, ends in a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path


def export(args, store, today) -> int:
    from ydm.cli import output
    from ydm.cli.targets import check_targets
    from ydm.errors import InputError
    from ydm.fileio import atomic_write
    from ydm.service import requests as tracker

    if args.ics == "-" and args.json == "-":
        raise InputError("only one of --ics and --json can go to standard output (-)")
    if args.ics and args.json and args.ics != "-" and Path(args.ics).absolute() == Path(args.json).absolute():
        raise InputError("--ics and --json name the same file: give each its own")
    check_targets(args, [name for name in (args.ics, args.json) if name and name != "-"])
    if args.ics:
        data = tracker.export_ics(store, today=today, private=args.private, chunks=True)
        if args.ics == "-":
            output.out_bytes(data)  # event by event, as they are written
        else:
            atomic_write(Path(args.ics), b"".join(data))
            output.note(f"wrote {args.ics}")
    if args.json:
        data = tracker.export_json(store, today=today)
        text = (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()
        where = "standard output"
        if args.json == "-":
            output.out_bytes(text)
        else:
            atomic_write(Path(args.json), text)
            where = args.json
        output.note(f"wrote {where} ({len(data['requests'])} requests; it is NOT encrypted: keep it safe)")
    return 0


def read_export(name: str):
    """The JSON in a file (or '-': standard input), or an error that says in plain words what is wrong:
    too large, not text, not JSON, nested too deep, a number too long to read."""
    from ydm.cli import output
    from ydm.errors import DataError
    from ydm.fileio import MAX_EXPORT_FILE, read_limited

    where = "standard input" if name == "-" else name
    data = output.read_stdin_bytes(MAX_EXPORT_FILE) if name == "-" else read_limited(
        name, limit=MAX_EXPORT_FILE, what="the export")
    if len(data) > MAX_EXPORT_FILE:
        raise DataError(f"{where} is too large for a ydm export (more than {MAX_EXPORT_FILE >> 20} MB)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError(f"cannot read {where}: it is not a text file (a ydm export is UTF-8 JSON)") from None
    if not text.strip():
        raise DataError(f"{where} is empty: it is not a ydm export")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(f"{where} is not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg.lower()}); "
                        "is it a ydm requests export?") from None
    except RecursionError:
        raise DataError(f"{where} is nested too deeply to be a ydm export") from None
    except ValueError as exc:  # e.g. an integer of thousands of digits (Python's int limit)
        raise DataError(f"{where} cannot be read as a ydm export ({' '.join(str(exc).split())[:120]})") from None


def import_(args, store, today) -> int:
    from ydm.cli import output
    from ydm.service import requests as tracker

    data = read_export(args.json)
    res = tracker.import_json(store, data)
    if res.profile_differs:
        output.warn("the profile in this export is not the one stored here: the stored profile is kept; "
                    "each imported request keeps the person who signed it, and its reminders and "
                    "complaints go out under that name")
    output.note(f"imported {'standard input' if args.json == '-' else args.json}: {res.added} added, "
                f"{res.merged} merged, {res.unchanged} unchanged" + ("; profile imported" if res.profile else ""))
    return 0

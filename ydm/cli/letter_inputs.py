"""What `ydm letter` reads from its arguments: the sender (flags over a profile), the details left out,
the report's facts, the format, the person's own words and the day sent. Apart from cmd_letter.py so that
each file is about one thing: this one turns flags into values, that one writes and records letters."""

from __future__ import annotations


def _person(args):
    from ydm.profile import load_profile, make_person

    fields = {
        "name": args.name,
        "address": args.address,
        "postcode": args.postcode,
        "email": args.email,
        "phone": args.phone,
        "date_of_birth": args.dob,
        "previous_addresses": args.previous_address,
        "other_names": args.other_name,
        "electoral_number": args.electoral_number,
        "account_refs": args.account_ref,
        "reply_format": args.reply,
    }
    if args.me:
        make_person(**{"name": "flag check", **{k: v for k, v in fields.items() if v}})  # a bad flag is the flag's fault
        return load_profile(args.me, **fields)
    return make_person(**{k: v for k, v in fields.items() if v})


def _note_left_out(person, orgs, leave_out) -> None:
    """Say which details were left out, and what that can cost (ydm.letters.details)."""
    from ydm.cli import output
    from ydm.letters.details import DETAILS, ID_RESTARTS_CLOCK, left_out

    gone = sorted({name for org in orgs for name in left_out(org, leave_out) if getattr(person, DETAILS[name][0])})
    if gone:
        default = " (the default for parties, campaigners and registration offices: --leave-out none gives it)" \
            if leave_out is None else ""
        output.note(f"left out of the letter: {', '.join(gone)}{default}. Note: {ID_RESTARTS_CLOCK}")


def _leave_out(args):
    """--leave-out, else the profile's `leave_out` list, else None (the category's default)."""
    from ydm.letters.details import check_names

    if args.leave_out is not None:
        return check_names(args.leave_out)
    if args.me:
        import tomllib

        from ydm.errors import YdmError
        from ydm.fileio import read_text_limited

        try:
            value = tomllib.loads(read_text_limited(args.me, what="profile")).get("leave_out")
        except (YdmError, tomllib.TOMLDecodeError):
            return None  # the profile's own errors are reported when it is loaded
        if value is not None:
            return check_names([value] if isinstance(value, str) else [str(v) for v in value])
    return None


def _report(args, kind):
    """The imprint report's facts from the flags; the flags belong to imprint-report only."""
    from datetime import date

    from ydm.errors import InputError
    from ydm.model import RequestKind

    given = {"advert": args.advert, "where": args.where, "seen_on": args.seen_on, "url": args.url,
             "promoter": args.promoter, "paid": args.paid, "targeted": args.targeted, "screenshot": args.screenshot}
    if kind is not RequestKind.IMPRINT_REPORT:
        if any(given.values()):
            raise InputError("--advert, --where, --seen-on, --url, --promoter, --paid, --targeted and --screenshot "
                             "go with imprint-report")
        return None
    if args.seen_on:
        try:
            seen = date.fromisoformat(args.seen_on)
        except ValueError:
            raise InputError(f"--seen-on '{args.seen_on}' is not a date (use YYYY-MM-DD)") from None
        given["seen_on"] = f"{seen.day} {seen:%B %Y}"
    if not (args.advert or args.text or args.text_file):
        raise InputError("say what the advert was with --advert 'TEXT' (or --text): the Commission needs it",
                         hint="also --where, --seen-on and, if you know, --promoter")
    return given


def _format(args) -> str:
    """--format if given, else from -o FILE's extension (x.pdf → pdf), else text."""
    from pathlib import Path

    from ydm.errors import InputError

    by_extension = {".txt": "text", ".text": "text", ".md": "md", ".pdf": "pdf", ".eml": "eml"}
    suffix = Path(args.output).suffix.lower() if args.output and not args.output.endswith(("/", "\\")) else ""
    guessed = by_extension.get(suffix)
    if args.format and guessed and args.format != guessed:
        raise InputError(f"-o {args.output} looks like {guessed}, but --format is {args.format}: make them agree")
    return args.format or guessed or "text"


def _extra_text(args) -> str:
    """--text, then the words of --text-file (read with ydm.fileio's size limit: not /dev/zero)."""
    from ydm.fileio import read_text_limited

    if not args.text_file:
        return args.text
    return (args.text + "\n\n" + read_text_limited(args.text_file, what="--text-file")).strip()


def _sent_on(args, today):
    """--sent as a date, checked (a real day, not in the future) before anything is drafted."""
    from ydm import clock
    from ydm.errors import InputError

    if not args.sent:
        return None
    sent_on = clock.iso_date(args.sent, "--sent")  # says why not (November has 30 days)
    if sent_on > today:
        raise InputError(f"the sending date {sent_on.isoformat()} is in the future (today is {today.isoformat()}); "
                         "record letters once they have gone")
    return sent_on

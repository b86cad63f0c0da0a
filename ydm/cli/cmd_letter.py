"""`ydm letter KIND --to ORG …`: write complete letters in one go, to stdout or files."""

from __future__ import annotations

import argparse

from ydm.cli.letter_inputs import _extra_text, _format, _leave_out, _note_left_out, _person, _report, _sent_on
from ydm.cli.targets import add_force
from ydm.model import INITIAL_KINDS, KIND_SUMMARIES, REPORT_KINDS

FORMATS = ("text", "md", "pdf", "eml")


def register(sub) -> None:
    kinds = "\n".join(f"  {k.value:<18} {KIND_SUMMARIES[k]}" for k in INITIAL_KINDS)
    kinds += "\n\nReports (to a regulator; not tracked):\n" + "\n".join(
        f"  {k.value:<18} {KIND_SUMMARIES[k]}" for k in REPORT_KINDS)
    p = sub.add_parser(
        "letter",
        help="write a subject access request, objection, erasure request, open-register opt-out or a report "
        "to the Electoral Commission",
        description="Write complete, ready-to-send letters.\n\nKinds:\n" + kinds,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Examples:\n  ydm letter access --to libdems --me examples/me.toml\n"
        "  ydm letter object-marketing --to all-parties --me me.toml -o letters/\n"
        "  ydm letter access --to elected-parties --in scotland --me me.toml --format pdf -o letters.pdf\n"
        "  ydm letter imprint-report --me me.toml --advert 'video attacking the Green Party' --where Facebook "
        "--seen-on 2026-04-20 --targeted",
    )
    p.add_argument("kind", metavar="KIND",
                   help="access, object-marketing, object-processing, open-register, erasure; or imprint-report")
    who = p.add_argument_group("to whom")
    who.add_argument("--to", action="append", default=[], metavar="ORG",
                     help="organisation id or name (repeatable); or all-parties, all-brokers, all-platforms, "
                     "all-campaigners, elected-parties (with --in)")
    who.add_argument("--category", action="append", default=[], metavar="C",
                     help="every organisation in a category: party, campaigner, broker, platform, regulator, ero")
    who.add_argument("--in", dest="nation", metavar="NATION",
                     help="for elected-parties: england, scotland, wales or northern-ireland")
    who.add_argument("--address-to", metavar="LINES",
                     help="the organisation's postal address, lines separated by commas (one organisation only)")
    who.add_argument("--email-to", metavar="EMAIL", help="the organisation's email address (one organisation only)")
    me = p.add_argument_group("about you (or --me PROFILE.toml; flags override the profile)")
    me.add_argument("--me", metavar="PROFILE.toml", help="your details in a profile file (see examples/me.toml)")
    me.add_argument("--name")
    me.add_argument("--address", help="your address, lines separated by commas")
    me.add_argument("--postcode")
    me.add_argument("--email")
    me.add_argument("--phone")
    me.add_argument("--dob", metavar="YYYY-MM-DD", help="date of birth")
    me.add_argument("--previous-address", action="append", default=[], metavar="ADDRESS")
    me.add_argument("--other-name", action="append", default=[], metavar="NAME", help="other names you have used")
    me.add_argument("--electoral-number")
    me.add_argument("--account-ref", action="append", default=[], metavar="REF",
                    help="a membership or customer number they may use for you")
    me.add_argument("--reply", choices=("electronic", "paper"), help="how you want the reply")
    me.add_argument("--leave-out", action="append", default=None, metavar="DETAIL",
                    help="a detail the organisation does not need to find you: dob, email, phone, "
                    "previous-addresses, other-names, electoral-number, account-refs (repeatable), or 'none' to give "
                    "them all; default: the date of birth is left out of letters to parties, campaigners and "
                    "registration offices (the electoral register has none). Profile key: leave_out. If they "
                    "ask for a detail to find you, their month starts again when they get it")
    what = p.add_argument_group("the letter")
    what.add_argument("--text", default="", help="your own words, added to the letter as written")
    what.add_argument("--grounds", default="",
                      help="object-processing: your particular situation, in your own words (Art 21(1) asks for it)")
    what.add_argument("--text-file", metavar="FILE", help="read your own words from a file")
    what.add_argument("--reference", help="use this reference instead of a new one (one organisation only)")
    rep = p.add_argument_group("imprint-report: the advert (what the Electoral Commission needs to look into it)")
    rep.add_argument("--advert", default="", metavar="TEXT", help="what it was: its words, picture, subject")
    rep.add_argument("--where", default="", metavar="TEXT", help="where you saw it (a website, app or platform)")
    rep.add_argument("--seen-on", default="", metavar="YYYY-MM-DD", help="when you saw it")
    rep.add_argument("--url", default="", help="a link to it, if it has one")
    rep.add_argument("--promoter", default="", metavar="NAME", help="who you think is behind it, if you know")
    rep.add_argument("--paid", action="store_true", help="it was marked as a paid advert (sponsored)")
    rep.add_argument("--targeted", action="store_true",
                     help="it seemed aimed at you: the letter says your data's use is for the ICO, and ydm "
                     "suggests an access request to the promoter")
    rep.add_argument("--screenshot", action="store_true", help="you will enclose a screenshot")
    out = p.add_argument_group("output")
    out.add_argument("--format", choices=FORMATS,
                     help="text (default), md, pdf or eml; with -o FILE the file's extension also decides")
    out.add_argument("-o", "--output", metavar="PATH_OR_DIR",
                     help="a file (several letters: joined, or one combined PDF) or a folder (one file per letter)")
    add_force(out)
    out.add_argument("--envelope", choices=("dl", "c5"),
                     help="with --format pdf: the window envelope (dl: A4 folded in three, the default; c5: folded once)")
    out.add_argument("--duplex", action="store_true",
                     help="with --format pdf: for double-sided printing, every letter starts on a new sheet")
    out.add_argument("--record", action="store_true", help="record the letters in your request tracker")
    out.add_argument("--via", choices=("email", "webform", "first-class", "second-class", "hand"),
                     help="with --record: how you sent them (default: post for a PDF, email for an .eml; "
                     "otherwise email where known, else first-class)")
    out.add_argument("--sent", metavar="YYYY-MM-DD", help="with --record: the day you sent them (default: not yet sent)")
    p.set_defaults(run=run)


def _channel_of(args, letter, sent: bool):
    """--via, else the way the output says (a PDF is posted, an .eml emailed: ydm.service.channels.
    channel_for_output). When the letter cannot have gone that way (a PDF to an organisation with no
    postal address) and is recorded as sent, a person at a terminal is asked; a script is stopped
    by check_sent_by, which says what to give."""
    from ydm.cli import output
    from ydm.model import Channel
    from ydm.service.channels import channel_for_output, other_ways

    if args.via:
        return Channel(args.via)
    channel = channel_for_output(letter, args.format)
    ways = other_ways(letter, channel) if sent else []
    if not ways or not output.interactive():
        return channel
    name = letter.org.display_name
    output.prompt(f"No postal address is known for {name}, so the {args.format} cannot have been posted "
                  "to them. How did you send it?")
    for number, way in enumerate(ways, start=1):
        where = {Channel.EMAIL: f" to {letter.recipient_email}",
                 Channel.WEBFORM: f" at {letter.recipient_webform}"}.get(way, "")
        output.prompt(f"  {number}. by {way.words}{where}")
    answer = output.ask(f"Number (1-{len(ways)}; anything else stops, nothing is recorded): ").strip()
    if answer.isdigit() and 1 <= int(answer) <= len(ways):
        return ways[int(answer) - 1]
    return channel  # check_sent_by then stops with what to give


def _warn_duplicates(store, letters, today) -> None:
    """A second identical request (ydm.service.duplicates): said before it is recorded."""
    from ydm.cli import output
    from ydm.service.duplicates import open_duplicates

    for dup in open_duplicates(store, [(letter.org, letter.kind) for letter in letters], today=today):
        output.warn(f"{dup.words}; this records a second one (see 'ydm requests show {dup.ref}')")


def _registration_office(person, today):
    """The open-register letter's office when no --to names one: saved earlier, or looked up from the
    postcode (ydm.service.offices, as the app finds it); with neither, what to do instead."""
    from ydm.errors import InputError, OfficeNeeded
    from ydm.service import offices

    try:
        return offices.registration_office_for(person, [], today)
    except OfficeNeeded as needed:
        postcode = person.postcode or "POSTCODE"
        raise InputError(f"the open-register letter goes to your electoral registration office, and {needed.message}",
                         hint=f"type its address once with 'ydm lookup {postcode} --manual', which saves it for "
                              "the next letter; or give --to ero-ID") from None


def _warn_gaps(args, letters, kind) -> None:
    from ydm.cli import output
    from ydm.model import RequestKind

    for letter in letters:
        if letter.address_missing and not (letter.recipient_email or letter.recipient_webform):
            output.warn(f"no address, email or web form is known for {letter.org.display_name}: the letter "
                        "has a placeholder; find their privacy notice and give --address-to or --email-to")
        elif letter.address_missing and not letter.recipient_email:
            output.warn(f"{letter.org.display_name} takes requests through its web form: "
                        f"{letter.recipient_webform} (paste the letter's text there)")
        elif letter.address_missing and args.format == "pdf":
            output.warn(f"no postal address is known for {letter.org.display_name}: the PDF has a placeholder; "
                        f"email it to {letter.recipient_email} instead")
        if args.format == "eml" and not letter.recipient_email:
            where = (f"its web form {letter.recipient_webform}" if letter.recipient_webform
                     else "post" if not letter.address_missing else "a channel you must find")
            output.warn(f"no email address is known for {letter.org.display_name}: the .eml has no To: line; "
                        f"it takes requests by {where}")
    if args.format == "pdf":
        from ydm.letters.formats.envelopes import envelope
        from ydm.letters.formats.pdf import unprintable_in

        env = envelope(args.envelope)
        for letter in letters:
            if not letter.address_missing and env.too_long(letter.recipient_lines):
                output.warn(f"the address of {letter.org.display_name} has more than {env.max_lines} lines: "
                            f"a {env.name.upper()} window may not show all of it; shorten it with --address-to")

        missing = unprintable_in(letters)
        if missing:
            shown = ", ".join(f"{c} (U+{ord(c):04X})" for c in missing[:8]) + (", …" if len(missing) > 8 else "")
            output.warn(f"the PDF cannot show these characters, so they are left out of it: {shown}; "
                        "the text, .md and .eml formats keep them")
    for letter in letters:
        _note_other_controllers(args, letter.org)
    if kind == RequestKind.OBJECT_PROCESSING and not args.grounds:
        output.warn("an Art 21(1) objection is stronger with your own reasons: add --grounds "
                    "'why this processing troubles you' (the letter gives general reasons meanwhile)")


def _note_other_controllers(args, org) -> None:
    """Say which of several published addresses the letter uses (with their dates) and how to pick
    another; and that the party's local bodies are controllers of their own, to write to as well."""
    from ydm.cli import output

    options = org.address_options
    if len(options) > 1 and not args.address_to:
        others = "; ".join(f"'{', '.join(o.lines)}' ({o.date or 'undated'})" for o in options[1:])
        output.warn(f"{org.display_name} publishes {len(options)} postal addresses and which is current is not "
                    f"settled: the letter uses {', '.join(options[0].lines)} ({options[0].date or 'undated'}); "
                    f"to use {others} instead, give it with --address-to")
    if org.local_controllers:
        output.note(f"ydm: note: {org.local_controllers.summary} {org.local_controllers.advice}")


def run(args) -> int:
    """Check everything, then draft and render in memory, then (with --record) open the store, and
    only then write: see `_deliver` for the order of recording and writing."""
    from pathlib import Path

    from ydm import clock
    from ydm.errors import InputError
    from ydm.model import RequestKind
    from ydm.orgs import contacts
    from ydm.profile import validate_email
    from ydm.service import channels as channels_rule
    from ydm.service import letters as service

    try:
        kind = RequestKind(args.kind)
    except ValueError:
        kind = None
    report = _report(args, kind)
    if kind not in INITIAL_KINDS and kind not in REPORT_KINDS:
        allowed = ", ".join(k.value for k in (*INITIAL_KINDS, *REPORT_KINDS))
        raise InputError(f"unknown letter kind '{args.kind}' (one of {allowed}; "
                         "reminders and complaints come from 'ydm requests next REF')")
    if args.grounds and kind != RequestKind.OBJECT_PROCESSING:
        raise InputError("--grounds goes with object-processing letters (use --text for other kinds)")
    args.format = _format(args)
    if (args.via or args.sent) and not args.record:
        raise InputError("--via and --sent go with --record")
    if (args.envelope or args.duplex) and args.format != "pdf":
        raise InputError("--envelope and --duplex go with --format pdf")
    today = clock.today()
    sent_on = _sent_on(args, today)
    person = _person(args)
    directory = contacts.load()
    if kind in REPORT_KINDS and args.record:
        raise InputError("a report to the Electoral Commission is not a request with a deadline, so it is not "
                         "recorded: keep a copy of what you send")
    if kind in REPORT_KINDS and not (args.to or args.category):
        args.to = ["electoral-commission"]
    if kind is RequestKind.OPEN_REGISTER and not (args.to or args.category):
        orgs = _registration_office(person, today)
    else:
        orgs = service.resolve_targets(directory, args.to, args.category, args.nation)
    from ydm.cli import output

    if any(org.origin not in ("shipped", "user") for org in orgs):  # from a public register (ico:, ec:)
        from ydm.service import registers as public_registers

        for caution in public_registers.cautions(orgs, today):  # said before any letter is written (issue 14)
            output.warn(caution)
    address_to = tuple(line.strip() for line in args.address_to.split(",") if line.strip()) if args.address_to else None
    target = Path(args.output) if args.output else None
    if target is None and args.format in ("pdf", "eml"):
        raise InputError(f"--format {args.format} needs -o FILE or -o FOLDER")
    # A letter recorded as sent on a past day is dated that day, and its legal wording is the law of
    # that day (the templates choose Art 12A or the old Art 12(3), s.164A or not, from the letter's date).
    letters = service.draft_letters(
        kind, person, orgs, today=sent_on or today, extra_text=_extra_text(args), grounds=args.grounds,
        address_to=address_to,
        email_to=validate_email(args.email_to) if args.email_to else None, reference=args.reference,
        report=report, leave_out=_leave_out(args),
    )
    channels = [_channel_of(args, letter, sent_on is not None) for letter in letters] if args.record else []
    if sent_on is not None:
        for letter, channel in zip(letters, channels, strict=True):
            channels_rule.check_sent_by(letter, channel)
    to_folder = target is not None and (target.is_dir() or args.output.endswith(("/", "\\")))
    rendered = service.render_format(letters, args.format, combined=not to_folder, envelope=args.envelope,
                                     duplex=args.duplex)
    if target is not None:  # before anything is written or recorded (ydm.cli.targets)
        from ydm.cli.targets import check_folder, check_targets

        if to_folder:
            check_folder(args, target)
        check_targets(args, [target / service.file_name(x, args.format) for x in letters] if to_folder else [target])
    _warn_gaps(args, letters, kind)
    if not args.record:
        _deliver(args, letters, rendered, target, to_folder, None)
        _note_left_out(person, orgs, _leave_out(args))
        if report and report["targeted"]:
            from ydm.cli import output

            who = f'--to "{args.promoter}"' if args.promoter else "--to THE-PROMOTER"
            output.note("the advert seemed aimed at you: ask whoever is behind it what data about you they used, "
                        f"with: ydm letter access {who} (see 'ydm orgs' for their id)")
        return 0
    from ydm.store.db import open_store

    with open_store() as store:  # before any output: a locked, damaged or read-only store stops here
        _warn_duplicates(store, letters, today)
        _deliver(args, letters, rendered, target, to_folder, (store, channels, sent_on))
    _note_left_out(person, orgs, _leave_out(args))
    return 0


def _deliver(args, letters, rendered, target, to_folder, record) -> None:
    """Write the letters and record them, so that a failure leaves neither a stored request without
    its file nor a file for a request that was not stored.

    Order: (1) stage every file under a temporary name next to its place (the step that fails for
    want of space or permission; nothing is recorded yet, and the temporary files are removed);
    (2) record all the letters in one store transaction (all or none; on failure the staged files
    are removed); (3) rename the staged files into place; if that fails, the requests just recorded
    are deleted again. Standard output comes last, once the letters are recorded: a printed letter
    is never one that failed to be recorded.
    """
    import contextlib

    from ydm import clock
    from ydm.cli import output
    from ydm.cli.staging import Staged
    from ydm.errors import OutputError
    from ydm.service import letters as service

    staged = Staged()
    made_folder = False
    try:
        if target is not None:
            if to_folder and not target.exists():
                try:
                    from ydm.fileio import private_dir

                    private_dir(target)
                    made_folder = True
                except OSError as exc:
                    raise OutputError(f"cannot create folder {target}: {exc.strerror or exc}") from None
            for letter, data in rendered:
                staged.add(target / service.file_name(letter, args.format) if to_folder else target, data)
        stored = []
        if record is not None:
            from ydm.service import sending  # only when recording: it loads the tracker and the mail adapter

            store, channels, sent_on = record
            stored = sending.record_letters(store, letters, channels, sent_on, today=clock.today())
        try:
            written = staged.commit()
        except OutputError:
            for r in stored:
                store.delete(r.ref)
            raise
    except BaseException:
        staged.discard()
        if made_folder:
            with contextlib.suppress(OSError):
                target.rmdir()  # only if still empty: the folder this run made for its letters
        raise
    if target is None:
        text = rendered[0][1].decode("utf-8")
        output.out_raw(text if text.endswith("\n") else text + "\n")  # notes on stderr start on their own line
    for path in written:
        output.note(f"wrote {path}")
    if record is not None:
        sent_on = record[2]
        for r in stored:
            how = f"sent by {r.channel.words}" if sent_on else f"to go by {r.channel.words}"
            output.note(f"recorded {r.ref}: {r.kind.value} to {r.org_name or r.org_id}, {how}"
                        + ("" if args.via else " (not how it went? give --via)"))
        state = (f"sent on {sent_on:%-d %B %Y}" if sent_on
                 else "drafted (mark them sent with 'ydm requests mark REF sent')")
        output.note(f"recorded {len(letters)} request(s) in your tracker, {state}")

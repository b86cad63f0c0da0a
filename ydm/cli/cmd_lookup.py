"""`ydm lookup POSTCODE`: the electoral registration office for a postcode (for the open-register opt-out).

Only the postcode is sent. Without an API key, or offline, it explains how to get a key and, at a
terminal, lets the person type the office's address, which is remembered as a user organisation.
"""

from __future__ import annotations

import argparse
import sys

from ydm.cli import output


def register(sub) -> None:
    p = sub.add_parser(
        "lookup",
        help="find your electoral registration office from your postcode",
        description="Find the electoral registration office for a UK postcode, so you can ask it to take\n"
        "you off the open register. Only the postcode is sent (to Democracy Club or the Electoral\n"
        "Commission; an API key is needed: see 'ydm config set-key'). Northern Ireland is always EONI.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Examples:\n  ydm lookup 'CF10 1AA'\n  ydm lookup WV14 8TU --address 2\n"
        "  ydm lookup EH1 1YJ --remember   (then: ydm letter open-register --to ero-...)\n"
        "  ydm lookup SW1A 1AA --manual     (type the office's address yourself)",
    )
    p.add_argument("postcode", nargs="+", metavar="POSTCODE", help="your postcode, e.g. SW1A 1AA")
    pick = p.add_mutually_exclusive_group()
    pick.add_argument("--address", type=int, metavar="N", help="for a split postcode: the number of your address")
    pick.add_argument("--uprn", metavar="SLUG", help="for a split postcode: the address id (UPRN) shown in the list")
    p.add_argument("--provider", choices=("democracy-club", "electoral-commission"),
                   help="which API to ask (default: the one you have a key for)")
    p.add_argument("--remember", action="store_true",
                   help="save the office as one of your organisations, so letters can be addressed to it")
    p.add_argument("--manual", action="store_true", help="type the office's address yourself (nothing is sent)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(run=run)


def run(args) -> int:
    from ydm.adapters import lookup
    from ydm.adapters.http import HttpStatusError
    from ydm.errors import NetworkError
    from ydm.postcodes import normalise

    postcode = normalise(" ".join(args.postcode))
    if args.manual:
        return _manual(args)
    try:
        result = lookup.find_office(postcode, address=args.uprn, provider=args.provider)
        if result.needs_address and args.address is not None:
            slug = lookup.choice_slug(result, args.address)
            result = lookup.find_office(postcode, address=slug, provider=args.provider)
    except lookup.MissingKeyError as exc:
        return _fallback(args, exc)
    except HttpStatusError:
        raise
    except NetworkError as exc:
        return _fallback(args, exc)
    return _show(result, args)


def _fallback(args, exc) -> int:
    """No key, or offline with nothing cached: explain, and at a terminal offer to type the address."""
    from ydm.adapters import lookup

    saved = lookup.remembered_offices()
    extra = ""
    if saved:
        extra = "offices you saved earlier: " + ", ".join(o.id for o in saved)
    if not sys.stdin.isatty() or args.json:
        if extra:
            exc.hint = f"{exc.hint}; {extra}" if exc.hint else extra
        if not exc.hint:
            exc.hint = "type the office's address yourself with: ydm lookup POSTCODE --manual"
        raise exc
    output.warn(exc.message)
    if exc.hint:
        output.warn(exc.hint)
    if extra:
        output.warn(extra)
    answer = output.ask("Type your electoral registration office's address now? [y/N] ").strip().lower()
    if answer not in ("y", "yes"):
        return exc.exit_code
    return _manual(args)


def _manual(args) -> int:
    """Read the office's details from the terminal (or stdin), remember them, show the result."""
    from ydm.adapters import lookup

    # Instructions are plain prompts on stderr, not warnings: nothing is wrong (stdout stays the result).
    output.note("Nothing is sent anywhere; the office is saved in your own organisations list.")
    name = output.ask("Office name (e.g. Cardiff Council): ")
    output.prompt("Postal address, one line at a time, postcode last; an empty line ends it:")
    lines = []
    while len(lines) < 10:
        line = output.ask("  address: ")
        if not line.strip():
            break
        lines.append(line)
    email = output.ask("Email (optional): ")
    phone = output.ask("Phone (optional): ")
    website = output.ask("Website (optional): ")
    office = lookup.manual_office(name, lines, email=email, phone=phone, website=website)
    args.remember = True
    return _show(lookup.LookupResult(postcode="", office=office, provider="user"), args)


def _show(result, args) -> int:
    from ydm.adapters import lookup

    org = lookup.remember_office(result.office) if (args.remember and result.office) else None
    if args.json:
        data = result.as_dict()
        data["remembered"] = org is not None
        output.out_json(data)
        return 0
    if result.needs_address:
        output.out(f"{result.postcode} is split between areas. Which is your address?")
        for i, choice in enumerate(result.choices, 1):
            output.out(f"  {i:>2}. {choice.address}  [id {choice.slug}]")
        output.out(f"Run again with the number: ydm lookup '{result.postcode}' --address N")
        return 0
    office = result.office
    where = f" for {result.postcode}" if result.postcode else ""
    output.out(f"Electoral registration office{where}:")
    output.out(f"  {office.name}")
    for line in office.address + ((office.postcode,) if office.postcode else ()):
        output.out(f"  {line}")
    for label, value in (("Email", office.email), ("Phone", office.phone), ("Website", office.website)):
        if value:
            output.out(f"  {label + ':':<8} {value}")
    for note in result.notes:
        output.out(note)
    origin = {"democracy-club": "Democracy Club", "electoral-commission": "Electoral Commission",
              "eoni": "built in", "user": "typed in by you"}.get(office.source, office.source)
    cached = " (saved answer)" if result.from_cache else ""
    output.out(f"Source: {origin}{cached}, {office.checked_on}")
    oid = lookup.office_id(office)
    if org is not None:
        output.out(f"Saved as organisation '{oid}'. Write the opt-out with:")
        output.out(f"  ydm letter open-register --to {oid} --me PROFILE.toml")
    else:
        output.out("To write to this office, run again with --remember, then:")
        output.out(f"  ydm letter open-register --to {oid} --me PROFILE.toml")
    return 0

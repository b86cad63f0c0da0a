"""`ydm holidays list|update`: UK bank holidays per nation, and refreshing them from GOV.UK."""

from __future__ import annotations

from ydm import clock
from ydm.cli import output

NATIONS = ("england-and-wales", "scotland", "wales", "northern-ireland")


def register(sub) -> None:
    p = sub.add_parser("holidays", help="list UK bank holidays; refresh them from GOV.UK",
                       description="UK bank holidays per nation (they move deadlines). ydm ships them "
                       "offline; 'update' downloads GOV.UK's official list.")
    cmds = p.add_subparsers(dest="holidays_command", metavar="ACTION")
    ls = cmds.add_parser("list", help="list the bank holidays of one nation and year")
    ls.add_argument("--nation", choices=NATIONS, default="england-and-wales")
    ls.add_argument("--year", type=int, help="default: this year")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(run=run_list)
    up = cmds.add_parser("update", help="download GOV.UK's bank holidays (nothing else is sent)")
    up.add_argument("--json", action="store_true")
    up.set_defaults(run=run_update)
    p.set_defaults(run=lambda args: p.print_help() or 0)


def run_list(args) -> int:

    from ydm.errors import InputError
    from ydm.law.govuk_holidays import list_holidays

    year = args.year if args.year is not None else clock.today().year
    if not 1900 <= year <= 2200:
        raise InputError(f"--year {year} is out of range (1900-2200)")
    listing = list_holidays(args.nation, year)
    for warning in listing.warnings:
        output.warn(warning)
    if args.json:
        output.out_json(listing.as_dict())
        return 0
    output.out(f"Bank holidays, {listing.nation}, {year} (source: {listing.source_text}):")
    for day, title in listing.days:
        output.out(f"  {day.isoformat()}  {day.strftime('%a')}  {title}")
    if not listing.days:
        output.out("  (none listed)")
    return 0


def run_update(args) -> int:
    from ydm.law.govuk_holidays import update, url

    saved = update()
    if args.json:
        output.out_json({"url": url(), **saved.as_dict()})
        return 0
    output.out(f"Saved GOV.UK bank holidays for {saved.first_year}-{saved.last_year} "
               f"({saved.events} dates) to {saved.path}")
    return 0

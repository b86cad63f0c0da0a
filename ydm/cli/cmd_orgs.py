"""`ydm orgs [QUERY] [--category C] [--json]`: find organisations by id, name or alias."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser(
        "orgs",
        help="list or search the organisations ydm knows",
        description="Search organisations by id, name or alias (case and accents do not matter: "
        "'sinn fein' finds Sinn Féin).",
    )
    p.add_argument("query", nargs="*", metavar="QUERY", help="words to look for (quotes not needed)")
    p.add_argument("--category", metavar="C", help="party, campaigner, broker, platform, regulator, ero, other")
    p.add_argument("--elected-in", metavar="NATION",
                   help="only parties with elected representatives in england, scotland, wales or northern-ireland")
    p.add_argument("--json", action="store_true", help="machine-readable output (stable shape)")
    p.set_defaults(run=run)


def run(args) -> int:
    from ydm import porcelain
    from ydm.cli import output
    from ydm.orgs import contacts
    from ydm.service import letters as service

    if args.category:
        service.to_category(args.category)
    if args.elected_in:
        service.check_nation(args.elected_in)  # a typo is bad input (exit 2), as in ydm letter --in
    query = " ".join(args.query)
    directory = contacts.load()
    orgs = directory.search(query, args.category)
    if args.elected_in:
        elected = {o.id for o in directory.parties_elected_in(args.elected_in)}
        orgs = [o for o in orgs if o.id in elected]
    if args.json:
        output.out_json(porcelain.organisations(orgs))
        return 0
    if not orgs:
        from ydm.errors import NotFoundError

        where = f" in category {args.category}" if args.category else ""
        raise NotFoundError(f"no organisation matches '{query}'{where}", hint="try fewer words, or 'ydm orgs' for all")
    width = max(len(o.id) for o in orgs)
    for org in orgs:
        channels = [name for name, value in (("post", org.postal_address), ("email", org.email),
                                             ("web form", org.webform)) if value]
        how = ", ".join(channels) if channels else "no contact known: address must be filled in"
        output.out(f"{org.id:<{width}}  {org.category.value:<10}  {org.display_name}  [{how}]")
        for line in detail_lines(org):
            output.out(f"{'':<{width}}  {line}")
    return 0


def detail_lines(org) -> list[str]:
    """What the person should know before writing: further published addresses (with dates; the
    first is the one letters use) and local bodies that are controllers in their own right."""
    lines = []
    if len(org.address_options) > 1:
        for i, address in enumerate(org.address_options):
            used = "; letters use this" if i == 0 else ""
            lines.append(f"address {i + 1}: {', '.join(address.lines)} ({address.date or 'undated'}{used})")
        lines.append("  which one is current is not settled; to write to another: ydm letter ... --address-to "
                     f"'{', '.join(org.address_options[1].lines)}'")
    if org.local_controllers:
        lines.append(f"local parties: {org.local_controllers.summary}")
        lines.append(f"  {org.local_controllers.advice} (source: {org.local_controllers.source}, "
                     f"{org.local_controllers.date or 'undated'})")
    return lines

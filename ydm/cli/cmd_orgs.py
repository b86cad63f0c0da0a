"""`ydm orgs [QUERY] [--category C] [--json]`: find organisations by id, name, alias, registration
number or postcode, in what ydm ships, what you added and the public registers you imported.

`ydm orgs update --ico-register PATH_OR_URL` / `--ec-register PATH_OR_URL` imports a register;
`ydm orgs --local-to PARTY --postcode P` lists a party's local units (separate controllers).
"""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser(
        "orgs",
        help="list or search the organisations ydm knows",
        description="Search organisations by id, name, alias, registration number (ZB123456, PP52) or "
        "postcode (case and accents do not matter: 'sinn fein' finds Sinn Féin). 'ydm orgs update "
        "--ico-register PATH_OR_URL' / '--ec-register PATH_OR_URL' imports the public registers.",
    )
    p.add_argument("query", nargs="*", metavar="QUERY", help="words to look for (quotes not needed)")
    p.add_argument("--category", metavar="C", help="party, campaigner, broker, platform, regulator, ero, other")
    p.add_argument("--elected-in", metavar="NATION",
                   help="only parties with elected representatives in england, scotland, wales or northern-ireland")
    p.add_argument("--json", action="store_true", help="machine-readable output (stable shape)")
    p.add_argument("--ico-register", metavar="PATH_OR_URL",
                   help="with 'update': import the ICO register of fee payers (ZIP or CSV, file or URL)")
    p.add_argument("--ec-register", metavar="PATH_OR_URL", action="append",
                   help="with 'update': import Electoral Commission register exports (CSV, file or URL; "
                   "repeat it for registrations and accounting units, imported together)")
    p.add_argument("--local-to", metavar="PARTY", help="list this party's local associations / branches")
    p.add_argument("--postcode", metavar="P", help="with --local-to: your postcode, to find your area")
    p.add_argument("--area", metavar="NAME", help="with --local-to: your constituency or council, if known")
    p.set_defaults(run=run)


def run(args) -> int:
    from ydm.errors import InputError

    if args.query[:1] == ["update"]:
        return _update(args)
    if args.ico_register or args.ec_register:
        raise InputError("--ico-register and --ec-register go with 'ydm orgs update'")
    if args.local_to:
        return _local(args)
    if args.postcode or args.area:
        raise InputError("--postcode and --area go with --local-to PARTY")
    return _search(args)


def _search(args) -> int:
    from ydm import porcelain
    from ydm.cli import output
    from ydm.orgs import contacts, search

    if args.category or args.elected_in:  # checked as ydm letter checks them (the letters module: only then)
        from ydm.service import letters as service

        if args.category:
            service.to_category(args.category)
        if args.elected_in:
            service.check_nation(args.elected_in)  # a typo is bad input (exit 2), as in ydm letter --in
    query = " ".join(args.query)
    directory = contacts.load()
    result = search.search(directory, query, args.category, use_registers=bool(query.strip()))
    hits = result.hits
    if args.elected_in:
        elected = {o.id for o in directory.parties_elected_in(args.elected_in)}
        hits = [h for h in hits if h.org.id in elected]
    if args.json:
        listed = porcelain.organisations([h.org for h in hits])
        for row, hit in zip(listed["organisations"], hits, strict=True):
            row["source"], row["source_date"] = hit.source, hit.source_date
        if result.corrected:
            listed["corrected_query"] = result.corrected
        if not hits:
            listed["hint"] = result.hint or "try fewer words"
        output.out_json(listed)
        return 0
    if not hits:
        from ydm.errors import NotFoundError

        where = f" in category {args.category}" if args.category else ""
        raise NotFoundError(f"no organisation matches '{query}'{where}", hint=result.hint or "try fewer words")
    if result.corrected:
        output.note(result.message)
    width = max(len(h.org.id) for h in hits)
    for hit in hits:
        org = hit.org
        channels = [name for name, value in (("post", org.postal_address), ("email", org.email),
                                             ("web form", org.webform)) if value]
        how = ", ".join(channels) if channels else "no contact known: address must be filled in"
        where = "" if hit.source in ("shipped", "user") else f"  ({_source(hit)})"
        output.out(f"{org.id:<{width}}  {org.category.value:<10}  {org.display_name}  [{how}]{where}")
        for line in detail_lines(org):
            output.out(f"{'':<{width}}  {line}")
    return 0


def _source(hit) -> str:
    from ydm.orgs.registers import index

    return f"{index.SOURCES[hit.source]}, file of {hit.source_date or 'unknown date'}"


def _update(args) -> int:
    import sys

    from ydm.cli import output
    from ydm.errors import InputError
    from ydm.service import registers

    if len(args.query) > 1:
        raise InputError(f"'ydm orgs update' takes no words ('{' '.join(args.query[1:])}'); "
                         "give --ico-register or --ec-register")
    asked = [(s, v) for s, v in (("ico", args.ico_register), ("ec", args.ec_register)) if v]
    if not asked:
        if args.json:
            output.out_json({"registers": [m.__dict__ for m in registers.status()]})
            return 0
        raise InputError("say which register to import: --ico-register PATH_OR_URL or --ec-register PATH_OR_URL")
    shown = {"last": -1}

    def progress(stage: str, done: int, total: int) -> None:
        if not sys.stderr.isatty():
            return
        pct = done * 100 // total if total else -1
        if pct != shown["last"]:
            shown["last"] = pct
            amount = f"{pct}%" if pct >= 0 else f"{done / 1e6:.1f} MB"
            sys.stderr.write(f"\r{'downloading' if stage == 'download' else 'importing'}: {amount}   ")
            sys.stderr.flush()

    done = []
    for source, value in asked:
        meta = registers.update(source, value, progress=progress)
        if sys.stderr.isatty():
            sys.stderr.write("\n")
        done.append(meta)
        if not args.json:
            output.out(f"{meta.title}: {meta.rows:,} entries, file of {meta.file_date or 'unknown date'}, "
                       f"from {meta.origin}")
    if args.json:
        output.out_json({"registers": [m.__dict__ for m in done]})
    return 0


def _local(args) -> int:
    from ydm import porcelain
    from ydm.cli import output
    from ydm.errors import InputError, NotFoundError
    from ydm.orgs import contacts
    from ydm.service import letters as letters_service
    from ydm.service import registers

    directory = contacts.load()
    if args.local_to == letters_service.ELECTED_PARTIES:  # "all parties in my nation", with their local units
        if not args.elected_in:
            raise InputError("--local-to elected-parties needs --elected-in england|scotland|wales|northern-ireland")
        parties = [p.id for p in directory.parties_elected_in(letters_service.check_nation(args.elected_in))]
    else:
        parties = [args.local_to]
    found, skipped = [], []
    for party in parties:
        try:
            found.append(registers.local_parties(directory, party, postcode=args.postcode or "",
                                                 area=args.area or ""))
        except NotFoundError as exc:
            if len(parties) == 1 or "not been imported" in exc.message:
                raise
            skipped.append(exc.message)
    if args.json:
        body = porcelain.organisations([u for f in found for u in f.units])
        body.update({"parties": [{"party": f.party.id, "units": [u.id for u in f.units], "area": list(f.area),
                                  "note": f.note} for f in found], "skipped": skipped,
                     "why": registers.SEPARATE_CONTROLLER})
        if len(found) == 1:
            body.update({"party": found[0].party.id, "area": list(found[0].area), "note": found[0].note})
        output.out_json(body)
        return 0
    for each in found:
        output.out(f"Local units of {each.party.display_name} ({each.note}):")
        if not each.units:
            output.out("  none in the imported Electoral Commission register")
        width = max((len(u.id) for u in each.units), default=0)
        for unit in each.units:
            output.out(f"  {unit.id:<{width}}  {unit.display_name}")
        output.out("")
    for line in skipped:
        output.warn(line)
    output.out(f"Why write to them too: {registers.SEPARATE_CONTROLLER}")
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

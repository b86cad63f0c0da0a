#!/usr/bin/env python3
"""Build party_contacts.toml from the researched facts in ../shared/contacts/.

Usage: python scripts/build_contacts.py [SHARED_CONTACTS_DIR] > party_contacts.toml
       python scripts/build_contacts.py --check-register [CONTACTS_TOML]   (report, never overwrite)

Every fact is copied from contacts-draft.toml with its source and confidence, then the later checks
in scripts/contacts-updates-*.toml (e.g. verification-2026-12.md's results, each with its source and
date) are applied over it; nothing is added except search aliases (common names people type, e.g.
"tories") and seat counts from representation.toml. Never invent an address: an empty field stays
empty.

Seats: representation.toml gives counts on a basis (e.g. the 2024 general election) and lists later
changes. A change that says which seats moved (`seats = {party = +1, other = -1}`, in the change
itself or in an updates file's [[seat_change]] of the same legislature and date) is applied to every
count dated before it (`apply_changes`), so "parties with elected representatives" is current.
"""

from __future__ import annotations

import copy
import json
import re
import sys
import tomllib
from datetime import date
from pathlib import Path

UPDATES = sorted(Path(__file__).resolve().parent.glob("contacts-updates-*.toml"))

# Names people type for an organisation. Names only: no contact facts.
ALIASES = {
    "conservatives": ["conservative party", "tories", "tory", "cchq"],
    "labour": ["labour party", "the labour party"],
    "libdems": ["liberal democrats", "lib dems", "lib dem"],
    "snp": ["scottish national party"],
    "plaid-cymru": ["plaid", "the party of wales"],
    "green-ew": ["green party", "greens", "green party of england and wales"],
    "scottish-greens": ["scottish green party", "greens scotland"],
    "reform-uk": ["reform", "reform party"],
    "ukip": ["uk independence party"],
    "dup": ["democratic unionist party"],
    "people-before-profit": ["pbp", "people before profit alliance"],
    "sinn-fein": ["sinn fein", "sf"],
    "sdlp": ["social democratic and labour party"],
    "alliance-ni": ["alliance party", "alliance"],
    "uup": ["ulster unionist party", "ulster unionists"],
    "womens-equality": ["women's equality party", "wep"],
    "alba": ["alba party"],
    "tuv": ["traditional unionist voice"],
    "workers-party-britain": ["workers party", "workers party of britain"],
    "transunion": ["callcredit"],
    "gbg": ["gb group"],
    "dlg": ["data locator group"],
    "lifecycle-emmas-diary": ["emma's diary", "emmas diary"],
    "meta": ["facebook", "instagram", "messenger"],
    "google": ["youtube", "alphabet"],
    "x-twitter": ["twitter", "x"],
    "snap": ["snapchat"],
    "ico": ["information commissioner", "information commissioner's office"],
    "electoral-commission": ["the electoral commission"],
}

LEGISLATURES = {
    "house_of_commons": "House of Commons",
    "scottish_parliament": "Scottish Parliament",
    "senedd": "Senedd Cymru",
    "ni_assembly": "Northern Ireland Assembly",
}

# The nation each legislature sits for (a party elected there is listed for that nation).
LEGISLATURE_NATION = {"scottish_parliament": "scotland", "senedd": "wales", "ni_assembly": "northern-ireland"}
NOT_PARTIES = ("Independent", "Speaker")  # representation rows that are people, not organisations


def unresearched_parties(representation: dict) -> list[dict]:
    """Parties holding seats that have no contact record (id = "" in representation.toml), e.g. People
    Before Profit in the NI Assembly. They are listed, with their seats and the seat source, so that
    "all elected parties in my nation" is complete; every channel stays empty (never invented), and
    letters to them carry the ADDRESS NEEDED placeholder and a warning, like any party without one."""
    found: dict[str, dict] = {}
    for key, label in LEGISLATURES.items():
        for party in representation.get(key, {}).get("party", []):
            name = party.get("name", "")
            if party.get("id") or party.get("seats", 0) <= 0 or name.startswith(NOT_PARTIES):
                continue
            slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
            entry = found.setdefault(slug, {"id": slug, "display_name": name, "nations": [], "seats": [],
                                            "sources": []})
            if key in LEGISLATURE_NATION and LEGISLATURE_NATION[key] not in entry["nations"]:
                entry["nations"].append(LEGISLATURE_NATION[key])
            entry["seats"].append({"legislature": key, "name": label, "seats": party["seats"],
                                   "status": party.get("status", ""), "date": party.get("date", ""),
                                   "source": party.get("source", ""), "basis": party.get("basis", "")})
            entry["sources"].append({"ref": party.get("source", ""), "date": party.get("date", ""),
                                     "supports": f"{party['seats']} seat(s) in the {label}"})
    return list(found.values())


CONFIDENCE_FIELDS = ("legal_name", "postal_address", "email", "webform", "privacy_notice", "ico_registration")
TEXT_FIELDS = (
    "legal_name", "email", "webform", "privacy_notice", "ico_registration",
    "electoral_commission_id", "company_number", "phone", "postal_address_date", "postal_address_source", "notes",
)


class BuildError(Exception):
    """The facts do not fit together (a seat change with no listed change, seats that appear from nowhere)."""


def _row_key(row: dict) -> str:
    """How a seat change names a row: its party id, or for a row without one (independents) its name."""
    return row.get("id") or re.sub(r"[^a-z0-9]+", "-", row.get("name", "").lower()).strip("-")


def _iso(text: str) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def attach_seat_changes(representation: dict, seat_changes: list[dict]) -> dict:
    """A copy of representation.toml with each [[seat_change]] put on the listed change of the same
    legislature and date. A seat change without a listed (sourced) change is an error."""
    out = copy.deepcopy(representation)
    for moved in seat_changes:
        key, when = moved.get("legislature", ""), str(moved.get("date", ""))
        listed = [c for c in out.get(key, {}).get("change", []) if str(c.get("date", "")) == when]
        if not listed:
            raise BuildError(f"seat change {key} {when}: no change of that date is listed in representation.toml")
        listed[0]["seats"] = dict(moved.get("seats", {}))
    return out


def apply_changes(representation: dict) -> dict:
    """A copy of representation.toml whose counts are current: each party's count plus every listed
    change that says which seats moved and is dated after the count's own date (a count dated on or
    after a change already includes it). A changed count is dated by its last change, keeps its basis
    in `basis`, and is "unconfirmed" where the legislature says its list of changes is not complete
    (current_composition_confirmed = false). A party that had no seats on the basis gets a row."""
    out = copy.deepcopy(representation)
    for key, label in LEGISLATURES.items():
        chamber = out.get(key)
        if not chamber:
            continue
        changes = sorted((c for c in chamber.get("change", []) if c.get("seats")), key=lambda c: str(c["date"]))
        rows = chamber.setdefault("party", [])
        by_key = {_row_key(r): r for r in rows}
        steps: dict[str, list[str]] = {}
        for change in changes:
            when = _iso(change["date"])
            if when is None:
                raise BuildError(f"{label}: listed change '{change['date']}' has no date (YYYY-MM-DD)")
            if sum(change["seats"].values()) != 0:
                raise BuildError(f"{label}: the change of {change['date']} moves seats that do not add up to 0")
            for party, delta in change["seats"].items():
                row = by_key.get(party)
                if row is None:
                    row = by_key[party] = {"id": party, "name": party, "seats": 0, "status": "", "date": "",
                                           "source": "no seats on the basis"}
                    rows.append(row)
                counted = _iso(row.get("date", ""))
                if row.get("date") and counted is None:
                    raise BuildError(f"{label}: the count for {party} has no date, so changes cannot be applied")
                if counted is not None and counted >= when and party not in steps:
                    continue  # the count already includes this change
                steps.setdefault(party, [f"{row['seats']} on {row.get('date') or 'the basis'}"])
                steps[party].append(f"{delta:+d} on {change['date']}")
                row["seats"] += delta
                if row["seats"] < 0:
                    raise BuildError(f"{label}: {party} would have {row['seats']} seats after {change['date']}")
                row["date"] = str(change["date"])
        for party, parts in steps.items():
            row = by_key[party]
            row["basis"] = ", then ".join(parts) + " (changes listed in representation.toml)"
            row["source"] = f"{row.get('source', '')}; then the changes listed in representation.toml".lstrip("; ")
            if chamber.get("current_composition_confirmed") is False:
                row["status"] = "unconfirmed"
    return out


def merge_updates(draft: dict, updates: list[dict]) -> dict:
    """contacts-draft.toml with later checks applied: [[update]] fields replace the draft's,
    sources_add and notes_add are appended, [[organisation]] records are added."""
    out = copy.deepcopy(draft)
    by_id = {o["id"]: o for o in out["organisation"]}
    for file in updates:
        for change in file.get("update", []):
            org = by_id.get(change["id"])
            if org is None:
                raise BuildError(f"update for unknown organisation '{change['id']}'")
            for name, value in change.items():
                if name == "sources_add":
                    org.setdefault("sources", []).extend(value)
                elif name == "notes_add":
                    org["notes"] = " | ".join(n for n in (org.get("notes", ""), value) if n)
                elif name != "id":
                    org[name] = value
            org["last_verified"] = file.get("checked", "")
        for org in file.get("organisation", []):
            if org["id"] in by_id:
                raise BuildError(f"organisation '{org['id']}' is already in the draft: use [[update]]")
            org = dict(org, last_verified=file.get("checked", ""))
            out["organisation"].append(org)
            by_id[org["id"]] = org
    return out


def default_address_first(org: dict) -> dict:
    """The address letters use by default is the one from the newest dated source; an undated
    source never displaces a dated one (both stay shown, with their dates, for the person to choose)."""
    options = [{"lines": org.get("postal_address", []), "date": org.get("postal_address_date", ""),
                "source": org.get("postal_address_source", ""), "note": ""}] if org.get("postal_address") else []
    options += [dict(a) for a in org.get("other_addresses", [])]
    if len(options) < 2:
        return org
    dated = [(d, i) for i, a in enumerate(options) if (d := _iso(a.get("date", ""))) is not None]
    best = max(dated, key=lambda t: (t[0], -t[1]))[1] if dated else 0
    chosen = options.pop(best)
    return dict(org, postal_address=chosen["lines"], postal_address_date=chosen["date"],
                postal_address_source=chosen["source"], other_addresses=options)


def q(value) -> str:
    """A TOML value: JSON strings and arrays of strings are valid TOML."""
    return json.dumps(value, ensure_ascii=False)


def seats_by_party(representation: dict) -> dict[str, list[dict]]:
    seats: dict[str, list[dict]] = {}
    for key, label in LEGISLATURES.items():
        for party in representation.get(key, {}).get("party", []):
            if party.get("id") and party.get("seats", 0) > 0:
                seats.setdefault(party["id"], []).append(
                    {
                        "legislature": key,
                        "name": label,
                        "seats": party["seats"],
                        "status": party.get("status", ""),
                        "date": party.get("date", ""),
                        "source": party.get("source", ""),
                        "basis": party.get("basis", ""),
                    }
                )
    return seats


def build(shared: Path, update_files: list[Path] | None = None) -> str:
    updates = [tomllib.loads(f.read_text(encoding="utf-8")) for f in (UPDATES if update_files is None else update_files)]
    draft = merge_updates(tomllib.loads((shared / "contacts-draft.toml").read_text(encoding="utf-8")), updates)
    representation = tomllib.loads((shared / "representation.toml").read_text(encoding="utf-8"))
    representation = attach_seat_changes(representation, [c for u in updates for c in u.get("seat_change", [])])
    representation = apply_changes(representation)
    seats = seats_by_party(representation)
    out = [
        "# Organisations ydm can write to. GENERATED by scripts/build_contacts.py from the researched facts in",
        "# shared/contacts/contacts-draft.toml and representation.toml, with the later checks in",
        "# scripts/contacts-updates-*.toml applied over them: edit those, then rebuild.",
        "# Every fact carries its sources; an empty string means not found (never guessed).",
        "# Confidence: high = the organisation's own current notice; medium = own older notice or curated dataset;",
        "# low = old archive or secondary source. Seats: from representation.toml, with date and status.",
        "",
        "schema_version = 1",
        f"compiled = {q(draft.get('compiled', ''))}",
        "",
    ]
    for org in map(default_address_first, draft["organisation"]):
        out.append("[[organisation]]")
        out.append(f"id = {q(org['id'])}")
        out.append(f"display_name = {q(org['display_name'])}")
        out.append(f"category = {q(org['category'])}")
        out.append(f"aliases = {q(org.get('aliases') or ALIASES.get(org['id'], []))}")
        out.append(f"nations = {q(org.get('nations', []))}")
        out.append(f"postal_address = {q(org.get('postal_address', []))}")
        out.append(f"alt_emails = {q(org.get('alt_emails', []))}")
        for name in TEXT_FIELDS:
            out.append(f"{name} = {q(org.get(name, ''))}")
        out.append(f"last_verified = {q(org.get('last_verified') or draft.get('compiled', ''))}")
        confidence = {f: org.get(f"{f}_confidence", "") for f in CONFIDENCE_FIELDS if org.get(f"{f}_confidence")}
        if confidence:
            out.append("[organisation.confidence]")
            out += [f"{k} = {q(v)}" for k, v in confidence.items()]
        if org.get("local_controllers"):
            out.append("[organisation.local_controllers]")
            out += [f"{k} = {q(org['local_controllers'].get(k, ''))}" for k in ("summary", "advice", "source", "date")]
        for address in org.get("other_addresses", []):
            out.append("[[organisation.other_addresses]]")
            out += [f"{k} = {q(address.get(k, [] if k == 'lines' else ''))}" for k in ("lines", "date", "source", "note")]
        for seat in seats.get(org["id"], []):
            out.append("[[organisation.seats]]")
            out += [f"{k} = {q(v)}" for k, v in seat.items() if v != "" or k != "basis"]
        for source in org.get("sources", []):
            out.append("[[organisation.sources]]")
            out += [f"{k} = {q(source.get(k, ''))}" for k in ("ref", "date", "supports")]
        out.append("")
    known = {org["id"] for org in draft["organisation"]}
    for party in unresearched_parties(representation):
        if party["id"] in known:
            continue
        out.append("[[organisation]]")
        out.append(f"id = {q(party['id'])}")
        out.append(f"display_name = {q(party['display_name'])}")
        out.append(f"category = {q('party')}")
        out.append(f"aliases = {q(ALIASES.get(party['id'], []))}")
        out.append(f"nations = {q(party['nations'])}")
        out.append("postal_address = []")
        out.append("alt_emails = []")
        for name in TEXT_FIELDS:
            value = ""
            if name == "notes":
                value = ("Listed because it holds seats (representation.toml); its contact details were not "
                         "researched: find its privacy notice and give the address (--address-to / --email-to).")
            out.append(f"{name} = {q(value)}")
        out.append(f"last_verified = {q(representation.get('compiled', ''))}")
        for seat in party["seats"]:
            out.append("[[organisation.seats]]")
            out += [f"{k} = {q(v)}" for k, v in seat.items() if v != "" or k != "basis"]
        for source in party["sources"]:
            out.append("[[organisation.sources]]")
            out += [f"{k} = {q(source.get(k, ''))}" for k in ("ref", "date", "supports")]
        out.append("")
    return "\n".join(out)


def check_register() -> int:
    """`--check-register [CONTACTS_TOML]`: compare the shipped facts with the registers imported by
    `ydm orgs update` (the cache folder, or YDM_HOME's); print the differences, change nothing."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from ydm import clock
    from ydm.orgs import contacts
    from ydm.orgs.registers import check, index

    given = [a for a in sys.argv[1:] if a != "--check-register"]
    directory = contacts.load(Path(given[0]) if given else None, user=Path("/nonexistent"))
    dated = ", ".join(f"{m.title} of {m.file_date}" for s in index.SOURCES if (m := index.meta(s)))
    if not dated:
        sys.stderr.write("no register imported: run 'ydm orgs update --ico-register/--ec-register ...' first\n")
        return 2
    found = check.differences(directory, clock.today())
    sys.stdout.write(f"Checked against {dated}: {len(found)} difference(s)\n" + "".join(f"  {d}\n" for d in found))
    return 1 if found else 0


if __name__ == "__main__" and "--check-register" in sys.argv:
    sys.exit(check_register())
elif __name__ == "__main__":
    shared_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "contacts"
    sys.stdout.write(build(shared_dir))

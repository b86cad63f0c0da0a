#!/usr/bin/env python3
"""Build party_contacts.toml from the researched facts in ../shared/contacts/.

Usage: python scripts/build_contacts.py [SHARED_CONTACTS_DIR] > party_contacts.toml
       python scripts/build_contacts.py --check-register [CONTACTS_TOML]   (report, never overwrite)

Every fact is copied from contacts-draft.toml with its source and confidence; nothing is added
except search aliases (common names people type, e.g. "tories") and seat counts from
representation.toml. Never invent an address: an empty field stays empty.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

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
                                   "source": party.get("source", "")})
            entry["sources"].append({"ref": party.get("source", ""), "date": party.get("date", ""),
                                     "supports": f"{party['seats']} seat(s) in the {label}"})
    return list(found.values())


CONFIDENCE_FIELDS = ("legal_name", "postal_address", "email", "webform", "privacy_notice", "ico_registration")
TEXT_FIELDS = (
    "legal_name", "email", "webform", "privacy_notice", "ico_registration",
    "electoral_commission_id", "company_number", "phone", "notes",
)


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
                    }
                )
    return seats


def build(shared: Path) -> str:
    draft = tomllib.loads((shared / "contacts-draft.toml").read_text(encoding="utf-8"))
    representation = tomllib.loads((shared / "representation.toml").read_text(encoding="utf-8"))
    seats = seats_by_party(representation)
    out = [
        "# Organisations ydm can write to. GENERATED by scripts/build_contacts.py from the researched facts in",
        "# shared/contacts/contacts-draft.toml and representation.toml: edit those, then rebuild.",
        "# Every fact carries its sources; an empty string means not found (never guessed).",
        "# Confidence: high = the organisation's own current notice; medium = own older notice or curated dataset;",
        "# low = old archive or secondary source. Seats: from representation.toml, with date and status.",
        "",
        "schema_version = 1",
        f"compiled = {q(draft.get('compiled', ''))}",
        "",
    ]
    for org in draft["organisation"]:
        out.append("[[organisation]]")
        out.append(f"id = {q(org['id'])}")
        out.append(f"display_name = {q(org['display_name'])}")
        out.append(f"category = {q(org['category'])}")
        out.append(f"aliases = {q(ALIASES.get(org['id'], []))}")
        out.append(f"nations = {q(org.get('nations', []))}")
        out.append(f"postal_address = {q(org.get('postal_address', []))}")
        out.append(f"alt_emails = {q(org.get('alt_emails', []))}")
        for name in TEXT_FIELDS:
            out.append(f"{name} = {q(org.get(name, ''))}")
        out.append(f"last_verified = {q(draft.get('compiled', ''))}")
        confidence = {f: org.get(f"{f}_confidence", "") for f in CONFIDENCE_FIELDS if org.get(f"{f}_confidence")}
        if confidence:
            out.append("[organisation.confidence]")
            out += [f"{k} = {q(v)}" for k, v in confidence.items()]
        for seat in seats.get(org["id"], []):
            out.append("[[organisation.seats]]")
            out += [f"{k} = {q(v)}" for k, v in seat.items()]
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
            out += [f"{k} = {q(v)}" for k, v in seat.items()]
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

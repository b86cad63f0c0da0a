"""The organisations ydm can write to: load, validate, merge the user's own, search.

Shipped facts come from party_contacts.toml (built from researched sources, each with its source
and confidence); the user's own organisations (my_contacts.toml in the data dir, same schema) are
merged over them. Loading validates every record and reports file, organisation and field for each
problem, so a bad edit never turns into a wrong letter.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ydm import paths
from ydm.errors import DataError, NotFoundError
from ydm.model import Category, LocalControllers, Organisation, PostalAddress, Seat, Source

NATIONS = ("england", "scotland", "wales", "northern-ireland")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_STRING_FIELDS = (
    "legal_name", "email", "webform", "privacy_notice", "ico_registration", "electoral_commission_id",
    "company_number", "phone", "notes", "last_verified", "postal_address_date", "postal_address_source",
)
_LIST_FIELDS = ("aliases", "nations", "postal_address", "alt_emails")

# The devolved legislature of each nation; England has none (law: Scotland Act 1998, Government of
# Wales Act 2006, Northern Ireland Act 1998).
_DEVOLVED = {"scotland": "scottish_parliament", "wales": "senedd", "northern-ireland": "ni_assembly"}


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form for searching: 'Sinn Féin' → 'sinn fein'."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = plain.replace("'", "").replace("\u2019", "")
    return re.sub(r"[^a-z0-9]+", " ", plain).strip()


def _problem(problems: list[str], file: Path, org_id: str, fld: str, what: str) -> None:
    problems.append(f"{file.name}: organisation '{org_id}': field '{fld}': {what}")


def _parse(record: dict, file: Path, index: int, origin: str, problems: list[str]) -> Organisation | None:
    org_id = record.get("id")
    label = org_id if isinstance(org_id, str) and org_id else f"#{index + 1}"
    before = len(problems)
    if not isinstance(org_id, str) or not _ID.match(org_id):
        _problem(problems, file, label, "id", "must be lower-case letters, digits and hyphens")
    name = record.get("display_name")
    if not isinstance(name, str) or not name.strip():
        _problem(problems, file, label, "display_name", "is missing")
    try:
        category = Category(record.get("category", ""))
    except ValueError:
        allowed = ", ".join(c.value for c in Category)
        _problem(problems, file, label, "category", f"'{record.get('category', '')}' is not one of {allowed}")
        category = Category.OTHER
    for fld in _STRING_FIELDS:
        if not isinstance(record.get(fld, ""), str):
            _problem(problems, file, label, fld, "must be text")
    for fld in _LIST_FIELDS:
        value = record.get(fld, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            _problem(problems, file, label, fld, "must be a list of text")
    for nation in record.get("nations", []) if isinstance(record.get("nations", []), list) else []:
        if nation not in NATIONS:
            _problem(problems, file, label, "nations", f"'{nation}' is not one of {', '.join(NATIONS)}")
    for fld in ("email",):
        value = record.get(fld, "")
        if isinstance(value, str) and value and not _EMAIL.match(value):
            _problem(problems, file, label, fld, f"'{value}' is not an email address")
    for value in record.get("alt_emails", []) if isinstance(record.get("alt_emails"), list) else []:
        if not _EMAIL.match(str(value)):
            _problem(problems, file, label, "alt_emails", f"'{value}' is not an email address")
    for fld in ("webform", "privacy_notice"):
        value = record.get(fld, "")
        if isinstance(value, str) and value and not value.startswith(("https://", "http://")):
            _problem(problems, file, label, fld, f"'{value}' is not a web address (http:// or https://)")
    sources = record.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, dict) and s.get("ref") for s in sources):
        _problem(problems, file, label, "sources", "each source needs a 'ref'")
        sources = []
    facts = any(record.get(f) for f in ("postal_address", "email", "webform", "privacy_notice", "ico_registration"))
    if origin == "shipped" and facts and not sources:
        _problem(problems, file, label, "sources", "a shipped contact fact needs at least one source")
    seats = record.get("seats", [])
    if not isinstance(seats, list) or not all(isinstance(s, dict) and isinstance(s.get("seats"), int) for s in seats):
        _problem(problems, file, label, "seats", "each entry needs a whole number of 'seats'")
        seats = []
    others = _other_addresses(record, file, label, problems)
    local = _local_controllers(record, file, label, problems)
    if origin == "shipped" and (any(not a.source for a in others) or (local and not local.source)):
        _problem(problems, file, label, "other_addresses/local_controllers", "a shipped fact needs its source")
    if len(problems) > before:
        return None
    return Organisation(
        id=org_id,
        display_name=name.strip(),
        category=category,
        aliases=tuple(record.get("aliases", [])),
        nations=tuple(record.get("nations", [])),
        postal_address=tuple(line for line in record.get("postal_address", []) if line.strip()),
        alt_emails=tuple(record.get("alt_emails", [])),
        sources=tuple(Source(s["ref"], str(s.get("date", "")), s.get("supports", "")) for s in sources),
        seats=tuple(
            Seat(s.get("legislature", ""), s.get("name", ""), s["seats"], s.get("status", ""), s.get("date", ""),
                 s.get("source", ""), s.get("basis", ""))
            for s in seats
        ),
        confidence=dict(record.get("confidence", {})),
        other_addresses=others,
        local_controllers=local,
        origin=origin,
        **{fld: record.get(fld, "") for fld in _STRING_FIELDS},
    )


def _other_addresses(record: dict, file: Path, label: str, problems: list[str]) -> tuple[PostalAddress, ...]:
    """Further published postal addresses: [[organisation.other_addresses]] with lines, date, source."""
    value = record.get("other_addresses", [])
    good = isinstance(value, list) and all(
        isinstance(a, dict) and isinstance(a.get("lines"), list) and a["lines"]
        and all(isinstance(line, str) for line in a["lines"])
        and all(isinstance(a.get(k, ""), str) for k in ("date", "source", "note"))
        for a in value
    )
    if not good:
        _problem(problems, file, label, "other_addresses", "each needs 'lines' (a list of text) and text 'date', 'source'")
        return ()
    return tuple(PostalAddress(tuple(line for line in a["lines"] if line.strip()), a.get("date", ""),
                               a.get("source", ""), a.get("note", "")) for a in value)


def _local_controllers(record: dict, file: Path, label: str, problems: list[str]) -> LocalControllers | None:
    """[organisation.local_controllers]: its local bodies are controllers too (summary, advice, source)."""
    value = record.get("local_controllers")
    if value is None:
        return None
    if not (isinstance(value, dict) and isinstance(value.get("summary"), str) and value["summary"].strip()
            and all(isinstance(value.get(k, ""), str) for k in ("advice", "source", "date"))):
        _problem(problems, file, label, "local_controllers", "needs a 'summary' and text 'advice', 'source', 'date'")
        return None
    return LocalControllers(value["summary"].strip(), value.get("advice", ""), value.get("source", ""),
                            value.get("date", ""))


def _cache_path(file: Path, stat) -> Path:
    key = hashlib.sha256(f"{file.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:24]
    return paths.cache_dir() / f"contacts-{key}.json"


def _read_toml(file: Path, *, cache: bool = True) -> dict:
    """Parse a TOML file, through a JSON copy in the cache dir keyed by path, size and mtime.

    tomllib is pure Python and takes ~50 ms on the shipped file; json takes ~2 ms, which keeps
    `ydm letter` quick. Only the shipped file is cached (`cache=False` for the person's own
    my_contacts.toml): their own organisations and a remembered registration office reveal where they
    live, the file is small, and a copy in the cache would outlive their deleting it. The copy is
    0600 all the same.
    """
    try:
        stat = file.stat()
        raw = file.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read {file}: {exc.strerror or exc}") from None
    cached = _cache_path(file, stat) if cache else None
    if cached is not None:
        try:
            return json.loads(cached.read_bytes())
        except (OSError, ValueError):
            pass
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise DataError(f"{file.name} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{file.name} is not valid TOML: {exc}") from None
    except (RecursionError, ValueError):  # nested thousands deep, a number of thousands of digits
        raise DataError(f"{file.name} cannot be read: it is nested too deeply or holds a number too long") from None
    if cached is None:
        return data
    try:
        from ydm.fileio import (
            atomic_write,
            private_dir,  # 0700 whatever the umask (issue 18 item 9)
        )

        private_dir(cached.parent)
        atomic_write(cached, json.dumps(data, default=str).encode("utf-8"), mode=0o600)
        _drop_other_copies(keep=cached)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is only slower
        pass
    return data


def _drop_other_copies(keep: Path) -> None:
    """Remove the other contacts-*.json copies: older shipped files, and copies of my_contacts.toml
    that versions before 0600/no-user-cache left behind (they revealed the person's area)."""
    for old in keep.parent.glob("contacts-*.json"):
        if old != keep:
            old.unlink(missing_ok=True)


def parse_file(file: Path, origin: str) -> tuple[list[Organisation], list[str]]:
    """Organisations in one TOML file, and a list of problems (file, organisation, field).
    The person's own file (`origin="user"`) is never copied into the cache."""
    data = _read_toml(file, cache=origin != "user")
    records = data.get("organisation", [])
    if not isinstance(records, list):
        raise DataError(f"{file.name}: 'organisation' must be a list of [[organisation]] tables")
    problems: list[str] = []
    orgs = [o for i, r in enumerate(records) if (o := _parse(r, file, i, origin, problems))]
    seen: set[str] = set()
    for org in orgs:
        if org.id in seen:
            problems.append(f"{file.name}: organisation '{org.id}': field 'id': appears twice")
        seen.add(org.id)
    return orgs, problems


@dataclass
class Directory:
    """All known organisations, shipped first and the user's own merged over them by id."""

    organisations: dict[str, Organisation] = field(default_factory=dict)

    def __iter__(self):
        return iter(self.organisations.values())

    def __len__(self) -> int:
        return len(self.organisations)

    def get(self, org_id: str) -> Organisation:
        """The organisation with this id, or NotFoundError suggesting the closest ids and names."""
        if org_id in self.organisations:
            return self.organisations[org_id]
        if ":" in org_id:  # ico:ZB123456, ec:PP52: addressed from an imported register
            from ydm.orgs import registers

            target = registers.parse_target(org_id)
            if target is not None:
                return registers.lookup(*target)
        hits = self.search(org_id)
        if len(hits) == 1 or (hits and fold(org_id) in {fold(a) for a in (hits[0].display_name, *hits[0].aliases)}):
            return hits[0]
        import difflib  # only for a name not found

        suggestions = [o.id for o in hits[:3]] or difflib.get_close_matches(org_id, self.organisations, n=3)
        hint = f"did you mean {', '.join(suggestions)}?" if suggestions else "see 'ydm orgs' for the list"
        raise NotFoundError(f"unknown organisation '{org_id}'", hint=hint)

    def search(self, query: str = "", category: Category | str | None = None) -> list[Organisation]:
        """Organisations matching a query by id, name or alias, best first; accent-insensitive."""
        wanted = Category(category) if category else None
        pool = [o for o in self if wanted is None or o.category == wanted]
        q = fold(query)
        if not q:
            return sorted(pool, key=lambda o: (o.category.value, fold(o.display_name)))
        scored = []
        for org in pool:
            names = [fold(org.id.replace("-", " ")), fold(org.display_name), fold(org.legal_name)]
            names += [fold(a) for a in org.aliases]
            names = [n for n in names if n]
            if q in names:
                rank = 0
            elif any(n.startswith(q) for n in names):
                rank = 1
            elif any(f" {q}" in f" {n}" for n in names):
                rank = 2
            elif any(q in n for n in names):
                rank = 3
            else:
                continue
            scored.append((rank, fold(org.display_name), org))
        return [org for _, _, org in sorted(scored, key=lambda t: (t[0], t[1]))]

    def in_category(self, category: Category | str) -> list[Organisation]:
        return self.search("", category)

    def parties_elected_in(self, nation: str) -> list[Organisation]:
        """Parties with elected representatives in a nation (england, scotland, wales, northern-ireland).

        A party counts if it holds seats in that nation's devolved legislature, or holds House of
        Commons seats and stands there (for Scotland, Wales and Northern Ireland only parties that
        stand in that nation alone, since the Commons counts are UK-wide and not split by nation).
        """
        if nation not in NATIONS:
            raise NotFoundError(f"unknown nation '{nation}'", hint=f"one of {', '.join(NATIONS)}")
        result = []
        for org in self.in_category(Category.PARTY):
            devolved = any(s.legislature == _DEVOLVED.get(nation) and s.seats > 0 for s in org.seats)
            commons = any(s.legislature == "house_of_commons" and s.seats > 0 for s in org.seats)
            stands = nation in org.nations and (nation == "england" or tuple(org.nations) == (nation,))
            if devolved or (commons and stands):
                result.append(org)
        return result


def load(shipped: Path | None = None, user: Path | None = None) -> Directory:
    """Load the shipped organisations and merge the user's own file (if any) over them."""
    shipped = shipped or paths.contacts_file()
    user = user if user is not None else paths.user_contacts_file()
    orgs, problems = parse_file(shipped, "shipped")
    directory = Directory({o.id: o for o in orgs})
    if user.exists():
        extra, more = parse_file(user, "user")
        problems += more
        directory.organisations.update({o.id: o for o in extra})
    if problems:
        listed = "; ".join(problems[:10]) + (f"; and {len(problems) - 10} more" if len(problems) > 10 else "")
        raise DataError(f"organisation data has {len(problems)} problem(s): {listed}")
    return directory


"""Use cases for the public registers (every face calls these): import or download a register,
find a party's local accounting units near a postcode, and what to say before writing to an entry.

Downloads go through `ydm.adapters.http` (progress, resume of a partial file, a clean failure);
reading and indexing live in `ydm.orgs.registers`. A failed update never touches the index in use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from ydm import paths
from ydm.errors import InputError, NotFoundError, YdmError
from ydm.model import Organisation
from ydm.orgs import registers
from ydm.orgs.contacts import Directory, fold
from ydm.orgs.registers import index

SEPARATE_CONTROLLER = registers.SEPARATE_CONTROLLER
Progress = Callable[[str, int, int], None]  # (stage "download" | "import", done, total)


def update(source: str, path_or_url: str | list[str], *, progress: Progress | None = None,
           client=None) -> index.Meta:
    """Import a register from files or http(s) URLs into the local index (all of one register's files
    together, replacing its previous index); returns what the index now holds."""
    if source not in index.SOURCES:
        raise InputError(f"unknown register '{source}' (one of {', '.join(index.SOURCES)})")
    given = [path_or_url] if isinstance(path_or_url, str) else list(path_or_url)
    files, origins, downloaded, file_date = [], [], [], ""
    for text in (t.strip() for t in given):
        if not text:
            raise InputError(f"--{source}-register needs a file or an https:// address")
        if urlsplit(text).scheme in ("http", "https"):
            name = Path(urlsplit(text).path).name or f"{source}-register"
            file = _download(text, paths.cache_dir() / "registers" / "download" / name, source, progress, client)
            downloaded.append(file)
            file_date = file_date or registers.readers.date_in_name(name)
            origins.append(text)
        else:
            file = Path(text).expanduser()
            if not file.is_file():
                raise NotFoundError(f"no register file at {file}")
            origins.append(str(file.resolve()))
        files.append(file)
    report = None if progress is None else (lambda done, total: progress("import", done, total))
    try:
        return index.build(source, files, origin=" + ".join(origins), file_date=file_date, progress=report)
    finally:
        for file in downloaded:
            file.unlink(missing_ok=True)  # imported or refused: a fresh download is the next try


def _download(url: str, dest: Path, source: str, progress: Progress | None, client) -> Path:
    from ydm.adapters.http import HttpClient

    own = client is None
    client = client or HttpClient()
    report = None if progress is None else (lambda done, total: progress("download", done, total))
    try:
        return client.download(url, dest, what=f"the {index.SOURCES[source]}", progress=report)
    finally:
        if own:
            client.close()


def status() -> list[index.Meta]:
    """The registers imported so far."""
    return [m for s in index.SOURCES if (m := index.meta(s)) is not None]


def cautions(orgs: list[Organisation], today: date) -> list[str]:
    """Lapsed registrations and old register files among the letters' recipients, said before writing."""
    return [line for org in orgs for line in registers.cautions(org, today)]


@dataclass(frozen=True)
class LocalParties:
    party: Organisation
    units: list[Organisation]  # the nearest first when the area is known
    area: tuple[str, ...]  # place names used to match (constituency, council), if any
    note: str  # how the area was found, or why it was not
    why: str = registers.SEPARATE_CONTROLLER


def _party_ref(party: Organisation) -> str:
    if party.electoral_commission_id:
        return party.electoral_commission_id.upper().split("/")[0]
    found = registers.parse_target(party.id)
    if found and found[0] == "ec":
        return found[1].split("/")[0]
    names = {fold(n) for n in (party.display_name, party.legal_name, *party.aliases) if n}
    for entry in index.search(fold(party.display_name).split(), sources=("ec",), limit=50):
        if entry.reg.startswith("PP") and not entry.parent and fold(entry.name) in names:
            return entry.reg  # the register's entry of the same name
    raise NotFoundError(f"{party.display_name} has no Electoral Commission number in ydm and no party of that "
                        "name is in the imported register, so its local parties cannot be looked up")


def _area(postcode: str, lookup) -> tuple[tuple[str, ...], str]:
    if not postcode:
        return (), "no postcode given: all its local units are listed"
    try:
        result = lookup(postcode)
    except YdmError as exc:
        return (), f"the area of {postcode} could not be looked up ({exc.message}); give --area NAME"
    names = list(result.constituencies)
    if result.office is not None and result.office.name:
        names.append(result.office.name)
    return tuple(names), f"area from {postcode}: {', '.join(names)}" if names else f"no area known for {postcode}"


_PLACE_NOISE = {"council", "city", "county", "borough", "district", "of", "the", "and", "electoral", "services",
                "registration", "office", "officer", "metropolitan", "royal", "cyngor", "sir"}


def local_parties(directory: Directory, party: str, *, postcode: str = "", area: str = "",
                  lookup=None) -> LocalParties:
    """A party's local associations / constituency parties / branches from the EC register, the ones in
    the person's area first (constituency from the postcode lookup where it gives one, else the council)."""
    chosen = directory.get(party)
    if index.meta("ec") is None:  # said first: without the register no party's units can be found
        raise NotFoundError("the Electoral Commission registers have not been imported",
                            hint="run 'ydm orgs update --ec-register PATH_OR_URL' first")
    ref = _party_ref(chosen)
    meta = index.meta("ec")
    units = [registers.as_organisation(e, meta) for e in index.units_of(ref)]
    if area:
        places, note = (area,), f"area: {area}"
    else:
        if lookup is None:
            from ydm.adapters.lookup import find_office as lookup
        places, note = _area(postcode, lookup)
    words = {w for p in places for w in fold(p).split() if w not in _PLACE_NOISE and len(w) > 2}
    if words:
        def score(org: Organisation) -> int:
            return -len(words & set(fold(org.display_name).split()))
        best = min((score(u) for u in units), default=0)
        near = sorted((u for u in units if best < 0 and score(u) == best), key=lambda u: u.display_name)
        if near:
            units = near
        elif units:
            note += "; no local unit's name matches it, so all are listed"
    return LocalParties(chosen, units, places, note)

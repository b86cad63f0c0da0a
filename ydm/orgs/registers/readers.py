"""Readers for the two public registers, streaming rows by column name (see docs/registers.md).

ICO register of fee payers: a ZIP holding one CSV (`register-of-data-controllers.csv`), or that CSV
itself. EC registers: the CSV export of search.electoralcommission.org.uk (Registrations, and any
export with `AccountingUnitName` for a party's local accounting units). Both are read row by row,
never whole; columns are found by name, extra columns are ignored, and a file without the required
columns is refused with what is missing. Nothing here touches the index; `index.py` does.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ydm.errors import DataError

csv.field_size_limit(1_000_000)  # one odd long field must not stop an import; rows stay streamed

ICO_REQUIRED = ("Registration_number", "Organisation_name")
ICO_ADDRESS = tuple(f"Organisation_address_line_{n}" for n in range(1, 6))
_DPO = "DPO_or_Person_responsible_for_DP_"
EC_REQUIRED = ("ECRef", "RegulatedEntityName")
_DATE_IN_NAME = re.compile(r"(20\d\d)-(\d\d)-(\d\d)")


@dataclass(frozen=True)
class Entry:
    """One register row, in the index's own shape."""

    source: str  # "ico" | "ec"
    reg: str  # ZB123456, PP52, TP123, ... (EC accounting units: PP52/unit-name)
    name: str
    kind: str = ""  # ICO payment tier; EC entity type ("Political Party", "Third Party", ...)
    trading: str = ""  # ICO trading names, ' | '-separated; EC: other names / descriptions
    address: str = ""  # lines joined by '\n', without the postcode
    postcode: str = ""
    start: str = ""  # ISO dates, '' when unknown
    end: str = ""
    status: str = ""  # EC RegistrationStatus ("Registered", "Deregistered")
    email: str = ""  # the DPO's (ICO) where published
    phone: str = ""
    url: str = ""  # public register entry
    parent: str = ""  # EC accounting units: the party's ECRef
    register: str = ""  # EC: "Great Britain" | "Northern Ireland" | "None"


def slug(text: str) -> str:
    """'Bristol West Labour Party' → 'bristol-west-labour-party' (accounting units' ids)."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "unit"


def parse_date(text: str) -> str:
    """'2026-11-30', '30/11/2026' or '2026-11-30T00:00:00' → '2026-11-30'; anything else → ''."""
    text = (text or "").strip()
    if not text:
        return ""
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(text[:19] if "T" in text else text, fmt).date().isoformat()
        except ValueError:
            continue
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return ""


def date_in_name(name: str) -> str:
    """The publication date the ICO puts in the file name (register-of-data-controllers-2026-12-03.zip)."""
    found = _DATE_IN_NAME.search(name or "")
    if not found:
        return ""
    try:
        return date(*map(int, found.groups())).isoformat()
    except ValueError:
        return ""


def open_rows(path: Path, what: str, encoding: str = "utf-8-sig") -> tuple[Iterator[dict[str, str]], list[str], object]:
    """(rows, header, handle to close) for a CSV file or a ZIP holding one CSV.

    UTF-8 with or without a BOM; a file that is not UTF-8 raises UnicodeDecodeError while rows are
    read, and the caller starts again with `encoding="cp1252"` (what a spreadsheet export gives)."""
    try:
        if zipfile.is_zipfile(path):
            archive = zipfile.ZipFile(path)
            members = [m for m in archive.infolist() if m.filename.lower().endswith(".csv")]
            if len(members) != 1:
                archive.close()
                raise DataError(f"{path.name} is not {what}: expected one CSV file inside the ZIP, found {len(members)}")
            raw = archive.open(members[0])
            handle = _Closing(raw, archive)
            size = members[0].file_size
        else:
            with path.open("rb") as probe:
                head = probe.read(4)
            if head.startswith(b"PK"):
                raise DataError(f"{path.name} is a damaged or truncated ZIP file; download it again")
            raw = path.open("rb")
            handle = _Closing(raw)
            size = path.stat().st_size
        reader = csv.DictReader(io.TextIOWrapper(raw, encoding=encoding, newline="",
                                                 errors="strict" if encoding.startswith("utf") else "replace"))
        header = [h.strip() for h in (reader.fieldnames or [])]
        reader.fieldnames = header
    except zipfile.BadZipFile:
        raise DataError(f"{path.name} is a damaged or truncated ZIP file; download it again") from None
    except OSError as exc:
        raise DataError(f"cannot read {path}: {exc.strerror or exc}") from None
    except csv.Error as exc:
        raise DataError(f"{path.name} is not {what}: {exc}") from None
    handle.size = size
    handle.raw = raw
    return iter(reader), header, handle


class _Closing:
    """Closes the CSV stream (and its ZIP); `raw.tell()` against `size` gives the progress."""

    def __init__(self, *things):
        self.things = things
        self.size = 0
        self.raw = None

    def close(self) -> None:
        for thing in self.things:
            thing.close()


def _require(header: list[str], required: tuple[str, ...], path: Path, what: str) -> None:
    missing = [c for c in required if c not in header]
    if missing:
        shown = ", ".join(header[:4]) + ("…" if len(header) > 4 else "") if header else "nothing"
        raise DataError(f"{path.name} is not {what}: column(s) {', '.join(missing)} missing (its header has {shown})")


def _g(row: dict, name: str) -> str:
    value = row.get(name)
    return value.strip() if isinstance(value, str) else ""


def ico_entries(rows: Iterator[dict[str, str]], header: list[str], path: Path) -> Iterator[Entry]:
    """ICO rows → entries. Required: Registration_number, Organisation_name; the rest when present."""
    _require(header, ICO_REQUIRED, path, "the ICO register of fee payers")
    for row in rows:
        reg = _g(row, "Registration_number").upper()
        name = _g(row, "Organisation_name")
        if not reg or not name:
            continue
        trading = " | ".join(t.strip() for t in _g(row, "Trading_names").split("|") if t.strip())
        yield Entry(
            source="ico", reg=reg, name=name, kind=_g(row, "Payment_tier"), trading=trading,
            address="\n".join(v for c in ICO_ADDRESS if (v := _g(row, c))),
            postcode=_g(row, "Organisation_postcode").upper(),
            start=parse_date(_g(row, "Start_date_of_registration")),
            end=parse_date(_g(row, "End_date_of_registration")),
            email=_g(row, _DPO + "Email"), phone=_g(row, _DPO + "Phone"),
            url=_g(row, "Public_register_entry_URL"),
        )


_EC_ADDRESS = ("RegisteredHeadquartersAddress", "HeadquartersAddress", "RegisteredAddress", "Address")
_EC_POSTCODE = ("RegisteredHeadquartersPostcode", "HeadquartersPostcode", "Postcode")


def ec_entries(rows: Iterator[dict[str, str]], header: list[str], path: Path,
               seen: set[str] | None = None) -> Iterator[Entry]:
    """EC export rows → entries: parties, non-party campaigners, regulated donees, and (in exports with
    `AccountingUnitName`) a party's local accounting units, each once."""
    _require(header, EC_REQUIRED, path, "an Electoral Commission register export")
    units = "AccountingUnitName" in header
    seen = set() if seen is None else seen  # shared across the exports of one import
    for row in rows:
        ref = _g(row, "ECRef").upper()
        name = _g(row, "RegulatedEntityName")
        if not ref or not name:
            continue
        address_field = next((_g(row, c) for c in _EC_ADDRESS if _g(row, c)), "")
        address = "\n".join(p.strip() for p in re.split(r"[\n,]", address_field) if p.strip())
        common = {
            "kind": _g(row, "RegulatedEntityType") or _g(row, "RegulatedDoneeType"),
            "postcode": next((_g(row, c) for c in _EC_POSTCODE if _g(row, c)), "").upper(),
            "status": _g(row, "RegistrationStatus"), "register": _g(row, "RegisterName"),
            "start": parse_date(_g(row, "ApprovedDate") or _g(row, "RegisteredDate")),
            "end": parse_date(_g(row, "DeRegisteredDate") or _g(row, "DeregisteredDate")),
        }
        if units:
            unit = _g(row, "AccountingUnitName")
            party = "PP" + _g(row, "RegulatedEntityId") if _g(row, "RegulatedEntityId").isdigit() else ref
            if unit and unit.casefold() != "central party":
                key = f"{party}/{slug(unit)}"
                if key not in seen:
                    seen.add(key)
                    yield Entry(source="ec", reg=key, name=unit, parent=party, trading=name,
                                **{**common, "kind": "Accounting Unit", "address": address, "start": "", "end": ""})
                continue
            ref = party
        if ref in seen:
            continue
        seen.add(ref)
        officers = [f"{role}: {_g(row, col)}" for role, col in (
            ("Leader", "Leader"), ("Treasurer", "Treasurer"), ("Nominating officer", "NominatingOfficer"),
            ("Campaigns officer", "CampaignsOfficer"), ("Responsible person", "ResponsiblePerson"),
        ) if _g(row, col)]
        other = [v for c in ("CampaigningName", "Descriptions", "PartyDescriptions") if (v := _g(row, c))]
        yield Entry(source="ec", reg=ref, name=name, trading=" | ".join(other + officers), address=address,
                    url=f"https://search.electoralcommission.org.uk/English/Registrations/{ref}", **common)

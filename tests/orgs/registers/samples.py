"""Small register files in the published layouts (docs/registers.md): the ICO's ZIP of one CSV and
the Electoral Commission's CSV exports (UTF-8 with a BOM)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

_DPO = "DPO_or_Person_responsible_for_DP_"
ICO_HEADER = [
    "Registration_number", "Organisation_name", *[f"Organisation_address_line_{n}" for n in range(1, 6)],
    "Organisation_postcode", "Public_authority", "Start_date_of_registration", "End_date_of_registration",
    "Trading_names", "Payment_tier", *[_DPO + f for f in ("Title", "First_name", "Last_name", "Organisation",
                                                          "Email", "Phone")],
    *[_DPO + f"Address_line_{n}" for n in range(1, 6)], _DPO + "Postcode", "Public_register_entry_URL",
]


def ico_row(reg: str, name: str, *, lines=("1 High Street", "", "", "Leeds", ""), postcode="LS1 1AA",
            start="2026-01-10", end="2027-01-09", trading="", tier="Tier 2", email="", phone="") -> dict:
    row = dict.fromkeys(ICO_HEADER, "")
    row.update({"Registration_number": reg, "Organisation_name": name, "Organisation_postcode": postcode,
                "Public_authority": "N", "Start_date_of_registration": start, "End_date_of_registration": end,
                "Trading_names": trading, "Payment_tier": tier, _DPO + "Email": email, _DPO + "Phone": phone,
                "Public_register_entry_URL": f"https://ico.org.uk/ESDWebPages/Entry/{reg}"})
    row.update({f"Organisation_address_line_{n}": v for n, v in enumerate(lines, 1)})
    return row


ICO_ROWS = [
    ico_row("ZB123456", "Acme Data Brokers Ltd", trading="Acme Insight|Acme Lists", email="dpo@acme.example",
            phone="0113 000000"),
    ico_row("Z1234567", "Labour Dental Practice", lines=("2 Low Road", "", "", "Cardiff", ""), postcode="CF10 1AA",
            start="2025-01-10", end="2026-01-09", tier="Tier 1"),
    ico_row("ZA765432", "Café Société Ltd", postcode="EH1 1YJ", lines=("3 Rose St", "", "", "Edinburgh", "")),
]


def ico_csv(rows=ICO_ROWS, header=ICO_HEADER, extra_column=True) -> str:
    cols = [*header, "Added_later"] if extra_column else list(header)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=cols, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def ico_zip(folder: Path, rows=ICO_ROWS, day="2026-12-01", header=ICO_HEADER) -> Path:
    path = folder / f"register-of-data-controllers-{day}.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("register-of-data-controllers.csv", ico_csv(rows, header))
    return path


def ec_files(folder: Path) -> list[Path]:
    regs = folder / "ec-registrations.csv"
    with regs.open("w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh)
        w.writerow(["ECRef", "RegulatedEntityName", "RegulatedEntityType", "RegistrationStatus", "RegisterName",
                    "ApprovedDate", "SomethingNew"])
        w.writerow(["PP53", "Labour Party", "Political Party", "Registered", "Great Britain", "16/03/1999", "x"])
        w.writerow(["PP52", "Conservative and Unionist Party", "Political Party", "Registered", "Great Britain",
                    "16/03/1999", ""])
        w.writerow(["TP1", "Tactical Voting Coalition", "Third Party", "Registered", "None", "01/02/2024", ""])
        w.writerow(["RD9", "Sam Candidate", "Regulated Donee", "Registered", "None", "", ""])
    units = folder / "ec-accounts.csv"
    with units.open("w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh)
        w.writerow(["ECRef", "RegulatedEntityName", "RegulatedEntityId", "AccountingUnitName", "RegisterName",
                    "ReportingPeriodDescription"])
        w.writerow(["ST1", "Labour Party", "53", "Central Party", "Great Britain", "2025"])
        w.writerow(["ST2", "Labour Party", "53", "Cardiff Central CLP", "Great Britain", "2025"])
        w.writerow(["ST3", "Labour Party", "53", "Leeds Central and Headingley CLP", "Great Britain", "2025"])
        w.writerow(["ST4", "Conservative and Unionist Party", "52", "Cardiff Conservative Federation",
                    "Great Britain", "2025"])
    return [regs, units]

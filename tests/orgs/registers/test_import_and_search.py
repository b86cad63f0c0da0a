"""Importing the registers into the FTS5 index and finding entries with the one search."""

from __future__ import annotations

import zipfile

import pytest

from tests.orgs.registers.samples import ICO_HEADER, ICO_ROWS, ec_files, ico_csv, ico_zip
from ydm.errors import DataError
from ydm.orgs import contacts, search
from ydm.orgs.registers import index


@pytest.fixture
def ico(tmp_path):
    return index.build("ico", ico_zip(tmp_path), origin="test")


def test_import_records_the_files_date_and_origin(ico):
    meta = index.meta("ico")
    assert (meta.rows, meta.file_date, meta.origin) == (3, "2026-12-01", "test")
    assert index.index_path("ico").exists() and not list(index.folder().glob("*.new"))


@pytest.mark.parametrize("query, reg", [
    ("acme data", "ZB123456"), ("acme insight", "ZB123456"), ("zb123456", "ZB123456"), ("ZB123456", "ZB123456"),
    ("ls1 1aa", "ZB123456"), ("cafe societe", "ZA765432"), ("CAFÉ", "ZA765432"), ("acm", "ZB123456"),
])
def test_found_by_name_trading_name_number_and_postcode(ico, query, reg):
    assert index.search(search.fold(query).split())[0].reg == reg


def test_a_partys_national_entry_comes_before_a_dentist_of_the_same_name(ico):
    hits = search.search(contacts.load(), "labour").hits
    assert hits[0].org.id == "labour" and hits[0].source == "shipped"
    dentist = next(h for h in hits if h.org.id == "ico:Z1234567")
    assert dentist.source == "ico" and dentist.source_date == "2026-12-01"


def test_typos_are_forgiven_and_said(ico):
    directory = contacts.load()
    for typo, wanted in (("labor", "labour"), ("plaid cymry", "plaid-cymru")):
        result = search.search(directory, typo)
        assert wanted in [o.id for o in result.orgs]
        assert result.corrected and "showing results for" in result.message


def test_an_empty_result_says_what_to_try():
    result = search.search(contacts.load(), "xqzzv wrrbl")
    assert result.hits == [] and "registration number" in result.hint and "ydm orgs update" in result.hint


def test_ec_registers_parties_campaigners_and_local_units(tmp_path):
    index.build("ec", ec_files(tmp_path), origin="test")
    directory = contacts.load()
    tactical = directory.get("ec:TP1")
    assert tactical.category.value == "campaigner" and tactical.electoral_commission_id == "TP1"
    assert directory.get("ec:RD9").category.value == "campaigner"
    units = [e.reg for e in index.units_of("PP53")]
    assert units == ["PP53/cardiff-central-clp", "PP53/leeds-central-and-headingley-clp"]
    unit = directory.get("ec:PP53/cardiff-central-clp")
    assert "separate controller" in unit.notes and unit.category.value == "party"


def test_missing_columns_are_refused_and_the_previous_index_kept(ico, tmp_path):
    header = [h for h in ICO_HEADER if h != "Organisation_name"]
    bad = tmp_path / "bad.csv"
    bad.write_text(ico_csv(ICO_ROWS, header))
    with pytest.raises(DataError, match="Organisation_name missing"):
        index.build("ico", bad, origin="bad")
    assert index.meta("ico").origin == "test" and index.search(["acme"])


def test_a_truncated_zip_is_refused_and_the_previous_index_kept(ico, tmp_path):
    (tmp_path / "src").mkdir()
    whole = ico_zip(tmp_path / "src", day="2026-12-02").read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(DataError, match="damaged or truncated ZIP"):
        index.build("ico", cut, origin="cut")
    assert index.meta("ico").file_date == "2026-12-01"


def test_a_file_that_is_not_the_register_is_refused(ico, tmp_path):
    other = tmp_path / "notes.csv"
    other.write_text("name,price\ntea,2\n")
    with pytest.raises(DataError, match="not the ICO register"):
        index.build("ico", other, origin="other")
    two = tmp_path / "two.zip"
    with zipfile.ZipFile(two, "w") as archive:
        archive.writestr("a.csv", "x\n")
        archive.writestr("b.csv", "y\n")
    with pytest.raises(DataError, match="one CSV file inside"):
        index.build("ico", two, origin="two")
    assert index.meta("ico").origin == "test"


def test_a_full_disk_mid_import_keeps_the_previous_index(ico, tmp_path, monkeypatch):
    rows = [dict(ICO_ROWS[0], Registration_number=f"ZC{n:06d}", Organisation_name=f"Firm {n}") for n in range(3000)]
    big = tmp_path / "big.csv"
    big.write_text(ico_csv(rows))
    monkeypatch.setattr(index, "MAX_PAGES", 30)  # SQLite's own SQLITE_FULL, as on a full disk
    with pytest.raises(DataError, match="previous index is kept"):
        index.build("ico", big, origin="big")
    assert index.meta("ico").origin == "test" and not list(index.folder().glob("*.new*"))


def test_a_windows_1252_file_is_read(tmp_path):
    file = tmp_path / "cp.csv"
    file.write_bytes(ico_csv(ICO_ROWS).encode("cp1252"))
    index.build("ico", file, origin="cp")
    assert index.get("ico", "ZA765432").name == "Café Société Ltd"


def test_a_zip_whose_csv_is_damaged_inside_is_refused(ico, tmp_path):
    rows = [dict(ICO_ROWS[0], Registration_number=f"ZC{n:06d}", Organisation_name=f"Firm {n}") for n in range(2000)]
    (tmp_path / "src").mkdir()
    good = ico_zip(tmp_path / "src", rows=rows, day="2026-12-05").read_bytes()
    middle = len(good) // 2
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(good[:middle] + bytes(b ^ 0xFF for b in good[middle:middle + 200]) + good[middle + 200:])
    with pytest.raises(DataError, match="previous index is kept"):
        index.build("ico", damaged, origin="damaged")
    assert index.meta("ico").origin == "test"


def test_a_typo_in_a_register_name_is_forgiven_too(ico):
    result = search.search(contacts.load(), "acme insigth")
    assert result.corrected == "acme insight" and result.orgs[0].id == "ico:ZB123456"

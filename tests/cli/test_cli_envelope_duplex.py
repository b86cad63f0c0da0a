"""`ydm letter --format pdf --envelope c5 --duplex` and `requests next --envelope`, read back from the PDF."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from tests.letters.formats.test_envelopes import fold_marks
from ydm.cli import main

from .test_cli_letter import ME


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "2026-11-26")


def first_pages(reader) -> list[int]:
    return [i for i, p in enumerate(reader.pages) if "Reference: YDM-" in (p.extract_text() or "")
            and " page 2 of" not in (p.extract_text() or "")]


def test_envelope_c5_lays_the_letter_out_for_c5(tmp_path, capsys):
    out = tmp_path / "l.pdf"
    assert main(["letter", "access", "--to", "libdems", "--me", ME, "--format", "pdf", "-o", str(out),
                 "--envelope", "c5"]) == 0
    assert fold_marks(PdfReader(out).pages[0]) == [(148.5, 5.0)]
    dl = tmp_path / "dl.pdf"
    assert main(["letter", "access", "--to", "libdems", "--me", ME, "--format", "pdf", "-o", str(dl)]) == 0
    assert fold_marks(PdfReader(dl).pages[0]) == [(105.0, 5.0), (148.5, 3.0), (210.0, 5.0)]


def test_duplex_starts_every_letter_on_the_front_of_a_sheet(tmp_path, capsys):
    plain, duplex = tmp_path / "plain.pdf", tmp_path / "duplex.pdf"
    argv = ["letter", "access", "--to", "libdems", "--to", "labour", "--to", "greens", "--me", ME,
            "--format", "pdf", "--text", "My own words. " * 150]  # three pages each: an odd count
    assert main([*argv, "-o", str(plain)]) == 0
    assert main([*argv, "-o", str(duplex), "--duplex"]) == 0
    starts_plain = first_pages(PdfReader(plain))
    starts = first_pages(PdfReader(duplex))
    assert len(starts) == 3 and all(i % 2 == 0 for i in starts)  # page 1, 3, 5...: fronts
    assert any(i % 2 for i in starts_plain)  # without it, one starts on the back of another's sheet
    capsys.readouterr()


@pytest.mark.parametrize("argv", [["--envelope", "c5"], ["--duplex"]])
def test_envelope_and_duplex_need_a_pdf(capsys, argv):
    assert main(["letter", "access", "--to", "libdems", "--me", ME, *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ydm: error: --envelope and --duplex go with --format pdf") and "Traceback" not in err


def test_a_c5_warns_about_an_address_too_long_for_its_window(tmp_path, capsys):
    lines = "Data Protection Officer,Floor 3,Unit 14,Riverside Park,Long Road,Westminster,London,SW1A 1AA"
    assert main(["letter", "access", "--to", "libdems", "--me", ME, "--format", "pdf", "-o", str(tmp_path / "x.pdf"),
                 "--envelope", "c5", "--address-to", lines]) == 0
    assert "a C5 window may not show all of it" in capsys.readouterr().err

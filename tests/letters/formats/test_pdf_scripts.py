"""Right-to-left and joining scripts in PDF letters (issue 20), checked by the glyphs and their
positions read back from the PDF (tests/letters/formats/glyphs.py), not by eye: a right-to-left
name reads right to left on the page, Arabic letters use their joined forms, Devanagari forms its
conjuncts, and every letter is drawn (none left out as for emoji)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.letters.formats.conftest import make_letter
from tests.letters.formats.glyphs import line_of
from ydm.letters.formats import pdf

ARABIC = "محمد عبد الله"
HEBREW = "דוד כהן"
URDU = "فاطمہ بے نظیر"  # ہ and ے (YEH BARREE) are Urdu letters DejaVu Sans lacks
DEVANAGARI = "अर्जुन शर्मा"


def page_for(name: str, street: str = "12 High Street"):
    letter = make_letter(name=name, address=(street, "Exampletown"))
    assert pdf.unprintable_in([letter]) == ""  # nothing to warn about: every letter can be drawn
    return PdfReader(io.BytesIO(pdf.render(letter))).pages[0]


def visual(row) -> str:
    return "".join(g.text for g in row)


@pytest.mark.parametrize("name", [ARABIC, HEBREW, URDU])
def test_a_right_to_left_name_reads_right_to_left_on_the_page(name):
    page = page_for(name)
    row = [g for g in line_of(page, name) if g.text.strip()]
    # Left to right on the page is the name backwards: its first letter is the rightmost glyph.
    assert visual(row)[::-1] == name.replace(" ", "")
    assert row[-1].x > row[0].x


@pytest.mark.parametrize("name", [ARABIC, URDU])
def test_arabic_letters_are_joined(name):
    # The street line holds the name's letters one by one (isolated forms), in the same PDF and font
    # subset as the name: a letter joined to its neighbours is drawn with a different glyph.
    apart = " ".join(dict.fromkeys(name.replace(" ", "")))
    page = page_for(name, street=apart)
    row = [g for g in line_of(page, name) if g.text.strip()]
    assert all("NotoSansArabic" in g.font for g in row)  # one font for the whole word: joining holds
    isolated = {g.text: g.cid for g in line_of(page, apart, nth=1) if g.text.strip()}  # below the name
    joined = [g.text for g in row if g.cid != isolated[g.text]]
    assert len(joined) >= 4, (joined, isolated)  # unshaped, every letter keeps its isolated glyph


def test_the_name_street_and_signature_are_all_shaped():
    page = page_for(ARABIC, street="شارع النيل ١٢")
    street = visual([g for g in line_of(page, "شارع") if g.text.strip()])
    # UAX #9: the words right to left, the number inside them left to right ("١٢" is twelve)
    assert street == "١٢" + "النيل"[::-1] + "شارع"[::-1]
    # the signature at the end of the body is the same shaped name
    signature = [g for g in line_of(PdfReader(io.BytesIO(pdf.render(make_letter(name=ARABIC)))).pages[-1], ARABIC)
                 if g.text.strip()]
    assert visual(signature)[::-1] == ARABIC.replace(" ", "")


def test_a_devanagari_name_forms_its_conjuncts():
    row = [g for g in line_of(page_for(DEVANAGARI), "अजुनशम") if g.text.strip()]
    assert all("NotoSansDevanagari" in g.font for g in row)
    chars = DEVANAGARI.replace(" ", "")
    assert len(row) < len(chars)  # र् + ज: the reph and conjuncts take fewer glyphs than letters
    assert sorted("".join(g.text for g in row)) == sorted(chars)  # and every letter is still there


def test_latin_letters_are_drawn_as_before():
    page = PdfReader(io.BytesIO(pdf.render(make_letter()))).pages[0]
    row = line_of(page, "Zoë Example")
    assert visual(row).startswith("Zoë Example") and all("DejaVu" in g.font for g in row)

"""The address block and fold marks for each window envelope (DL, C5), read back from the PDF: every
line of 43 batch letters' addresses, postcode included, inside what the envelope's window always
shows, and the fold marks where the sheet must be folded for it."""

from __future__ import annotations

import io
import random

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from tests.letters.formats.conftest import make_letter
from ydm.letters.formats import envelopes, pdf

MM = 72 / 25.4
STREETS = ["Flat 2, 9 High Street", "The Old Rectory", "Unit 14, Riverside Business Park", "Floor 3",
           "Data Protection Officer", "Campaign Headquarters", "PO Box 1234", "Westminster",
           "1000 Extremely Long Street Name Road Which Wraps", "Cardiff", "Glasgow", "Belfast"]


def batch(n=43, seed=20):
    rng = random.Random(seed)
    out = []
    for i in range(n):
        count = rng.randint(2, 5)  # the organisation's name, 2-5 lines, the postcode: 4-7 lines
        lines = (f"Organisation {i} Limited", *rng.sample(STREETS, count), f"SW{i % 9 + 1}A {i % 10}AA")
        out.append(make_letter(ref=f"YDM-{i:05d}", recipient_lines=lines))
    return out


def lines_of(page):
    out = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            out.append((tm[4] / MM, (float(page.mediabox.height) - tm[5]) / MM, text.strip(), font_size))

    page.extract_text(visitor_text=visit)
    return out


@pytest.mark.parametrize("env", [envelopes.DL, envelopes.C5], ids=lambda e: e.name)
def test_every_address_line_of_a_batch_shows_through_the_window(env):
    letters = batch()
    reader = PdfReader(io.BytesIO(pdf.render_many(letters, envelope=env.name)))
    firsts = [p for p in reader.pages if "Reference: YDM-" in p.extract_text() and "page 2 of" not in p.extract_text()]
    assert len(firsts) == len(letters)
    wx, wy, ww, wh = env.window
    for page, letter in zip(firsts, letters, strict=True):
        postcode = letter.recipient_lines[-1]
        drawn = [(x, y, t, size) for x, y, t, size in lines_of(page) if x < 110 and 35 <= y <= 100]
        assert [t for *_, t, _ in drawn][-1] == postcode  # last, on its own line
        assert {t for _, _, t, _ in drawn} >= {letter.recipient_lines[0], postcode}
        for x, y, text, size in drawn:
            cap = size * 0.73 / MM  # cap height above the baseline, descenders below
            assert wy <= y - cap and y + 0.25 * size / MM <= wy + wh, (env.name, text, y)
            assert wx <= x and x + 0.0 <= wx + ww, (env.name, text, x)


def test_a_long_dl_block_takes_smaller_type_before_rising_above_the_35_mm_window():
    lines = ("The Data Protection Officer", "Extremely Long Organisation Name Campaigns Limited", "Floor 12",
             "Very Long Building Name House", "1000 Long Street Name Road", "Town", "County", "AB12 3CD")
    page = PdfReader(io.BytesIO(pdf.render(make_letter(recipient_lines=lines), envelope="dl"))).pages[0]
    drawn = [(y, size) for x, y, t, size in lines_of(page) if x < 105 and 45 <= y <= 95]
    assert len(drawn) >= 8
    assert all(y - size * 0.73 / MM >= 60.0 for y, size in drawn)  # what every DL window shows


def fold_marks(page) -> list[tuple[float, float]]:
    """(y mm from the top, length mm) of the short horizontal ticks drawn in the left margin."""
    ops = ContentStream(page.get_contents(), page.pdf).operations
    out = []
    for (a, op_a), (b, op_b) in zip(ops, ops[1:], strict=False):
        if op_a == b"m" and op_b == b"l" and float(a[0]) < 1 and float(a[1]) == float(b[1]):
            out.append((round((float(page.mediabox.height) - float(a[1])) / MM, 1), round(float(b[0]) / MM, 1)))
    return sorted(out)


def test_fold_marks_for_each_envelope():
    letter = make_letter()
    dl = PdfReader(io.BytesIO(pdf.render(letter))).pages[0]
    c5 = PdfReader(io.BytesIO(pdf.render(letter, envelope="c5"))).pages[0]
    assert fold_marks(dl) == [(105.0, 5.0), (148.5, 3.0), (210.0, 5.0)]  # thirds, and the punch mark
    assert fold_marks(c5) == [(148.5, 5.0)]  # folded once, in the middle


def test_line_limits_and_unknown_envelopes():
    from ydm.errors import InputError

    seven = ["a", "b", "c", "d", "e", "f", "SW1A 1AA"]
    assert envelopes.C5.too_long(seven) and not envelopes.DL.too_long(seven)
    assert envelopes.DL.too_long([*seven, "x", "y"])
    with pytest.raises(InputError, match="unknown envelope 'c4'"):
        envelopes.envelope("c4")

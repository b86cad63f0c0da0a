"""PDF letters read back with pypdf: A4, text, Unicode names, the address inside the window area."""

from __future__ import annotations

import io
import unicodedata

import pytest
from pypdf import PdfReader

from tests.letters.formats.conftest import make_letter
from ydm.letters.formats import pdf

MM = 72 / 25.4
A4_PT = (595.28, 841.89)
NAMES = ["Łukasz Wiśniewski", "Zoë Brontë", "Siân Llŷr", "Aoife Ó Súilleabháin", "Nguyễn Thị Hằng", "张伟"]


def read(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


def positioned_lines(page) -> list[tuple[float, float, str]]:
    """(x mm from the left, y mm from the top of the baseline, text) for every text run on the page."""
    out = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            out.append((x / MM, (float(page.mediabox.height) - y) / MM, text.strip()))

    page.extract_text(visitor_text=visit)
    return out


def norm(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def test_a4_page_and_text(letter):
    reader = read(pdf.render(letter))
    page = reader.pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4_PT, abs=0.5)
    text = norm("\n".join(p.extract_text() for p in reader.pages))
    for expected in ("Zoë Example", "EX1 2AB", "26 November 2026", "Reference: YDM-7K3P9",
                     "Subject access request — YDM-7K3P9", "Dear Data Protection Officer,", "Yours faithfully,",
                     "Please quote the reference YDM-7K3P9 in your reply"):
        assert expected in text


def test_recipient_address_lies_in_the_dl_window(letter):
    page = read(pdf.render(letter)).pages[0]
    lines = positioned_lines(page)
    wanted = list(letter.recipient_lines)
    found = [(x, y, t) for x, y, t in lines if t in wanted]
    assert [t for _, _, t in found] == wanted
    for x, y, text in found:
        # inside the DIN 5008 form B field that shows through a DL window (20-105 x 45-90 mm), and in
        # the part that always shows through a 35 or 45 mm high window whatever the play (y 60-90):
        # the whole line, from cap height (~3 mm above the baseline) to descenders (~1 mm below)
        assert pdf.WINDOW_X <= x <= pdf.WINDOW_X + pdf.WINDOW_W, (text, x)
        assert pdf.VISIBLE_TOP <= y - 3 and y + 1 <= pdf.WINDOW_Y + pdf.WINDOW_H, (text, y)
    # nothing else is drawn in the window area (the sender block sits to the right of it)
    others = [(x, y, t) for x, y, t in lines if t not in wanted and 45 <= y <= 90 and x < 105]
    assert others == []


def test_long_address_shrinks_to_stay_in_the_window():
    lines = ("The Data Protection Officer, Extremely Long Organisation Name Campaigns Limited",
             "Floor 12", "Very Long Building Name House", "1000 Long Street Name Road", "District",
             "Town", "County", "AB12 3CD")
    page = read(pdf.render(make_letter(recipient_lines=lines))).pages[0]
    found = [(x, y) for x, y, t in positioned_lines(page)
             if 45 <= y <= 95 and x < 105]
    assert found, "address drawn"
    # too long for the six-line zone: it grows upwards, still inside a 45 mm high window (y 50-90)
    assert all(50 <= y - 2.5 and y + 1 <= 90 for _, y in found)
    text = norm(page.extract_text())
    for line in lines[1:]:
        assert line in text


@pytest.mark.parametrize("name", NAMES)
def test_unicode_names_round_trip(name):
    letter = make_letter(name=name, address=(f"{name} House", "Ffordd y Llan"), postcode="LL55 4UR")
    text = norm("\n".join(p.extract_text() for p in read(pdf.render(letter)).pages))
    assert text.count(norm(name)) >= 3  # sender block, address line, signature
    assert "Ffordd y Llan" in text
    assert "Reference: YDM-7K3P9" in text


def test_decomposed_accents_print_as_one_character():
    name = unicodedata.normalize("NFD", "Siân Zoë")
    text = norm(read(pdf.render(make_letter(name=name))).pages[0].extract_text())
    assert "Siân Zoë" in text


def test_cjk_font_is_loaded_only_when_needed(letter):
    doc = pdf.new_document(text="Zoë Łukasz Nguyễn")
    assert pdf.FALLBACK_FAMILY not in doc.fonts
    assert pdf.ensure_glyphs(doc, "张伟") is True
    assert pdf.FALLBACK_FAMILY in doc.fonts
    # the shipped fonts and their licences are in the package
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DroidSansFallbackFull.ttf", "LICENSE-DejaVu.txt",
                 "NOTICE-Droid.txt", "LICENSE-Apache-2.0.txt"):
        assert (pdf.FONTS_DIR / name).is_file()


def test_fast_widths_match_fpdf(letter):
    doc = pdf.new_document(text="张伟")
    flow = pdf.Flow(doc)
    for style in ("", "B"):
        for text in ("Subject access request — YDM-7K3P9", "Łukasz Nguyễn Ó Súilleabháin", "张伟 Road"):
            doc.set_font(pdf.FAMILY, style, 11)
            assert flow.width(text, style, 11) == pytest.approx(doc.get_string_width(text), rel=1e-6)


def test_long_letter_has_page_numbers_and_keeps_the_sign_off_together():
    para = "I ask you to tell me every source of my personal data and every recipient of it. " * 6
    body = "Dear Sir or Madam,\n\n" + "\n\n".join([para] * 14) + "\n\nYours faithfully,\n\n\n\nZoë Example"
    reader = read(pdf.render(make_letter(body=body)))
    n = len(reader.pages)
    assert n >= 3
    for i, page in enumerate(reader.pages, start=1):
        assert f"YDM-7K3P9 · page {i} of {n}" in page.extract_text()
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4_PT, abs=0.5)
    last = norm(reader.pages[-1].extract_text())
    assert "Yours faithfully," in last and "Zoë Example" in last
    # body text never runs into the footer
    for page in reader.pages:
        body_ys = [y for _, y, t in positioned_lines(page) if "page" not in t]
        assert max(body_ys) <= pdf.BOTTOM + 1


def test_short_letter_has_no_page_number(letter):
    reader = read(pdf.render(letter))
    assert len(reader.pages) == 1
    assert "page 1 of 1" not in reader.pages[0].extract_text()


def test_render_many_starts_each_letter_on_a_new_page_with_its_own_numbers():
    long_body = "Dear DPO,\n\n" + "\n\n".join(["Please send me everything you hold about me. " * 8] * 16)
    letters = [make_letter(ref="YDM-AAAAA", org_id="a", org_name="Alpha Party"),
               make_letter(ref="YDM-BBBBB", org_id="b", org_name="Beta Campaign", body=long_body),
               make_letter(ref="YDM-CCCCC", org_id="c", org_name="Gamma Data", name="张伟")]
    reader = read(pdf.render_many(letters))
    texts = [norm(p.extract_text()) for p in reader.pages]
    starts = [i for i, t in enumerate(texts) if "Reference: YDM-" in t]
    assert len(starts) == 3 and starts[0] == 0
    assert "Alpha Party" in texts[starts[0]] and "Beta Campaign" in texts[starts[1]]
    assert "Gamma Data" in texts[starts[2]] and "张伟" in texts[starts[2]]
    b_pages = starts[2] - starts[1]
    assert b_pages >= 2
    for k in range(b_pages):
        assert f"YDM-BBBBB · page {k + 1} of {b_pages}" in texts[starts[1] + k]
    assert "page" not in texts[starts[0]].split("Yours faithfully")[-1]


def test_render_by_org_groups_letters():
    letters = [make_letter(ref="YDM-AAAAA", org_id="a"), make_letter(ref="YDM-BBBBB", org_id="b"),
               make_letter(ref="YDM-CCCCC", org_id="a")]
    out = pdf.render_by_org(letters)
    assert set(out) == {"a", "b"}
    assert len(read(out["a"]).pages) == 2 and len(read(out["b"]).pages) == 1


def test_missing_address_leaves_a_note_in_the_window():
    from ydm.letters.render import ADDRESS_PLACEHOLDER

    letter = make_letter(recipient_lines=("Example Party", ADDRESS_PLACEHOLDER), address_missing=True)
    page = read(pdf.render(letter)).pages[0]
    text = norm(page.extract_text())
    assert "ADDRESS NEEDED" in text
    assert all(20 <= x <= 105 for x, y, t in positioned_lines(page) if "ADDRESS" in t)


def test_long_words_and_urls_wrap_inside_the_margins():
    url = "https://example.org/" + "very-long-path-segment/" * 12
    body = f"Dear DPO,\n\nSee {url} for details.\n\n{'张' * 200}\n\nYours faithfully,\n\nZoë"
    page = read(pdf.render(make_letter(body=body))).pages[0]
    # no glyph run starts right of the text column and the whole URL is still there
    assert all(x < pdf.RIGHT_EDGE for x, _, _ in positioned_lines(page))
    assert url in norm(page.extract_text()).replace(" ", "").replace("\n", "")


def test_empty_batch_is_an_input_error():
    from ydm.errors import InputError

    with pytest.raises(InputError):
        pdf.render_many([])


def test_format_contract_via_importlib(letter):
    import importlib

    assert importlib.import_module("ydm.letters.formats.pdf").render(letter).startswith(b"%PDF-")


def test_reusable_text_document_for_other_printouts():
    from ydm.letters.formats.pdf_layout import render_text_document

    body = "What you sent today:\n\n  - Access request to Example Party (YDM-7K3P9)\n  - 张伟: objection\n\n" + \
        "\n\n".join(["Wait one month for the answer, then use ydm to write a reminder."] * 60)
    reader = read(render_text_document("Your take-home sheet", body, footer="Your Data Matters"))
    n = len(reader.pages)
    assert n >= 2
    first = norm(reader.pages[0].extract_text())
    assert first.startswith("Your take-home sheet") and "张伟: objection" in first
    assert f"Your Data Matters · page 1 of {n}" in first


def test_cjk_in_bold_subject_and_between_latin_lines():
    letter = make_letter(subject="Subject access request for 张伟 — YDM-7K3P9",
                         body="Dear DPO,\n\n王芳 asked me to write.\nŁukasz Zoë line after CJK.\n\nYours faithfully,\n\n张伟")
    text = norm(read(pdf.render(letter)).pages[0].extract_text())
    for expected in ("Subject access request for 张伟 — YDM-7K3P9", "王芳 asked me to write.",
                     "Łukasz Zoë line after CJK.", "Yours faithfully,"):
        assert expected in text


def test_duplex_starts_every_letter_on_a_front_page():
    long_body = "Dear DPO,\n\n" + "\n\n".join(["Please send me everything you hold about me. " * 8] * 16)
    letters = [make_letter(ref="YDM-AAAAA"), make_letter(ref="YDM-BBBBB", body=long_body),
               make_letter(ref="YDM-CCCCC")]
    reader = read(pdf.render_many(letters, duplex=True))
    starts = [i for i, p in enumerate(reader.pages) if "Reference: YDM-" in p.extract_text()]
    assert len(starts) == 3 and all(i % 2 == 0 for i in starts)
    assert reader.pages[1].extract_text().strip() == ""  # back of the one-page first letter


def test_characters_no_shipped_font_can_draw_are_named_not_silently_lost():
    """Emoji are in neither DejaVu Sans nor the CJK fallback: fpdf2 drops them. `unprintable_in`
    names them so the faces can warn."""
    letter = make_letter(name="Ślęzak 🙂 Ōtsuka 张伟")
    assert pdf.unprintable_in([letter]) == "🙂"
    assert pdf.unprintable_in([make_letter(name="Siân Ó Súilleabháin Nguyễn 张伟")]) == ""
    text = norm(read(pdf.render(letter)).pages[0].extract_text())
    assert "Ślęzak" in text and "Ōtsuka" in text and "🙂" not in text


def test_fpdf_glyph_log_does_not_print_the_persons_characters():
    """fpdf2 logs each missing glyph, quoting it; with no logging set up Python prints that on
    stderr. A real process (pytest's own log capture would hide it here)."""
    import subprocess
    import sys
    from pathlib import Path

    code = ("from tests.letters.formats.conftest import make_letter; from ydm.letters.formats import pdf; "
            "pdf.render(make_letter(name='Zoë \\U0001F642 Example'))")
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "missing the following glyphs" not in done.stderr and "\U0001f642" not in done.stderr.lower()


def test_every_character_below_u0250_is_in_dejavu_so_unprintable_may_skip_reading_fonts():
    import unicodedata

    from ydm.letters.formats import pdf_layout

    drawn = pdf_layout._font_chars(pdf_layout.FONT_FILES[""])
    below = [i for i in range(0x20, ord(pdf_layout._ALWAYS_DRAWN)) if unicodedata.category(chr(i))[0] != "C"]
    assert [hex(i) for i in below if i not in drawn] == []

"""A4 documents with ydm's fonts, laid out before drawing: the reusable half of the PDF letters.

Why our own line breaking: fpdf2's `multi_cell` re-measures the line for every character it adds,
which made 40 letters take ~1.5 s; measuring each word once (cached) and drawing whole lines with
`cell` takes a fraction of that. Laying text out before drawing it also tells us the page count,
so long documents can say "page 2 of 3".

Use it for any printout (the guided session's take-home sheet):
    pdf = new_document(title=..., text=everything_you_will_print)
    flow = Flow(pdf); flow.paragraph("Heading", style="B", size=14); text_block(flow, body)
    flow.draw(on_page=lambda n, total: ...); data = output_bytes(pdf)
or simply `render_text_document(title, text)`.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ydm.letters.formats import pdf_scripts as scripts
from ydm.letters.formats.envelopes import draw_fold_marks  # noqa: F401 - part of this module's API

if TYPE_CHECKING:  # fpdf (with fontTools and PIL) loads only when a PDF is drawn
    from fpdf import FPDF

__all__ = [
    "BODY_PT", "BOTTOM", "FALLBACK_FAMILY", "FAMILY", "FONTS_DIR", "FOOTER_Y", "LEFT", "MIN_PT", "PAGE_H",
    "PAGE_W", "PT_MM", "RIGHT_EDGE", "SMALL_PT", "TOP_FIRST", "TOP_NEXT", "Flow", "Placed", "clean",
    "draw_fold_marks", "draw_footer", "ensure_glyphs", "fit_size", "line_height", "new_document",
    "output_bytes", "render_text_document", "text_block", "unprintable",
]

# fpdf2 logs each glyph a font lacks, quoting the character: a letter's characters come from the
# person's name and address, and logs hold no personal data. `unprintable` tells the person instead.
_FPDF_LOG = logging.getLogger("fpdf")
_FPDF_LOG.addHandler(logging.NullHandler())
_FPDF_LOG.propagate = False

FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"
FAMILY = "ydmsans"  # DejaVu Sans: Latin incl. Polish, Welsh, Irish, Vietnamese; Greek; Cyrillic
FALLBACK_FAMILY = "ydmcjk"  # Droid Sans Fallback: Han, kana, hangul
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
FALLBACK_FILE = "DroidSansFallbackFull.ttf"
FONT_ORDER = (FAMILY, scripts.ARABIC_FAMILY, scripts.DEVANAGARI_FAMILY, FALLBACK_FAMILY)  # fallbacks, in turn

# --- Page geometry, in mm on A4 portrait (210 x 297) ---------------------------------------------
PAGE_W, PAGE_H = 210.0, 297.0
LEFT, RIGHT_EDGE = 25.0, 190.0  # text from 25 mm (DIN 5008 text line) to 20 mm from the right edge
TOP_FIRST, TOP_NEXT = 20.0, 20.0
BOTTOM = 280.0  # body text stops here; the footer sits below
FOOTER_Y = 285.0
BODY_PT, SMALL_PT, MIN_PT = 11.0, 8.0, 7.5
PT_MM = 25.4 / 72


def line_height(size_pt: float) -> float:
    """Baseline-to-baseline distance for a font size: 1.3 x the size, in mm."""
    return size_pt * PT_MM * 1.3


def clean(text: str) -> str:
    """NFC (so a decomposed "Siân" prints as one glyph), tabs to spaces, no control characters."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\t", "    ")
    return "".join(c for c in text if c == "\n" or unicodedata.category(c) != "Cc")


# --- Documents and fonts -------------------------------------------------------------------------


def new_document(*, title: str = "", text: str = "") -> FPDF:
    """An empty A4 document in mm with our fonts, no automatic page breaks (a `Flow` decides them).

    Pass `text` (everything you will print) so the CJK fallback font is loaded only when needed:
    loading it costs about 0.2 s, DejaVu about 0.05 s per style.
    """
    from ydm import __version__
    from ydm.letters.formats import fpdf_import

    pdf = fpdf_import.load().FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(LEFT, TOP_FIRST, PAGE_W - RIGHT_EDGE)
    pdf.c_margin = 0  # text starts exactly where we place it
    for style, name in FONT_FILES.items():
        pdf.add_font(FAMILY, style, str(FONTS_DIR / name))
    pdf.set_font(FAMILY, size=BODY_PT)
    pdf.set_creator(f"ydm {__version__}")
    pdf.set_lang("en-GB")
    if title:
        pdf.set_title(clean(title))
    ensure_glyphs(pdf, text)
    return pdf


def ensure_glyphs(pdf: FPDF, text: str) -> bool:
    """Load the script fonts and the CJK fallback `text` needs, once. True if any fallback is loaded."""
    added = scripts.load_script_fonts(pdf, text, FONTS_DIR)
    cmap = pdf.fonts[FAMILY].cmap
    if FALLBACK_FAMILY not in pdf.fonts and not all(
            ord(c) in cmap or scripts.family_for(c) for c in set(text) if c not in "\n\r\t"):
        pdf.add_font(FALLBACK_FAMILY, "", str(FONTS_DIR / FALLBACK_FILE))
        added.append(FALLBACK_FAMILY)
    if added:
        pdf.set_fallback_fonts(scripts.others(pdf, FONT_ORDER, FAMILY), exact_match=False)  # also behind bold
    return bool(scripts.others(pdf, FONT_ORDER, FAMILY))


# Everything below U+0250 (Latin-1, Latin Extended-A and -B) that is not a control character is in
# DejaVu Sans; `clean` has already dropped the control characters.
_ALWAYS_DRAWN = "\u0250"


@functools.cache
def _font_chars(file: str) -> frozenset[int]:
    """The code points a shipped font can draw (its cmap; fontTools comes with fpdf2)."""
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(str(FONTS_DIR / file), lazy=True).getBestCmap())


def unprintable(text: str) -> str:
    """The characters of `text` that neither DejaVu Sans nor the CJK fallback can draw (emoji, rare
    scripts). fpdf2 leaves them out of the PDF without a word, so the faces warn the person instead."""
    wanted = {c for c in clean(text) if not c.isspace()}
    if all(c < _ALWAYS_DRAWN for c in wanted):
        return ""  # most letters: no font file need be read (tests/letters/formats/test_pdf.py checks the range)
    regular = _font_chars(FONT_FILES[""])
    rest = [c for c in wanted if ord(c) not in regular and not (
        scripts.family_for(c) and ord(c) in _font_chars(scripts.SCRIPT_FONTS[scripts.family_for(c)]))]
    if not rest:
        return ""
    fallback = _font_chars(FALLBACK_FILE)
    return "".join(sorted(c for c in rest if ord(c) not in fallback))


def _uncovered(pdf: FPDF, text: str, style: str = "") -> bool:
    """True if `text` has a character DejaVu Sans (in `style`) lacks: fpdf2 must use the fallback font."""
    return any(ord(c) not in pdf.fonts[FAMILY + style].cmap for c in text)


def _fallback(pdf: FPDF, on: bool) -> None:
    """Switch fallback lookups on or off: off, fpdf2 draws a line in one piece, ~3x faster."""
    fallbacks = scripts.others(pdf, FONT_ORDER, FAMILY)
    if not fallbacks or bool(pdf._fallback_font_ids) == on:
        return
    pdf.set_fallback_fonts(fallbacks if on else [], exact_match=False)


# --- Layout: measure and place first, draw afterwards --------------------------------------------


@dataclass(frozen=True)
class Placed:
    """One line of text at an absolute position (x, y = top of the line box, in mm)."""

    x: float
    y: float
    text: str
    style: str = ""
    size: float = BODY_PT
    width: float = 0.0  # box width, used for right alignment
    align: str = "L"
    grey: bool = False


# "- ", "* ", "• ", "(a) ", "(iv) ", "1. ", "2) " at the start of a line (not "Dr. Smith"):
_LIST_MARKER = re.compile(r"^(\s*)((?:[-*\u2022\u2013]|\([0-9a-zA-Z]{1,4}\)|[0-9]{1,3}[.)])\s+)")


class Flow:
    """Text laid out over pages with automatic page breaks; `draw` then renders it all at once.

    Measuring needs the document's fonts, so a Flow borrows the document it will be drawn on.
    """

    def __init__(self, pdf: FPDF, *, top: float = TOP_FIRST, next_top: float = TOP_NEXT,
                 bottom: float = BOTTOM):
        self.pdf = pdf
        self.pages: list[list[Placed]] = [[]]
        self.y = top
        self.next_top = next_top
        self.bottom = bottom
        # one cache per document: the letters in a batch share most of their words
        self._widths: dict[tuple[str, str, float], float] = pdf.__dict__.setdefault("_ydm_widths", {})

    # measuring
    def width(self, text: str, style: str = "", size: float = BODY_PT) -> float:
        """Width in mm. Text DejaVu covers is summed from its glyph widths (what fpdf2 does, minus the
        overhead); anything else asks fpdf2, which knows the fallback font."""
        key = (text, style, size)
        found = self._widths.get(key)
        if found is None:
            font = self.pdf.fonts[FAMILY + style]
            cmap, cw = font.cmap, font.cw
            if scripts.needs_shaping(text):  # joined forms and other fonts: measured as drawn
                with scripts.shaped(self.pdf, text, style, size, FAMILY, FONT_ORDER):
                    found = self.pdf.get_string_width(text)
            elif all(ord(c) in cmap for c in text):
                found = sum(cw[ord(c)] for c in text) * size * 0.001 * PT_MM
            else:
                self.pdf.set_font(FAMILY, style, size)  # (a no-op when already set)
                _fallback(self.pdf, True)
                found = self.pdf.get_string_width(text)
            self._widths[key] = found
        return found

    def wrap(self, text: str, width: float, style: str = "", size: float = BODY_PT,
             first_width: float | None = None) -> list[str]:
        """Greedy word wrap; words wider than the line (long URLs, CJK runs) break by character."""
        lines: list[str] = []
        current: list[str] = []
        used = 0.0
        space = self.width(" ", style, size)
        limit = width if first_width is None else first_width
        for word in text.split(" "):
            if not word:
                continue
            w = self.width(word, style, size)
            if current and used + space + w > limit:
                lines.append(" ".join(current))
                current, used, limit = [], 0.0, width
            if not current and w > limit:
                pieces = self._break_word(word, limit, width, style, size)
                lines.extend(pieces[:-1])
                word = pieces[-1]
                w = self.width(word, style, size)
                limit = width
            used = used + space + w if current else w
            current.append(word)
        if current or not lines:
            lines.append(" ".join(current))
        return lines

    def _break_word(self, word: str, limit: float, width: float, style: str, size: float) -> list[str]:
        pieces, start = [], 0
        for end in range(1, len(word) + 1):
            if end - start > 1 and self.width(word[start:end], style, size) > limit:
                pieces.append(word[start:end - 1])
                start, limit = end - 1, width
        pieces.append(word[start:])
        return pieces

    # placing
    def place(self, item: Placed) -> None:
        self.pages[-1].append(item)

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.next_top

    def room(self) -> float:
        return self.bottom - self.y

    def ensure(self, height: float) -> None:
        """Start a new page unless `height` mm still fit on this one."""
        if height > self.room() and self.pages[-1]:
            self.new_page()

    def space(self, height: float) -> None:
        self.y += height
        if self.y > self.bottom:
            self.new_page()

    def paragraph(self, text: str, *, x: float = LEFT, right: float = RIGHT_EDGE, style: str = "",
                  size: float = BODY_PT, lead: float | None = None) -> None:
        """Wrap one line of source text; a leading list marker gets a hanging indent."""
        lead = lead or line_height(size)
        indent, hang = 0.0, 0.0
        m = _LIST_MARKER.match(text)
        if m:
            indent = self.width(m.group(1), style, size) if m.group(1) else 0.0
            hang = indent + self.width(m.group(2), style, size)
            text = m.group(2) + text[m.end():]
        else:
            stripped = text.lstrip(" ")
            indent = hang = self.width(text[: len(text) - len(stripped)], style, size) if stripped != text else 0
            text = stripped
        width = right - x
        lines = self.wrap(text, width - hang, style, size, first_width=width - indent)
        for i, line in enumerate(lines):
            self.ensure(lead)
            self.place(Placed(x + (indent if i == 0 else hang), self.y, line, style, size))
            self.y += lead

    def draw(self, *, on_page: Callable[[int, int], None] | None = None) -> None:
        """Add the pages to the document and draw everything; `on_page(n, total)` after each page."""
        pdf = self.pdf
        total = len(self.pages)
        for n, items in enumerate(self.pages, start=1):
            pdf.add_page()
            current = None
            for it in items:
                if current != (it.style, it.size, it.grey):
                    pdf.set_font(FAMILY, it.style, it.size)
                    pdf.set_text_color(90 if it.grey else 0)
                    current = (it.style, it.size, it.grey)
                h = line_height(it.size)
                x = it.x
                if it.align == "R" and it.width:
                    x += it.width - self.width(it.text, it.style, it.size)
                if scripts.needs_shaping(it.text):  # right to left, joined: HarfBuzz, then as before
                    w = self.width(it.text, it.style, it.size)
                    with scripts.shaped(pdf, it.text, it.style, it.size, FAMILY, FONT_ORDER):
                        pdf.set_xy(x, it.y)
                        pdf.cell(w + 0.01, h, it.text)
                    pdf.set_text_color(90 if it.grey else 0)
                    continue
                if not _uncovered(pdf, it.text, it.style):
                    # The whole line is in DejaVu: `text()` writes it straight to the page (same
                    # baseline as `cell` would use), several times faster than `cell`.
                    pdf.text(x, it.y + 0.5 * h + 0.3 * it.size * PT_MM, it.text)
                    continue
                _fallback(pdf, True)
                pdf.set_xy(x, it.y)
                pdf.cell(self.width(it.text, it.style, it.size) + 0.01, h, it.text)
                # fpdf2 may leave the fallback font selected in the page's content stream while
                # believing the main font is: make it set the font again before the next line.
                pdf.current_font_is_set_on_page = False
            pdf.set_text_color(0)
            _fallback(pdf, True)
            if on_page:
                on_page(n, total)


def fit_size(flow: Flow, lines: Sequence[str], width: float, start: float, minimum: float = MIN_PT,
             height: float | None = None) -> float:
    """The largest size <= start (in 0.5 pt steps) at which every line fits `width` (and `height`)."""
    size = start
    while size > minimum:
        wide = max((flow.width(line, "", size) for line in lines), default=0.0)
        tall = len(lines) * line_height(size)
        if wide <= width and (height is None or tall <= height):
            break
        size -= 0.5
    return max(size, minimum)


_SIGN_OFF = re.compile(r"^\s*(yours (faithfully|sincerely|truly)|kind regards|best wishes|regards)\b",
                       re.IGNORECASE)


def text_block(flow: Flow, text: str, *, size: float = BODY_PT) -> None:
    """Lines of plain text as a letter body: one paragraph per line, blank lines as space, list
    items with hanging indents, and a sign-off ("Yours faithfully,") kept with the name below it."""
    lines = clean(text).rstrip().split("\n")
    lead = line_height(size)
    for i, line in enumerate(lines):
        if not line.strip():
            flow.space(lead)
            continue
        if _SIGN_OFF.match(line):
            flow.ensure(lead * min(len(lines) - i, 8))
        flow.paragraph(line, size=size)


def draw_footer(pdf: FPDF, label: str) -> None:
    """A small grey centred line at the foot of the current page."""
    pdf.set_font(FAMILY, "", SMALL_PT)
    pdf.set_text_color(90)
    pdf.set_xy(LEFT, FOOTER_Y)
    pdf.cell(RIGHT_EDGE - LEFT, line_height(SMALL_PT), label, align="C")
    pdf.set_text_color(0)


def output_bytes(pdf: FPDF) -> bytes:
    from ydm.errors import OutputError

    try:
        return bytes(pdf.output())
    except Exception as exc:  # fpdf raises plain exceptions on bad input; show one line, not a traceback
        raise OutputError(f"could not make the PDF: {exc}") from exc


def render_text_document(title: str, text: str, *, footer: str = "") -> bytes:
    """A plain A4 document (a heading, then `text_block` rules), numbered "page n of m" when long.

    For printouts that are not letters, e.g. the guided session's take-home sheet.
    """
    pdf = new_document(title=title, text=title + text + footer)
    flow = Flow(pdf)
    flow.paragraph(clean(title), style="B", size=14.0)
    flow.space(line_height(BODY_PT) * 0.6)
    text_block(flow, text)

    def on_page(n: int, total: int) -> None:
        label = " \u00b7 ".join(part for part in (clean(footer), f"page {n} of {total}" if total > 1 else "") if part)
        if label:
            draw_footer(pdf, label)

    flow.draw(on_page=on_page)
    return output_bytes(pdf)



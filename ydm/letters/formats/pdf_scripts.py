"""Right-to-left and joining scripts in PDFs: Arabic, Urdu, Persian, Hebrew, Devanagari...

A name in Arabic drawn glyph by glyph comes out backwards (PDF text runs left to right) and unjoined
(each letter in its isolated form). fpdf2 shapes text with HarfBuzz (`set_text_shaping`, through the
`uharfbuzz` wheel): it applies the Unicode bidirectional algorithm (UAX #9) to put a right-to-left run
in visual order and the font's OpenType GSUB/GPOS tables to join Arabic letters and to form
Devanagari conjuncts and vowel signs. Shaping every line would slow the letters of most people for
nothing, so only lines that need it are shaped (`needs_shaping`), and they are drawn with `cell`.

Fonts: DejaVu Sans has Arabic and Hebrew but not all of Urdu (no U+06D2 YEH BARREE) and no Devanagari;
Noto Sans Arabic and Noto Sans Devanagari (OFL, ydm/letters/fonts/README.md) are loaded only for text
that has those scripts, and a line with Arabic-script letters uses Noto Sans Arabic as its main font
(so a word never mixes two fonts, which would break the joining), the other fonts behind it.
"""

from __future__ import annotations

import unicodedata
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF

ARABIC_FAMILY, ARABIC_FILE = "ydmarab", "NotoSansArabic-Regular.ttf"
DEVANAGARI_FAMILY, DEVANAGARI_FILE = "ydmdeva", "NotoSansDevanagari-Regular.ttf"
SCRIPT_FONTS = {ARABIC_FAMILY: ARABIC_FILE, DEVANAGARI_FAMILY: DEVANAGARI_FILE}

# Unicode blocks (The Unicode Standard, Blocks.txt).
_ARABIC = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_DEVANAGARI = ((0x0900, 0x097F), (0xA8E0, 0xA8FF), (0x1CD0, 0x1CFF))
# Scripts whose letters change shape or order in context (Indic, South-East Asian): shaped, in the
# main font if it has them (else `unprintable` warns, as for emoji).
_COMPLEX = ((0x0900, 0x0DFF), (0x0E00, 0x0EFF), (0x0F00, 0x0FFF), (0x1000, 0x109F), (0x1780, 0x17FF))


def _in(cp: int, ranges) -> bool:
    return any(lo <= cp <= hi for lo, hi in ranges)


def family_for(ch: str) -> str | None:
    """The shipped script font for a character (None: DejaVu Sans or the CJK fallback)."""
    cp = ord(ch)
    if _in(cp, _ARABIC):
        return ARABIC_FAMILY
    if _in(cp, _DEVANAGARI):
        return DEVANAGARI_FAMILY
    return None


def needs_shaping(text: str) -> bool:
    """True if `text` has a right-to-left character (bidi class R or AL) or a joining/Indic script."""
    if text.isascii():
        return False
    for ch in text:
        if ch < "\u0590":
            continue
        if unicodedata.bidirectional(ch) in ("R", "AL") or _in(ord(ch), _COMPLEX):
            return True
    return False


def main_family(text: str, default: str) -> str:
    """The font a shaped line is drawn in: Noto Sans Arabic for Arabic script, Noto Sans Devanagari
    for Devanagari, else `default` (DejaVu: Hebrew)."""
    for ch in text:
        if ch >= "\u0600":
            found = family_for(ch)
            if found:
                return found
    return default


def load_script_fonts(pdf: FPDF, text: str, fonts_dir) -> list[str]:
    """Add the script fonts `text` needs (once per document); returns the families added."""
    wanted = {family_for(c) for c in set(text) if c >= "\u0600"} - {None}
    added = []
    for family in sorted(wanted):
        if family not in pdf.fonts:
            pdf.add_font(family, "", str(fonts_dir / SCRIPT_FONTS[family]))
            added.append(family)
    return added


def others(pdf: FPDF, order: tuple[str, ...], main: str) -> list[str]:
    """The loaded fonts of `order` behind `main`, as fpdf2 fallbacks."""
    return [f for f in order if f != main and f in pdf.fonts]


@contextmanager
def shaped(pdf: FPDF, text: str, style: str, size: float, default: str, order: tuple[str, ...]):
    """Within: the line's main font (`main_family`), the other fonts behind it, HarfBuzz on.
    Afterwards the default font, its fallbacks and the fast unshaped path again."""
    main = main_family(text, default)
    pdf.set_font(main, style if main == default else "", size)  # the script fonts are regular only
    pdf.set_fallback_fonts(others(pdf, order, main), exact_match=False)
    pdf.set_text_shaping(True)
    try:
        yield
    finally:
        pdf.set_text_shaping(False)
        pdf.set_font(default, style, size)
        pdf.set_fallback_fonts(others(pdf, order, default), exact_match=False)
        pdf.current_font_is_set_on_page = False  # make fpdf2 select the font again in the page stream

"""PDF letters to post in a UK window envelope, DL or C5 (fpdf2, pure Python, fonts in ydm/letters/fonts/).

The envelope (`envelope="dl"` or `"c5"`, see `ydm.letters.formats.envelopes`) sets the address block,
the fold marks and the line limit. `render(letter)` makes one letter, `render_many(letters)` one PDF for printing (each letter on a
new page, numbered on its own), `render_by_org(letters)` one PDF per organisation. The layout
engine and fonts are in `ydm.letters.formats.pdf_layout` (re-exported here).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from ydm.letters.formats.envelopes import DL, Envelope, envelope
from ydm.letters.formats.pdf_layout import (  # the reusable API, re-exported for callers of ydm.letters.formats.pdf
    BODY_PT,
    BOTTOM,
    FALLBACK_FAMILY,
    FAMILY,
    FONTS_DIR,
    LEFT,
    MIN_PT,
    RIGHT_EDGE,
    TOP_FIRST,
    Flow,
    Placed,
    clean,
    draw_fold_marks,
    draw_footer,
    ensure_glyphs,
    fit_size,
    line_height,
    new_document,
    output_bytes,
    render_text_document,
    text_block,
    unprintable,
)
from ydm.letters.formats.text import long_date
from ydm.letters.letter import Letter

if TYPE_CHECKING:  # fpdf (with fontTools and PIL) loads only when a PDF is drawn, not for every letter
    from fpdf import FPDF

__all__ = [
    "ADDRESS_BOTTOM", "ADDRESS_TOP", "ADDRESS_TOP_MIN", "ADDRESS_W", "ADDRESS_X", "BODY_PT", "BOTTOM",
    "FALLBACK_FAMILY", "FAMILY", "FONTS_DIR", "LEFT", "RIGHT_EDGE", "VISIBLE_TOP", "WINDOW_H", "WINDOW_W",
    "WINDOW_X", "WINDOW_Y", "Flow", "add_letter", "clean", "draw_fold_marks", "ensure_glyphs", "layout_letter",
    "new_document", "output_bytes", "render", "render_by_org", "render_many", "render_text_document",
    "text_block", "unprintable_in",
]

# Where the address must go so it shows through a DL window envelope (the DL defaults; envelopes.py
# has both envelopes, each with its sources).
# - Envelope: DL, 110 x 220 mm, window 90 mm wide, 20 mm from the left and 15 mm from the bottom edge;
#   45 mm high in ISO 269 / DIN 680, 35 mm high in many UK stationers' "standard DL window" (same
#   position). So on the envelope the window spans x 20-110 mm and y 50-95 (45 high) or 60-95 mm.
# - Letter: A4 folded in three at 105 mm and 210 mm from the top (the DIN 5008 fold marks for DL),
#   address field 20 mm from the left, 45 mm from the top, 85 x 45 mm (DIN 5008 form B, the form for
#   window envelopes), whose lower 27.3 mm (from 62.7 mm) hold the recipient's six lines; the upper
#   17.7 mm are for postal notes (see e.g. din-5008-richtlinien.de, "Anschriftenfeld").
# - Play: the 105 mm top panel can sit 0-5 mm below the envelope's top edge, and the 210 mm sheet can
#   slide 0-10 mm sideways in the 220 mm envelope. What always shows, with either window height, is
#   y 60-90 mm and x 20-100 mm on the sheet: the address is drawn from y 62 mm, x 25 mm, at most
#   75 mm wide and down to 89.5 mm (smaller type rather than more lines).
# Royal Mail's "A guide for letter envelope design and clear addressing" asks for the whole address,
# postcode last on its own line, inside the window with clear space around it: same conclusion.
WINDOW_X, WINDOW_Y, WINDOW_W, WINDOW_H = 20.0, 45.0, 85.0, 45.0  # DIN 5008 form B address field
VISIBLE_TOP = 60.0  # top of what a 35 mm high window always shows (a 45 mm one shows from 50 mm)
ADDRESS_X, ADDRESS_TOP, ADDRESS_BOTTOM, ADDRESS_W = DL.x, DL.top, DL.bottom, DL.width
ADDRESS_TOP_MIN = DL.top_min  # for long blocks only: still inside a 45 mm high window
# (The fold marks at 105 and 210 mm are drawn by pdf_layout.draw_fold_marks.)

SENDER_X, SENDER_W = 125.0, 65.0  # the writer's address, top right as UK letters do
ADDRESS_PT = 10.5


def _address_block(flow: Flow, lines: Sequence[str], *, missing: bool, env: Envelope = DL) -> None:
    """The recipient inside the window area; smaller type rather than spilling out of the window."""
    lines = [clean(line) for line in lines if line.strip()]
    if missing:
        # The known lines in black, the "address needed" note small and grey: write the address there.
        y = env.top
        for line in lines:
            note = line.startswith("[")
            size = 9.0 if note else ADDRESS_PT
            for part in flow.wrap(line, env.width, "", size):
                flow.place(Placed(env.x, y, part, "", size, grey=note))
                y += line_height(size)
        return
    # The zone every window of the envelope shows (DL 62-89.5 mm: six lines at 10.5 pt). Longer blocks
    # get smaller type, down to 7.5 pt, first (issue 20: rising above that zone hid the first line when
    # the sheet rode up); only then grow upwards into what the larger windows show (env.top_min).
    plan = [(s, env.top) for s in (ADDRESS_PT, 10.0, 9.5, 9.0, 8.5, 8.0, MIN_PT)]
    plan += [(MIN_PT, env.top_min)]
    for size, top_limit in plan:
        parts = [part for line in lines for part in flow.wrap(line, env.width, "", size)]
        height = len(parts) * line_height(size)
        if height <= env.bottom - top_limit:
            break
    y = max(env.top_min, min(env.top, env.bottom - height))
    for part in parts:
        flow.place(Placed(env.x, y, part, "", size))
        y += line_height(size)


def _right_block(flow: Flow, lines: Sequence[str], y: float, size: float = 10.0) -> float:
    """Left-aligned lines in the right-hand column (sender, date, reference); returns the next y."""
    for line in lines:
        line = clean(line)
        s = fit_size(flow, [line], SENDER_W, size)
        for part in flow.wrap(line, SENDER_W, "", s):
            flow.place(Placed(SENDER_X, y, part, "", s))
            y += line_height(s)
    return y


def layout_letter(flow: Flow, letter: Letter, env: Envelope = DL) -> None:
    """Lay out one letter on the flow's pages (the first on a fresh page)."""
    y = _right_block(flow, letter.sender_lines, TOP_FIRST)
    y = _right_block(flow, ["", long_date(letter.on), f"Reference: {letter.reference}"], y)
    _address_block(flow, letter.recipient_lines, missing=letter.address_missing, env=env)
    flow.y = max(WINDOW_Y + WINDOW_H + 8.0, env.bottom + 8.0, y + 8.0)
    flow.paragraph(clean(letter.subject), style="B")
    flow.space(line_height(BODY_PT) * 0.6)

    text_block(flow, letter.body)


def _numbering(pdf: FPDF, letter: Letter, env: Envelope = DL) -> Callable[[int, int], None]:
    def on_page(n: int, total: int) -> None:
        if n == 1:
            draw_fold_marks(pdf, env)
        if total > 1:
            draw_footer(pdf, f"{letter.reference} \u00b7 page {n} of {total}")

    return on_page


def _all_text(letters: Iterable[Letter]) -> str:
    return "".join(
        "".join(lt.sender_lines) + "".join(lt.recipient_lines) + lt.subject + lt.body for lt in letters
    )


def unprintable_in(letters: Iterable[Letter]) -> str:
    """Characters in these letters that the PDF cannot show (see pdf_layout.unprintable)."""
    return unprintable(_all_text(letters))


def add_letter(pdf: FPDF, letter: Letter, envelope_name: str | Envelope | None = None) -> int:
    """Append one letter, starting on a new page, numbered on its own. Returns its page count."""
    env = envelope(envelope_name)
    ensure_glyphs(pdf, _all_text([letter]))
    flow = Flow(pdf)
    layout_letter(flow, letter, env)
    flow.draw(on_page=_numbering(pdf, letter, env))
    return len(flow.pages)


def render(letter: Letter, *, envelope: str | Envelope | None = None, duplex: bool = False) -> bytes:
    """One letter as a PDF, ready to print, fold (in three for DL, once for C5) and post in a window
    envelope. (`duplex` is accepted for the same calls as `render_many`: one letter needs no blank.)"""
    pdf = new_document(title=letter.subject, text=_all_text([letter]))
    add_letter(pdf, letter, envelope)
    return output_bytes(pdf)


def render_many(letters: Sequence[Letter], *, duplex: bool = False, envelope: str | Envelope | None = None) -> bytes:
    """All letters in one PDF for printing: each starts on a new page and has its own page numbers.

    `duplex=True` (for double-sided printing) adds a blank page where needed so that every letter
    starts on the front of a new sheet.
    """
    if not letters:
        from ydm.errors import InputError

        raise InputError("no letters to put in the PDF")
    title = letters[0].subject if len(letters) == 1 else f"{len(letters)} letters"
    pdf = new_document(title=title, text=_all_text(letters))
    for letter in letters:
        if duplex and pdf.page % 2 == 1:
            pdf.add_page()  # the back of the previous letter's last sheet stays empty
        add_letter(pdf, letter, envelope)
    return output_bytes(pdf)


def render_by_org(letters: Sequence[Letter], **options) -> dict[str, bytes]:
    """One PDF per organisation (keyed by org id), for batches saved as separate files."""
    groups: dict[str, list[Letter]] = {}
    for letter in letters:
        groups.setdefault(letter.org.id, []).append(letter)
    return {org_id: render_many(group, **options) for org_id, group in groups.items()}

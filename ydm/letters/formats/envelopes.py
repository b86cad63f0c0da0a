"""Window envelopes: where the address block, the fold marks and the line limit go for each.

Two envelopes are offered (`--envelope dl|c5`, the TUI's letter options, `session.toml`'s `envelope`):

DL (110 x 220 mm, ISO 269; A4 folded in three to 105 x 210 mm, fold marks at 105 and 210 mm, the
    DIN 5008 marks for DL). The window is 90 mm wide, 20 mm from the left and 15 mm from the bottom
    edge: 45 mm high in ISO 269 / DIN 680 (de.wikipedia "DIN lang": "Das Fenster ist 90 mm breit und
    45 mm hoch, es liegt 20 mm vom linken und 15 mm von unteren Rand entfernt"), 35 mm high in many
    UK stationers' "standard DL window" (same place). On the sheet that is y 50-95 or 60-95 mm when the
    top panel sits against the envelope's top; it can ride 0-5 mm lower. What every DL window shows
    whatever the play is y 60-90 mm, x 20-100 mm: the block is drawn from 62 mm, and a long block now
    takes smaller type down to 7.5 pt before it may rise above 60 mm (issue 20: its first line was
    hidden when the sheet rode up in a 35 mm window). At most 8 lines.
C5 (162 x 229 mm, ISO 269; A4 folded once, to 148.5 x 210 mm, fold mark at 148.5 mm). C5 window
    envelopes put a 35-45 mm high, 90-105 mm wide window 15-20 mm from the left and about 44-45 mm
    from the top (officeconsult.no, "plassering av mottakerfelt i vinduskonvolutter": C5 window 44 mm
    from the top, 35 mm high, 105 mm wide, 15 mm from the left); tried with UK C5 window envelopes
    (issue 20), the part of the sheet that shows is y 45-80 mm. The block goes from 48 to 77 mm (six
    lines at 10.5 pt) and is 65 mm wide: the sheet is 19 mm narrower than the envelope and can slide,
    so only x 20-91 mm always shows. At most 6 lines. The folded sheet is also 13.5 mm shorter than
    the envelope: put it in with its top edge against the envelope's top (the fold at the bottom).
Royal Mail ("A guide for letter envelope design and clear addressing") asks for the whole address,
postcode last on its own line, inside the window with clear space around it, which both keep.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF

PUNCH_MARK = 148.5  # the middle of the page, for a hole punch


@dataclass(frozen=True)
class Envelope:
    name: str
    words: str  # for people: "DL (A4 folded in three)"
    folds: tuple[float, ...]  # fold marks, mm from the top of the sheet
    top: float  # the address block starts here (mm from the top) ...
    top_min: float  # ... and a block too long for it may rise to here, only as a last resort
    bottom: float  # ... and ends by here
    x: float
    width: float
    max_lines: int  # the most lines the window shows at the smallest type
    window: tuple[float, float, float, float]  # (x, y, w, h) on the sheet that always shows

    def too_long(self, lines) -> bool:
        """More address lines than the window shows (the faces warn: shorten the address)."""
        return sum(1 for line in lines if str(line).strip()) > self.max_lines


DL = Envelope("dl", "DL (A4 folded in three)", (105.0, 210.0), top=62.0, top_min=51.0, bottom=89.5,
              x=25.0, width=75.0, max_lines=8, window=(20.0, 60.0, 80.0, 30.0))
C5 = Envelope("c5", "C5 (A4 folded once)", (PUNCH_MARK,), top=48.0, top_min=46.0, bottom=77.0,
              x=25.0, width=65.0, max_lines=6, window=(20.0, 45.0, 71.0, 35.0))
ENVELOPES = {e.name: e for e in (DL, C5)}
DEFAULT = DL


def envelope(name: str | Envelope | None) -> Envelope:
    """The envelope called `name` (dl, c5; None: DL). `InputError` for anything else."""
    if isinstance(name, Envelope):
        return name
    if name is None or name == "":
        return DEFAULT
    found = ENVELOPES.get(str(name).strip().lower())
    if found is None:
        from ydm.errors import InputError

        raise InputError(f"unknown envelope '{name}' (one of {', '.join(ENVELOPES)})")
    return found


def draw_fold_marks(pdf: FPDF, env: Envelope = DEFAULT) -> None:
    """Short grey ticks in the left margin: fold here (thirds for DL, half for C5) and the hole-punch
    middle (which for C5 is the fold itself)."""
    pdf.set_draw_color(150)
    pdf.set_line_width(0.2)
    for y in env.folds:
        pdf.line(0, y, 5, y)
    if PUNCH_MARK not in env.folds:
        pdf.line(0, PUNCH_MARK, 3, PUNCH_MARK)
    pdf.set_draw_color(0)

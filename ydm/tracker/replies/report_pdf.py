"""The report as an A4 PDF, drawn with fpdf2 and the letters' fonts (DejaVu Sans, with the CJK
fallback when a name needs it): the same sections as the Markdown, and the timeline of replies
against due dates drawn as shapes (bars from sending to the due date, a dot for the answer)."""

from __future__ import annotations

from datetime import date

from ydm.letters.formats.pdf_layout import FAMILY, clean, new_document, output_bytes
from ydm.tracker.replies import report_text as rt
from ydm.tracker.replies.holdings import Holdings
from ydm.tracker.replies.rules import SHORT

W = 180  # text width in mm (A4 less 15 mm margins)


def _timeline(pdf, hs: list[Holdings], today: date) -> None:
    got = rt.timeline_rows(hs, today)
    if got is None:
        return
    start, end, rows = got
    left, width, row_h = 15 + 55, W - 55, 7
    span = max((end - start).days, 1)

    def x(d: date) -> float:
        return left + width * (d - start).days / span

    if pdf.get_y() + 14 + row_h * len(rows) > 280:
        pdf.add_page()
    top = pdf.get_y() + 5
    pdf.set_font(FAMILY, "", 8)
    pdf.set_text_color(80)
    pdf.text(left, top - 1, start.isoformat())
    pdf.text(left + width - 16, top - 1, end.isoformat())
    for i, (label, sent, due, replied, late) in enumerate(rows):
        y = top + 2 + i * row_h
        pdf.set_text_color(0)
        pdf.text(15, y + 4, clean(label)[:34])
        if due:
            pdf.set_fill_color(207, 227, 247)
            pdf.rect(x(sent), y + 1, max(x(due) - x(sent), 0.3), 4, style="F")
            pdf.set_draw_color(31, 78, 121)
            pdf.set_line_width(0.6)
            pdf.line(x(due), y, x(due), y + 6)
        red = (192, 57, 43)
        if replied:
            pdf.set_fill_color(*(red if late else (46, 139, 87)))
            pdf.ellipse(x(replied) - 1.8, y + 1.2, 3.6, 3.6, style="F")
        elif late and due:
            pdf.set_fill_color(*red)
            pdf.rect(x(due), y + 2.5, max(x(today) - x(due), 0.3), 1.2, style="F")
    bottom = top + 2 + row_h * len(rows)
    pdf.set_draw_color(120)
    pdf.set_line_width(0.2)
    pdf.set_dash_pattern(dash=1, gap=1)
    pdf.line(x(today), top, x(today), bottom)
    pdf.set_dash_pattern()
    pdf.set_text_color(80)
    pdf.text(x(today) - 4, bottom + 3, "today")
    pdf.set_text_color(0)
    pdf.set_xy(15, bottom + 6)


def _write(pdf, text: str, size: float, width: float, h: float, *, x: float = 15, indent: str = "") -> None:
    """Text wrapped at a width estimated from the font size (DejaVu Sans averages under 0.6 em a
    character), one `cell` per line: fpdf's multi_cell measures every character and took seconds
    for a report of 50 organisations."""
    import textwrap

    chars = max(20, int(width / (size * 0.3528 * 0.6)))
    for line in textwrap.wrap(text, chars, subsequent_indent=indent) or [""]:
        if pdf.get_y() + h > 282:
            pdf.add_page()
        pdf.set_x(x)
        pdf.cell(width, h, line, new_x="LMARGIN", new_y="NEXT")


def _heading(pdf, text: str, size: float) -> None:
    if pdf.get_y() > 265:
        pdf.add_page()
    pdf.set_font(FAMILY, "B", size)
    pdf.ln(2)
    _write(pdf, clean(text), size, W, size * 0.5)
    pdf.set_font(FAMILY, "", 10)


def _para(pdf, text: str) -> None:
    pdf.set_font(FAMILY, "", 10)
    _write(pdf, clean(text), 10, W, 5)


def _bullets(pdf, items: list[str]) -> None:
    pdf.set_font(FAMILY, "", 9.5)
    for item in items or ["none found"]:
        _write(pdf, "\u2022 " + clean(item), 9.5, W - 3, 4.6, x=18, indent="  ")


def render(hs: list[Holdings], today: date) -> bytes:
    text = rt.markdown(hs, today)
    pdf = new_document(title=rt.TITLE, text=text)
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_margins(15, 15, 15)
    pdf.add_page()
    _heading(pdf, rt.TITLE, 16)
    _para(pdf, f"Made by ydm on {today.isoformat()}. {rt.summary(hs)}")
    _heading(pdf, "Answers against due dates", 13)
    _para(pdf, "Blue: from sending to the due date (dark line). Dot: the answer, green in time, red late; "
               "a red line: no answer past the due date.")
    _timeline(pdf, hs, today)
    _bullets(pdf, [f"{h.org} ({h.ref}): sent {rt._d(h.sent)}, due {rt._d(h.due)}, answered {rt._d(h.replied)}: "
                   f"{rt._when(h)}" for h in hs])
    _heading(pdf, "Across all organisations", 13)
    for title, items in rt.across(hs):
        _heading(pdf, title, 11)
        _bullets(pdf, [f"{o}: {x}" for o, x in items])
    _heading(pdf, "Categories of data", 11)
    _bullets(pdf, [f"{c}: {', '.join(o)}" for c, o in rt.categories(hs)])
    for h in hs:
        _heading(pdf, f"{h.org} ({h.ref})", 13)
        _para(pdf, f"Sent {rt._d(h.sent)}, due {rt._d(h.due)}, answered {rt._d(h.replied)}: {rt._when(h)}.")
        for title, attr in (("Categories", "categories"), (f"Inferences ({rt.ART9})", "inferences"),
                            ("Sources", "sources"), ("Recipients", "recipients"), ("Retention", "retention")):
            _heading(pdf, title, 10.5)
            _bullets(pdf, getattr(h, attr))
        if h.missing and h.replies:
            _heading(pdf, f"Still missing (ydm requests next {h.ref} asks for these)", 10.5)
            _bullets(pdf, [SHORT.get(c, c) for c in h.missing])
    return output_bytes(pdf)

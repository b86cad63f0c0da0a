"""Status in words *and* colour: the word always carries the meaning, colour only helps."""

from __future__ import annotations

from datetime import date

from rich.text import Text

# A symbol and a style per level; styles are plain Rich styles so they survive any theme, and the
# NO_COLOR monochrome filter still leaves the symbol, the word and the bold/underline cues.
_LOOK = {
    "late": ("!", "bold reverse red"),
    "act": ("»", "bold magenta"),
    "soon": ("»", "bold yellow"),
    "waiting": ("·", ""),
    "done": ("✓", "green"),
    "draft": ("…", "italic"),
}


def status_text(status: str, level: str) -> Text:
    symbol, style = _LOOK.get(level, ("·", ""))
    return Text(f"{symbol} {status}", style=style)


def days_text(days_left: int | None) -> Text:
    """'12', '0 today', '5 late' — whole words so the meaning never depends on a minus sign."""
    if days_left is None:
        return Text("—")
    if days_left < 0:
        return Text(f"{-days_left} late", style="bold")
    if days_left == 0:
        return Text("today", style="bold")
    return Text(str(days_left))


def short_date(value: date | None, *, this_year: int | None = None) -> str:
    """'20 Jan 2026'; with `this_year`, '20 Jan' for that year and '20 Jan 25' for others."""
    if not value:
        return "—"
    if this_year is None:
        return f"{value:%d %b %Y}"
    return f"{value:%d %b}" if value.year == this_year else f"{value:%d %b %y}"


def long_date(value: date | None) -> str:
    return f"{value:%A %-d %B %Y}" if value else "not known yet"

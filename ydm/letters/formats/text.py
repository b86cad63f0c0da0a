"""Plain text, laid out as a posted letter: sender, date, recipient, subject (the layout is the Letter's own)."""

from __future__ import annotations

from ydm.letters.letter import Letter, long_date, render_text

__all__ = ["long_date", "render", "render_text"]


def render(letter: Letter) -> bytes:
    return render_text(letter).encode("utf-8")

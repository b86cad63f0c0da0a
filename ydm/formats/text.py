"""Plain text, laid out as a posted letter: sender top right-ish (left here), date, recipient, subject."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ydm.letters import Letter


def long_date(d) -> str:
    """`26 November 2026`: the UK letter style, no leading zero."""
    return f"{d.day} {d:%B %Y}"


def render_text(letter: Letter) -> str:
    parts = [
        "\n".join(letter.sender_lines),
        "",
        long_date(letter.on),
        "",
        "\n".join(letter.recipient_lines),
    ]
    if letter.recipient_email:
        parts.append(f"By email: {letter.recipient_email}")
    elif letter.recipient_webform:
        parts.append(f"Via web form: {letter.recipient_webform}")
    parts += ["", f"Subject: {letter.subject}", "", letter.body.rstrip(), ""]
    return "\n".join(parts)


def render(letter: Letter) -> bytes:
    return render_text(letter).encode("utf-8")

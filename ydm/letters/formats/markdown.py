"""A letter as tidy Markdown (CommonMark): the subject as a heading, address blocks, then the body.

Line breaks inside blocks are kept with a trailing backslash (a CommonMark hard break that, unlike
two trailing spaces, survives editors that trim whitespace). Characters Markdown would read as
formatting are escaped, so names like `O_Brien` or text with `*` print as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ydm.letters.formats.text import long_date
from ydm.letters.letter import Letter

_INLINE = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(\s*)([#>+=])")
_ORDERED = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")
_LIST_ITEM = re.compile(r"^\s*[-\u2022]\s+")


def escape(text: str) -> str:
    """Escape what CommonMark would take as formatting (inline marks, headings, quotes, lists)."""
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return _ORDERED.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _block(lines: Sequence[str]) -> str:
    """Lines that must stay on their own lines (an address): joined with hard breaks."""
    lines = [escape(line.strip()) for line in lines if line.strip()]
    return " \\\n".join(lines)


def _body(body: str) -> str:
    """Paragraphs stay paragraphs; single line breaks stay line breaks; `-` items become a list."""
    out: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            out.append(" \\\n".join(paragraph))
            paragraph.clear()

    in_list = False
    for raw in body.replace("\r\n", "\n").strip("\n").split("\n"):
        if not raw.strip():
            flush()
            if in_list:
                in_list = False
            out.append("")
            continue
        if _LIST_ITEM.match(raw):
            flush()
            out.append("- " + escape(_LIST_ITEM.sub("", raw, count=1).strip()))
            in_list = True
            continue
        if in_list:  # a line right after a list item starts a new paragraph
            out.append("")
            in_list = False
        paragraph.append(escape(raw.strip()))
    flush()
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def render_markdown(letter: Letter) -> str:
    parts = [
        f"# {escape(' '.join(letter.subject.split()))}",
        "",
        f"**Reference:** {escape(letter.reference)} \\",
        f"**Date:** {long_date(letter.on)}",
        "",
        "## From",
        "",
        _block(letter.sender_lines),
        "",
        "## To",
        "",
        _block(letter.recipient_lines),
    ]
    if letter.recipient_email:
        parts += ["", f"By email: <{letter.recipient_email}>"]
    elif letter.recipient_webform:
        parts += ["", f"Via web form: <{letter.recipient_webform}>"]
    parts += ["", "---", "", _body(letter.body), ""]
    return "\n".join(parts)


def render(letter: Letter) -> bytes:
    return render_markdown(letter).encode("utf-8")

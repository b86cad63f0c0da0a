"""Glyphs read back from a PDF page with their positions: a small interpreter of the text operators
(BT/Tf/Td/Tm/Tj/TJ, PDF 32000-1 §9.4) over pypdf's parsed content stream, with each glyph's
character(s) from the font's /ToUnicode CMap and its advance from the CIDFont's /W widths.

For checking what a reader sees that text extraction hides: the visual left-to-right order of a
right-to-left name, and whether joined (contextual) glyph forms were used."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pypdf.generic import ContentStream


@dataclass(frozen=True)
class Glyph:
    x: float  # pt from the left
    y: float  # pt from the bottom (baseline)
    font: str  # the embedded font's /BaseFont, e.g. "ABCDEF+NotoSansArabic-Regular"
    cid: int
    text: str  # what /ToUnicode maps it to ("" if nothing)


def _to_unicode(font) -> dict[int, str]:
    cmap = font.get("/ToUnicode")
    if cmap is None:
        return {}
    data = cmap.get_object().get_data().decode("latin-1")
    out = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            out[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be") if dst else ""
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int(dst, 16)
            for i, cid in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[cid] = chr(start + i)
    return out


def _widths(font) -> dict[int, float]:
    out: dict[int, float] = {}
    for desc in font.get("/DescendantFonts", []):
        w = list(desc.get_object().get("/W", []))
        i = 0
        while i < len(w):
            first = int(w[i])
            nxt = w[i + 1]
            if isinstance(nxt, list) or hasattr(nxt, "__iter__"):
                for k, width in enumerate(nxt):
                    out[first + k] = float(width)
                i += 2
            else:
                for cid in range(first, int(nxt) + 1):
                    out[cid] = float(w[i + 2])
                i += 3
    return out


def glyphs(page) -> list[Glyph]:
    fonts = {name: f.get_object() for name, f in page["/Resources"]["/Font"].items()}
    maps = {name: (_to_unicode(f), _widths(f), str(f.get("/BaseFont", ""))) for name, f in fonts.items()}
    out: list[Glyph] = []
    font, size = None, 0.0
    x = y = lx = ly = 0.0
    for operands, op in ContentStream(page.get_contents(), page.pdf).operations:
        if op == b"BT":
            x = y = lx = ly = 0.0
        elif op == b"Tf":
            font, size = str(operands[0]), float(operands[1])
        elif op == b"Td":
            lx, ly = lx + float(operands[0]), ly + float(operands[1])
            x, y = lx, ly
        elif op == b"Tm":
            lx, ly = float(operands[4]), float(operands[5])
            x, y = lx, ly
        elif op in (b"Tj", b"TJ"):
            items = operands[0] if op == b"TJ" else [operands[0]]
            uni, widths, base = maps[font]
            for item in items:
                if isinstance(item, (int, float)) or type(item).__name__ in ("FloatObject", "NumberObject"):
                    x -= float(item) / 1000 * size
                    continue
                raw = bytes(item.original_bytes if hasattr(item, "original_bytes") else item)
                for k in range(0, len(raw) - 1, 2):
                    cid = int.from_bytes(raw[k:k + 2], "big")
                    out.append(Glyph(x, y, base, cid, uni.get(cid, "")))
                    x += widths.get(cid, 0.0) / 1000 * size
    return out


def line_of(page, contains: str, nth: int = 0) -> list[Glyph]:
    """The glyphs on the baseline of the (`nth`, from the top) line whose characters include every
    character of `contains` (spaces aside), left to right."""
    rows: dict[float, list[Glyph]] = {}
    for g in glyphs(page):
        rows.setdefault(round(g.y, 1), []).append(g)
    want = set(contains.replace(" ", ""))
    for _y, row in sorted(rows.items(), reverse=True):
        if want <= set("".join(g.text for g in row)):
            if nth == 0:
                return sorted(row, key=lambda g: g.x)
            nth -= 1
    raise AssertionError(f"no line with {contains!r} on the page")

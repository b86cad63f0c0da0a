"""`ydm report`: what the organisations hold about the person, from their replies, as Markdown, HTML
(with an inline SVG timeline) or PDF (fpdf2). The faces call `build` and `render`; the work is the
tracker's (`ydm.tracker.replies.holdings`, `report_text`, `report_pdf`)."""

from __future__ import annotations

from datetime import date

FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}


def build(store, *, today: date, directory=None):
    """Every access request that went out, with what its replies show (a list of `Holdings`)."""
    from ydm.tracker.replies.holdings import all_holdings

    return all_holdings(store, today=today, directory=directory)


def render(holdings, fmt: str, *, today: date) -> bytes:
    if fmt == "pdf":
        from ydm.tracker.replies.report_pdf import render as pdf

        return pdf(holdings, today)
    from ydm.tracker.replies import report_text

    return (report_text.html if fmt == "html" else report_text.markdown)(holdings, today).encode()

"""The report as Markdown and as one self-contained HTML page (tables, and the timeline of replies
against due dates as inline SVG: no script, no external file, so it prints and can be kept offline)."""

from __future__ import annotations

from datetime import date
from html import escape

from ydm.tracker.replies.holdings import Holdings
from ydm.tracker.replies.rules import SHORT

TITLE = "What they hold about me"
ART9 = "special-category data: UK GDPR Article 9"


def summary(hs: list[Holdings]) -> str:
    n = {k: sum(h.timeliness == k for h in hs) for k in ("on time", "late", "not answered", "waiting")}
    return (f"{len(hs)} organisation(s) asked: {n['on time']} answered in time, {n['late']} late, "
            f"{n['not answered']} not at all (past the due date), {n['waiting']} still within time.")


def _when(h: Holdings) -> str:
    if h.timeliness == "late":
        return f"late by {h.days_late} day(s)"
    if h.timeliness == "not answered":
        return f"not answered, {h.days_late} day(s) past the due date"
    return h.timeliness


def _d(x: date | None) -> str:
    return x.isoformat() if x else "-"


def across(hs: list[Holdings]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The sections across all organisations: (title, [(organisation, item)])."""
    out = []
    for title, attr in ((f"Inferences about your political opinions ({ART9})", "inferences"),
                        ("Sources they named", "sources"), ("Recipients they named", "recipients")):
        out.append((title, [(h.org, x) for h in hs for x in getattr(h, attr)]))
    return out


def categories(hs: list[Holdings]) -> list[tuple[str, list[str]]]:
    seen: dict[str, list[str]] = {}
    for h in hs:
        for c in h.categories:
            if " " in c and ":" in c:
                continue  # a quote, not a column name
            seen.setdefault(c, []).append(h.org)
    return sorted(seen.items(), key=lambda kv: (-len(kv[1]), kv[0].lower()))


def markdown(hs: list[Holdings], today: date) -> str:
    out = [f"# {TITLE}", "", f"Made by ydm on {today.isoformat()}. {summary(hs)}", ""]
    out += ["## Answers against due dates", "", "| organisation | ref | sent | due | answered | |",
            "|---|---|---|---|---|---|"]
    out += [f"| {h.org} | {h.ref} | {_d(h.sent)} | {_d(h.due)} | {_d(h.replied)} | {_when(h)} |" for h in hs]
    out += ["", "## Across all organisations", ""]
    for title, items in across(hs):
        out += [f"### {title}", ""] + ([f"- **{o}**: {x}" for o, x in items] or ["- none found"]) + [""]
    cats = categories(hs)
    out += ["### Categories of data (columns of the data they sent)", ""]
    out += [f"- {c}: {', '.join(orgs)}" for c, orgs in cats] or ["- none found"]
    for h in hs:
        out += ["", f"## {h.org} ({h.ref})", "",
                f"Sent {_d(h.sent)}, due {_d(h.due)}, answered {_d(h.replied)}: {_when(h)}. "
                f"{h.replies} reply(ies), {len(h.files)} file(s)."]
        for title, attr in (("Categories", "categories"), (f"Inferences ({ART9})", "inferences"),
                            ("Sources", "sources"), ("Recipients", "recipients"), ("Retention", "retention")):
            items = getattr(h, attr)
            out += ["", f"**{title}**:"] + ([f"- {x}" for x in items] or ["- none found"])
        if h.missing and h.replies:
            out += ["", "**Still missing** (ydm requests next " + h.ref + " asks for these):"]
            out += [f"- {SHORT.get(c, c)}" for c in h.missing]
        out += [f"- note: {n}" for n in h.notes]
    return "\n".join(out) + "\n"


def timeline_rows(hs: list[Holdings], today: date):
    """(start, end) of the chart and one row per organisation: (label, sent, due, replied, late?)."""
    rows = [(h.org, h.sent, h.due, h.replied, h.timeliness in ("late", "not answered")) for h in hs if h.sent]
    if not rows:
        return None
    start = min(r[1] for r in rows)
    end = max([today] + [d for r in rows for d in (r[2], r[3]) if d])
    return start, max(end, start), rows


def svg(hs: list[Holdings], today: date) -> str:
    got = timeline_rows(hs, today)
    if got is None:
        return ""
    start, end, rows = got
    left, width, row_h = 190, 520, 26
    span = max((end - start).days, 1)

    def x(d: date) -> float:
        return left + width * (d - start).days / span

    h = 40 + row_h * len(rows)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 20}" height="{h}" role="img" '
           f'aria-label="Replies against due dates" font-family="sans-serif" font-size="12">',
           f'<text x="{left}" y="14">{start.isoformat()}</text>',
           f'<text x="{left + width}" y="14" text-anchor="end">{end.isoformat()}</text>',
           f'<line x1="{x(today):.1f}" y1="20" x2="{x(today):.1f}" y2="{h - 10}" stroke="#888" stroke-dasharray="3,3"/>',
           f'<text x="{x(today):.1f}" y="{h - 1}" text-anchor="middle" fill="#555">today</text>']
    for i, (label, sent, due, replied, late) in enumerate(rows):
        y = 30 + i * row_h
        out.append(f'<text x="{left - 8}" y="{y + 13}" text-anchor="end">{escape(label[:28])}</text>')
        if due:
            out.append(f'<rect x="{x(sent):.1f}" y="{y + 4}" width="{max(x(due) - x(sent), 1):.1f}" height="12" '
                       f'fill="#cfe3f7"><title>sent {sent} - due {due}</title></rect>')
            out.append(f'<line x1="{x(due):.1f}" y1="{y}" x2="{x(due):.1f}" y2="{y + 20}" stroke="#1f4e79" '
                       'stroke-width="2"/>')
        colour = "#c0392b" if late else "#2e8b57"
        if replied:
            out.append(f'<circle cx="{x(replied):.1f}" cy="{y + 10}" r="6" fill="{colour}"><title>answered '
                       f'{replied}</title></circle>')
        elif late and due:
            out.append(f'<rect x="{x(due):.1f}" y="{y + 8}" width="{max(x(today) - x(due), 1):.1f}" height="4" '
                       f'fill="{colour}"><title>not answered</title></rect>')
    out.append("</svg>")
    return "\n".join(out)


def html(hs: list[Holdings], today: date) -> str:
    e = escape
    body = [f"<h1>{TITLE}</h1>", f"<p>Made by ydm on {today.isoformat()}. {e(summary(hs))}</p>",
            "<h2>Answers against due dates</h2>",
            "<p>Blue: from sending to the due date (dark line). Dot: the answer, green in time, red late; a red "
            "line: no answer past the due date.</p>", svg(hs, today),
            "<table><tr><th>organisation</th><th>ref</th><th>sent</th><th>due</th><th>answered</th><th></th></tr>"]
    body += [f"<tr><td>{e(h.org)}</td><td>{h.ref}</td><td>{_d(h.sent)}</td><td>{_d(h.due)}</td>"
             f"<td>{_d(h.replied)}</td><td>{e(_when(h))}</td></tr>" for h in hs]
    body += ["</table>", "<h2>Across all organisations</h2>"]
    for title, items in across(hs):
        body += [f"<h3>{e(title)}</h3>", "<table><tr><th>organisation</th><th>what</th></tr>"]
        body += [f"<tr><td>{e(o)}</td><td>{e(x)}</td></tr>" for o, x in items] or ["<tr><td colspan=2>none found</td></tr>"]
        body.append("</table>")
    body += ["<h3>Categories of data</h3>", "<table><tr><th>category</th><th>held by</th></tr>"]
    body += [f"<tr><td>{e(c)}</td><td>{e(', '.join(o))}</td></tr>" for c, o in categories(hs)]
    body.append("</table>")
    for h in hs:
        body += [f"<h2>{e(h.org)} ({h.ref})</h2>",
                 f"<p>Sent {_d(h.sent)}, due {_d(h.due)}, answered {_d(h.replied)}: {e(_when(h))}.</p>"]
        for title, attr in (("Categories", "categories"), (f"Inferences ({ART9})", "inferences"),
                            ("Sources", "sources"), ("Recipients", "recipients"), ("Retention", "retention")):
            items = getattr(h, attr)
            body += [f"<h4>{e(title)}</h4><ul>"] + [f"<li>{e(x)}</li>" for x in items or ["none found"]] + ["</ul>"]
        if h.missing and h.replies:
            body += ["<h4>Still missing</h4><ul>"] + [f"<li>{e(SHORT.get(c, c))}</li>" for c in h.missing] + ["</ul>"]
    style = ("body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}table{border-collapse:"
             "collapse;margin:.5em 0}td,th{border:1px solid #bbb;padding:.2em .5em;text-align:left;vertical-align:top}")
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{TITLE}</title>"
            f"<style>{style}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")

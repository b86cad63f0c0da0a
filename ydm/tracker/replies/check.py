"""`ydm requests check`: what a request's replies cover of Article 15 and of the political questions
our access letter asks, line by line: found / not found / unclear, each with the words (file, page)
or the table column and row that show it. The person's corrections (`--set CODE=STATUS`) are kept
encrypted with the request and win over the rules; `next_step` asks for what is still missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ydm.errors import InputError, NotFoundError
from ydm.model import Category
from ydm.tracker.facts import ART15_ITEMS, normalize_items
from ydm.tracker.replies.rules import COMPILED, COPY_WORDS, POLITICAL_ITEMS, SHORT

FOUND, NOT_FOUND, UNCLEAR = "found", "not found", "unclear"
STATUSES = (FOUND, NOT_FOUND, UNCLEAR)
ART15_CODES = ("15(1)-copy", "15(1)(a)", "15(1)(b)", "15(1)(c)", "15(1)(d)", "15(1)(e)", "15(1)(f)", "15(1)(g)",
               "15(1)(h)", "15(2)")
POLITICAL_CODES = tuple(POLITICAL_ITEMS)
POLITICAL = (Category.PARTY, Category.CAMPAIGNER, Category.BROKER)
MAX_EVIDENCE = 3


@dataclass
class Line:
    code: str
    words: str
    status: str
    evidence: list[str] = field(default_factory=list)
    by: str = "rules"  # "rules" or "you"

    def to_json(self) -> dict:
        return {"code": self.code, "item": self.words, "status": self.status, "evidence": self.evidence,
                "by": self.by}


@dataclass
class Checklist:
    ref: str
    org: str
    replies: int
    lines: list[Line]
    notes: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        """The codes not found (unclear counts as missing: a follow-up asks for it plainly)."""
        return [x.code for x in self.lines if x.status != FOUND]

    def to_json(self) -> dict:
        return {"schema": 1, "ref": self.ref, "organisation": self.org, "replies": self.replies,
                "lines": [x.to_json() for x in self.lines], "missing": self.missing, "notes": self.notes}


def _where(part: dict, pos: int) -> str:
    if part.get("type") == "pdf":
        return f"{part['name']} p.{part['text'].count(chr(12), 0, pos) + 1}"
    return part["name"]


def _snippet(text: str, start: int, end: int) -> str:
    a = max(text.rfind("\n", 0, start) + 1, start - 60)
    b = text.find("\n", end)
    b = min(b if b != -1 else len(text), end + 60)
    return " ".join(text[a:b].split())


def _text_hits(rx, parts: list[dict], lowered: list[str]) -> list[str]:
    out = []
    for part, low in zip(parts, lowered, strict=True):
        if part.get("tables"):
            continue  # tables are read by their columns and values, with rows (below)
        for m in rx.finditer(low):
            out.append(f"{_where(part, m.start())}: \"{_snippet(part['text'], m.start(), m.end())}\"")
            if len(out) >= MAX_EVIDENCE:
                return out
            break  # one quote per file: then the next file
    return out


def _table_hits(col_rx, value_rx, parts: list[dict]) -> list[str]:
    out = []
    for part in parts:
        for t in part.get("tables", ()):
            where = part["name"] + (f" [{t['sheet']}]" if t.get("sheet") else "")
            for col in t["columns"]:
                low = col.lower()
                sample = t["samples"].get(col)
                if col_rx is not None and col and col_rx.search(low):
                    shown = f" = \"{sample[0]}\" (row {sample[1]})" if sample else " (empty)"
                    out.append(f"{where} column \"{col}\"{shown}")
                elif value_rx is not None and sample and value_rx.search(sample[0].lower()):
                    out.append(f"{where} row {sample[1]}, column \"{col}\": \"{sample[0]}\"")
                if len(out) >= MAX_EVIDENCE:
                    return out
    return out


def rule_lines(parts: list[dict], political: bool) -> tuple[list[Line], list[str]]:
    """The checklist the rules read out of the parts' metas (no corrections)."""
    notes = [f"{p['name']}: {n}" for p in parts for n in p.get("notes", ())]
    unreadable = any("tick the checklist" in n for n in notes)
    lowered = [p.get("text", "").lower() for p in parts]
    lines = []
    codes = ART15_CODES + (POLITICAL_CODES if political else ())
    for code in codes:
        if code == "15(1)-copy":
            tables = [(p, t) for p in parts for t in p.get("tables", ()) if t["rows"]]
            if tables:
                ev = [f"{p['name']}" + (f" [{t['sheet']}]" if t.get("sheet") else "") + f": {t['rows']} rows, "
                      f"{len(t['columns'])} columns" for p, t in tables[:MAX_EVIDENCE]]
                lines.append(Line(code, SHORT[code], FOUND, ev))
                continue
            said = _text_hits(COPY_WORDS, parts, lowered)
            lines.append(Line(code, SHORT[code], UNCLEAR if said or unreadable else NOT_FOUND, said))
            continue
        strong, weak, cols = COMPILED[code]
        ev = _table_hits(cols, strong, parts) + _text_hits(strong, parts, lowered)
        if code == "15(1)(b)" and not ev:
            ev = [f"{p['name']}: columns {', '.join(t['columns'][:8])}" for p in parts for t in p.get("tables", ())
                  if t["columns"]][:MAX_EVIDENCE]
        if ev:
            lines.append(Line(code, SHORT[code], FOUND, ev[:MAX_EVIDENCE]))
            continue
        hints = _text_hits(weak, parts, lowered) if weak is not None else []
        lines.append(Line(code, SHORT[code], UNCLEAR if hints or unreadable else NOT_FOUND, hints))
    return lines, notes


def _political(directory, org_id: str) -> bool:
    try:
        return directory.get(org_id).category in POLITICAL
    except NotFoundError:
        return True  # an organisation of the person's own: ask everything


def check_request(store, ref: str, *, directory=None) -> Checklist:
    from ydm.orgs import contacts

    r = store.get(ref)
    stored = store.replies(r.ref)
    parts = [p for rep in stored for p in rep["parts"]]
    lines, notes = rule_lines(parts, _political(directory or contacts.load(), r.org_id))
    if not stored:
        notes.insert(0, f"no reply stored for {r.ref} yet: take one in with 'ydm replies add FILE --ref {r.ref}'")
    corrections = store.load_check(r.ref)
    for line in lines:
        if line.code in corrections:
            line.status, line.by = corrections[line.code], "you"
    return Checklist(r.ref, r.org_name or r.org_id, len(stored), lines, notes)


def parse_code(text: str) -> str:
    raw = text.strip().lower()
    for code in POLITICAL_CODES:
        if raw in (code, code.split(":", 1)[1]):
            return code
    return normalize_items([raw])[0]


def set_lines(store, ref: str, settings: list[str], *, directory=None) -> Checklist:
    """Corrections like `15(1)(c)=found`, `g=not-found`, `pol:inferred=unclear`, `15(2)=auto` (drop it)."""
    r = store.get(ref)
    corrections = dict(store.load_check(r.ref))
    for s in settings:
        code, sep, value = s.partition("=")
        if not sep:
            raise InputError(f"--set '{s}' needs CODE=STATUS, e.g. 15(1)(c)=found")
        try:
            code = parse_code(code)
        except InputError:
            raise InputError(f"--set: unknown item '{code}'",
                             hint="one of " + ", ".join((*ART15_ITEMS, *POLITICAL_CODES))) from None
        status = value.strip().lower().replace("-", " ").replace("_", " ")
        if status == "auto":
            corrections.pop(code, None)
        elif status in STATUSES:
            corrections[code] = status
        else:
            raise InputError(f"--set {code}: '{value}' is not a status", hint="found, not-found, unclear or auto")
    store.save_check(r.ref, corrections)
    return check_request(store, r.ref, directory=directory)

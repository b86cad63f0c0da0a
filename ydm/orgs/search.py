"""The one organisation search every face uses (CLI `ydm orgs`, the TUI's organisation step, the
guided session): shipped, user-added and register entries together, forgiving typos.

Order: the shipped and user-added organisations first (a party's national entry before a dentist
of the same name), then the Electoral Commission's registers, then the ICO register of fee payers.
Matching is case-, accent- and punctuation-insensitive, by name, trading name/alias, registration
number (`ZB123456`, `PP52`) and postcode. With no match, each word is compared with the words ydm
knows (`plaid cymry` → `plaid cymru`, `labor` → `labour`) and the search runs again; the result says
so, and an empty result always says what to try.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from ydm.model import Category, Organisation
from ydm.orgs import registers
from ydm.orgs.contacts import Directory, fold
from ydm.orgs.registers import index

REGISTER_LIMIT = 25


@dataclass(frozen=True)
class Hit:
    org: Organisation
    source: str  # shipped | user | ec | ico
    source_date: str = ""  # the register file's date; shipped/user: the entry's last check


@dataclass
class Result:
    query: str
    hits: list[Hit] = field(default_factory=list)
    corrected: str = ""  # the query actually used, when a typo was forgiven
    hint: str = ""  # what to try; always set when nothing was found

    @property
    def orgs(self) -> list[Organisation]:
        return [h.org for h in self.hits]

    @property
    def message(self) -> str:
        """One line for any face: empty when the query matched as typed."""
        if self.corrected and self.hits:
            return f"Nothing matches '{self.query}'; showing results for '{self.corrected}'."
        if not self.hits:
            return f"Nothing matches '{self.query}'. {self.hint}"
        return ""


def _vocabulary(directory: Directory) -> set[str]:
    words: set[str] = set()
    for org in directory:
        for name in (org.id.replace("-", " "), org.display_name, org.legal_name, *org.aliases):
            words.update(fold(name).split())
    return {w for w in words if len(w) > 1}


def _correct(query: str, directory: Directory, use_registers: bool) -> str:
    """Each word of the query replaced by the closest word ydm knows (the shipped names first, then
    the imported registers' words), when one is close enough."""
    vocab = _vocabulary(directory)
    words = fold(query).split()
    unknown = [w for w in words if w not in vocab and len(w) >= 3]
    registered = index.spellings(unknown) if use_registers and unknown else {}
    out = []
    for word in words:
        if word not in unknown:
            out.append(word)
            continue
        known, near = registered.get(word, (False, []))
        if known:
            out.append(word)
            continue
        close = difflib.get_close_matches(word, [*difflib.get_close_matches(word, vocab, n=3, cutoff=0.75), *near],
                                          n=1, cutoff=0.75)
        out.append(close[0] if close else word)
    return " ".join(out)


def _hint(directory: Directory) -> str:
    parts = ["Try fewer words or another spelling, a registration number (ZB123456, PP52) or a postcode"]
    missing = [s for s in ("ico", "ec") if index.meta(s) is None]
    if missing:
        flags = " / ".join(f"--{s}-register" for s in missing)
        parts.append(f"import the public registers to search every registered UK controller "
                     f"('ydm orgs update {flags} PATH_OR_URL')")
    return "; or ".join(parts) + "; 'ydm orgs' lists all that ydm ships."


def _run(directory: Directory, query: str, wanted: Category | None, use_registers: bool) -> list[Hit]:
    local = directory.search(query, wanted)
    hits = [Hit(o, o.origin, o.last_verified) for o in local]
    words = fold(query).split()
    if not use_registers or not words:
        return hits
    known = {v.upper() for o in directory for v in (o.ico_registration, o.electoral_commission_id) if v}
    metas = {s: index.meta(s) for s in index.SOURCES}
    for entry in index.search(words, limit=REGISTER_LIMIT):
        if entry.reg.upper() in known:
            continue  # the shipped entry, with its researched channels, already stands for it
        meta = metas.get(entry.source)
        org = registers.as_organisation(entry, meta)
        if wanted is not None and org.category != wanted:
            continue
        hits.append(Hit(org, entry.source, meta.file_date if meta else ""))
    return hits


def search(directory: Directory, query: str = "", category: Category | str | None = None, *,
           use_registers: bool = True) -> Result:
    """Everything matching `query`, best first, with a forgiven typo or a hint when nothing matched."""
    wanted = Category(category) if category else None
    hits = _run(directory, query, wanted, use_registers)
    result = Result(query, hits)
    if hits or not fold(query):
        return result
    corrected = _correct(query, directory, use_registers)
    if corrected and corrected != fold(query):
        result.hits = _run(directory, corrected, wanted, use_registers)
        result.corrected = corrected if result.hits else ""
    if not result.hits:
        names = {o.id: fold(o.display_name) for o in directory if wanted is None or o.category == wanted}
        close = difflib.get_close_matches(fold(query), list(names.values()), n=3, cutoff=0.6)
        if close:
            result.hits = [Hit(o, o.origin, o.last_verified) for o in directory if names.get(o.id) in close]
            result.corrected = close[0] if result.hits else ""
    if not result.hits:
        result.hint = _hint(directory)
    return result

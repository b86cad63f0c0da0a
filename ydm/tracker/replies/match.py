"""Which request a reply answers: the reference ydm put in every subject line (`YDM-7K3P9`), else the
sender's email domain against the organisations written to, else the person says (`--ref`, or a
question at a terminal: `NeedRef` carries the choices)."""

from __future__ import annotations

import re

from ydm.errors import InputError, NotFoundError
from ydm.model import Request, RequestKind
from ydm.store.codec import normalize_ref

# model.new_reference: "YDM-" and five of the alphabet without 0/O and 1/I.
REF_RE = re.compile(r"\bYDM-([2-9A-HJ-NP-Z]{5})\b", re.IGNORECASE)


class NeedRef(InputError):
    """The reply could not be matched: `candidates` are (ref, organisation, kind) to choose from."""

    def __init__(self, message: str, candidates: list[tuple[str, str, str]], source: str):
        shown = ", ".join(f"{r} ({o})" for r, o, _ in candidates[:6]) or "none recorded"
        super().__init__(message, hint=f"give --ref REF; requests: {shown}")
        self.candidates = candidates
        self.source = source


def refs_in(text: str) -> list[str]:
    return list(dict.fromkeys("YDM-" + m.upper() for m in REF_RE.findall(text or "")))


def domain(address: str) -> str:
    return address.rsplit("@", 1)[-1].strip().lower() if "@" in (address or "") else ""


def _org_domains(directory, r: Request) -> set[str]:
    try:
        org = directory.get(r.org_id)
    except NotFoundError:
        return set()
    return {domain(a) for a in (org.email, *org.alt_emails) if domain(a)}


def _candidates(requests: list[Request]) -> list[tuple[str, str, str]]:
    return [(r.ref, r.org_name or r.org_id, r.kind.value) for r in requests]


def match(store, *, subject: str, sender: str, texts: list[str], source: str, directory,
          ref: str | None = None) -> tuple[str, str]:
    """(reference, how it was matched: 'given', 'subject', 'text', 'sender'), or NeedRef/NotFoundError."""
    if ref:
        return store.get(ref).ref, "given"
    for where, found in (("subject", refs_in(subject)), ("text", [x for t in texts for x in refs_in(t)])):
        known = [x for x in dict.fromkeys(found) if store.find(x) is not None]
        if len(known) == 1:
            return known[0], where
        if len(known) > 1:
            raise NeedRef(f"{source} names several requests ({', '.join(known)}): say which it answers",
                          [(x, store.get(x).org_name, "") for x in known], source)
        if found and where == "subject":
            raise NotFoundError(f"{source} is a reply to {found[0]}, but no request here has that reference; "
                                "nothing was stored", hint="see 'ydm requests list', or give --ref REF")
    requests = store.list()
    d = domain(sender)
    if d:
        by_domain = [r for r in requests
                     if any(d == od or d.endswith("." + od) for od in _org_domains(directory, r))]
        if len(by_domain) > 1:  # the one still waiting for an answer to an access request
            waiting = [r for r in by_domain if r.kind is RequestKind.ACCESS] or by_domain
            if len(waiting) > 1:
                raise NeedRef(f"{source} comes from {d}, which answers {len(waiting)} of your requests: say which",
                              _candidates(waiting), source)
            by_domain = waiting
        if by_domain:
            return by_domain[0].ref, "sender"
    who = f" (from {d})" if d else ""
    raise NeedRef(f"cannot tell which request {source}{who} answers: no YDM- reference in it and no "
                  "organisation of yours writes from there", _candidates(requests), source)


def normalize(ref: str) -> str:
    return normalize_ref(ref)

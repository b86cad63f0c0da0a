"""Another organisation, found by name: the guided session's search (issue 14 item 3).

Why: the list of parties or brokers a session offers is short on purpose, but a patron may want to write
to their local party, a council, a campaign or a company that sent them a leaflet. After the list comes
one optional question, "another organisation?", and its answer is searched with the one search every face
uses (ydm.orgs.search: shipped, the librarian's own and imported register entries; typos forgiven, and a
hint when nothing matches). The patron ticks what they meant, searches again, or goes on. Nothing of the
search leaves the computer: register entries are read from the local index only.
"""

from __future__ import annotations

from typing import Any

from ydm.errors import InputError
from ydm.session.questions import SEARCH, Option, Question

MORE = "more"
MORE_PICK = "more_pick"
RETRY = "retry"
NONE = "none"
SHOWN = 8  # results offered at once: one screen, one short list to read aloud


def results(s: Any, query: str):
    """`ydm.orgs.search.Result` for the patron's words (the organisations already on the list left out).
    Kept in the session (`s.found`, emptied by its wipe with everything else of the patron's): the
    question is built again for each look at the screen, and a search over an imported register of a
    million entries is worth doing once."""
    listed = frozenset(chosen_targets(s.answers))
    key = (query, listed)
    if key not in s.found:
        from ydm.orgs.search import search

        result = search(s.directory, query)
        result.hits = [h for h in result.hits if h.org.id not in listed][:SHOWN]
        s.found[key] = result
    return s.found[key]


def question(s: Any, qid: str) -> Question:
    a = {**s.drafts, **s.answers}
    if qid == MORE:
        return Question(
            MORE, "Another organisation", "Which other organisation do you want to write to? Type part of its name.",
            "For example your local party, a campaign group, a council or a company that wrote to you. "
            "We search the organisations this computer knows; nothing is sent anywhere.",
            hint="like: Green Party, Cardiff Conservatives, Experian", default=a.get(MORE, ""))
    found = results(s, s.answers.get(MORE, ""))
    said = found.message or f"These match '{found.query}'."
    options = [Option(h.org.id, h.org.display_name, _where(h)) for h in found.hits]
    options += [Option(RETRY, "Search again with other words"), Option(NONE, "None of these: go on")]
    return Question(
        MORE_PICK, "Another organisation", f"{said} Choose the ones to write to.",
        "Each one you choose gets its own letter. A local party or branch is a separate organisation "
        "from the national party, so it gets a letter of its own.",
        kind="multi", options=tuple(options), default=tuple(a.get(MORE_PICK, ())))


def _where(hit) -> str:
    org = hit.org
    place = org.postal_address[-1] if org.postal_address else (org.email or "")
    source = {"ec": "Electoral Commission register", "ico": "ICO register", "user": "added on this computer"}
    return ", ".join(x for x in (place, source.get(hit.source, "")) if x)


def check_pick(chosen: tuple[str, ...]) -> tuple[str, ...]:
    """The kept answer: the organisations, RETRY alone (search again) or () (none of them)."""
    if RETRY in chosen:
        if len(chosen) > 1:
            raise InputError("Choose organisations, or 'Search again', not both.")
        return (RETRY,)
    return tuple(c for c in chosen if c != NONE)


def after_answer(s: Any, qid: str) -> bool:
    """The session's bookkeeping after an answer here; True when the answer was "search again" (the
    name question comes back with the last words in it) and nothing more is to be done with it."""
    if qid == MORE:
        s.drafts.pop(MORE_PICK, None)  # other words, other results
    if qid != MORE_PICK:
        return False
    try:
        s.answers[qid] = check_pick(s.answers[qid])
    except InputError:
        del s.answers[qid]  # a refused answer is not kept: kept, it hid its organisations from the list
        raise
    if s.answers[qid] != (RETRY,) and not chosen_targets(s.answers):
        del s.answers[qid]
        raise InputError("No organisation is chosen yet: search again, or go back and tick one on the list.")
    if s.answers[qid] != (RETRY,):
        return False
    s.drafts[MORE] = s.answers.pop(MORE, "")
    del s.answers[qid]
    s.history = [h for h in s.history if h not in (MORE, qid)]
    s._plan = None
    s.touch()
    return True


def chosen_targets(answers: dict) -> list[str]:
    """Every organisation that gets a letter: the list's ticks, then those found by name."""
    listed = [i for i in answers.get("targets", ()) if i != SEARCH]
    picked = [i for i in answers.get(MORE_PICK, ()) if i != RETRY] if SEARCH in answers.get("targets", ()) else []
    return list(dict.fromkeys([*listed, *picked]))

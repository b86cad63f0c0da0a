"""Export and import of the whole tracker: a lossless JSON backup, and a calendar of due dates.

Split from `ydm.tracker` (the use cases) because it is the one part that reads and writes whole
stores at once; both faces (CLI `ydm requests export|import`, the TUI) call it with an open store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ydm.profile import clean_person
from ydm.store.codec import normalize_ref
from ydm.tracker import list_requests

EXPORT_FORMAT = "ydm-requests"
EXPORT_VERSION = 1


def export_json(store, *, today: date) -> dict:
    """Everything in the store as one JSON-able dict (the file holds personal data: write it 0600).
    Each request carries who signed it (`sender`, null for requests recorded before ydm kept it)."""
    from ydm.store.codec import head_to_dict, letter_to_dict, person_to_dict
    from ydm.tracker.replies.backup import export_replies

    profile = store.load_profile()
    requests = []
    for head in store.list():
        r = store.get(head.ref)
        requests.append({**head_to_dict(r), "letter_text": r.letter_text,
                         "sender": person_to_dict(r.sender) if r.sender else None,
                         "address_to": list(r.address_to), "email_to": r.email_to,
                         "letters": [letter_to_dict(x) for x in store.letters(r.ref)],
                         **export_replies(store, r.ref)})
    return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "exported": today.isoformat(),
            "profile": person_to_dict(profile) if profile else None, "requests": requests}


@dataclass(frozen=True)
class ImportResult:
    added: int = 0
    merged: int = 0
    unchanged: int = 0
    profile: bool = False  # the export's profile was stored (there was none)
    profile_differs: bool = False  # the export's profile is not the stored one, which was kept


def _parse_export(data) -> tuple[list, object]:
    """The export's requests (with their letters) and profile, every field checked first."""
    from ydm.errors import DataError
    from ydm.store.codec import check_person_dict, check_request_dict, letter_from_dict, request_from_dict
    from ydm.tracker.replies.backup import check_replies

    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise DataError("this file is not a ydm requests export (it has no \"format\": \"ydm-requests\")")
    if data.get("version") != EXPORT_VERSION:
        raise DataError(f"this export has version {data.get('version')}; this ydm reads version {EXPORT_VERSION}")
    raw = data.get("requests") or []
    if not isinstance(raw, list):
        raise DataError("this export is damaged: \"requests\" is not a list")
    profile = check_person_dict(data["profile"], "the profile in this export") if data.get("profile") else None
    items = []
    for number, d in enumerate(raw, 1):
        where = check_request_dict(d, number)
        try:
            items.append((request_from_dict(d), [letter_from_dict(x) for x in d.get("letters") or ()],
                          check_replies(d, where)))
        except (KeyError, ValueError, TypeError, AttributeError) as exc:  # anything the checks missed
            raise DataError(f"{where} is damaged ({exc})") from None
    return items, profile


def _one_transaction(store):
    """The store's `batch()` (SqliteStore: one SQLite transaction), or nothing for a store without one."""
    from contextlib import nullcontext

    return store.batch() if hasattr(store, "batch") else nullcontext(store)


def import_json(store, data: dict) -> ImportResult:
    """Add the requests of an export. A reference already stored gets the events and letters it lacks
    (nothing is ever dropped); the profile is imported only when none is stored.
    Everything is validated before the first write.

    When another person's profile is stored here (it is kept), the export's requests that do not
    name who signed them (exports from before ydm kept it) get the export's profile as their sender:
    their reminders and complaints must go out under the name of the person who made them.
    """
    items, profile = _parse_export(data)
    stored = store.load_profile()
    differs = profile is not None and stored is not None and profile != stored
    added = merged = unchanged = 0
    from ydm.tracker.replies.backup import import_replies

    with _one_transaction(store):  # a kill or a failure part way leaves all of it or none
        for r, letters, replies in items:
            r.ref = normalize_ref(r.ref)
            if r.sender is None and differs:
                r.sender = profile
            elif r.sender is not None:
                r.sender = clean_person(r.sender)  # as the profile is (store.codec.check_person_dict)
            have = store.find(r.ref)
            if have is None:
                store.add(r)
                for x in letters:
                    store.add_letter(r.ref, x)
                import_replies(store, r.ref, replies)
                added += 1
                continue
            known = {(e.kind, e.on, e.note) for e in have.events}
            extra = [e for e in r.events if (e.kind, e.on, e.note) not in known]
            old_letters = {(x.kind, x.on, x.text) for x in store.letters(r.ref)}
            new_letters = [x for x in letters if (x.kind, x.on, x.text) not in old_letters]
            gains_sender = have.sender is None and r.sender is not None
            if extra or (r.letter_text and not have.letter_text) or gains_sender:
                have.events = sorted([*have.events, *extra], key=lambda e: e.on)
                have.letter_text = have.letter_text or r.letter_text
                have.sender = have.sender or r.sender
                have.address_to, have.email_to = have.address_to or r.address_to, have.email_to or r.email_to
                store.update(have)
            for x in new_letters:
                store.add_letter(r.ref, x)
            if import_replies(store, r.ref, replies) or extra or new_letters or gains_sender:
                merged += 1
            else:
                unchanged += 1
        took_profile = profile is not None and stored is None
        if took_profile:
            store.save_profile(profile)
    return ImportResult(added, merged, unchanged, took_profile, differs)


def export_ics(store, *, today: date, private: bool = False, chunks: bool = False):
    """A calendar with one event per open request's current due date, and the last day to complain
    to the ICO where that complaint is on the request's route (see formats/ics.py). As bytes, or with
    `chunks=True` as an iterator of byte chunks (one event each) to write as they come: a calendar of
    10,000 requests is 7 MB, held twice over while it is joined."""
    from ydm.law.escalation import memoised
    from ydm.letters.formats.ics import entries_for, iter_ics, to_ics

    views = list_requests(store, today=today)
    with memoised():  # the explanations of thousands of requests share a few hundred deadlines
        entries = entries_for(views)
    del views
    if chunks:
        return (chunk.encode() for chunk in iter_ics(entries, private=private))
    return to_ics(entries, private=private)

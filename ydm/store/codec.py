"""Plain dict shapes of requests, events, letters and profiles, shared by both stores and JSON export.

Kept separate from `store` so the in-memory store and `tracker` can use them without SQLite or
cryptography, and so the encrypted records and the JSON export can never drift apart.
"""

from __future__ import annotations

import dataclasses
import difflib
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from ydm.errors import InputError, NotFoundError
from ydm.model import Channel, Event, EventKind, Nation, Person, Request, RequestKind, check_reference


@dataclass(frozen=True)
class StoredLetter:
    """A letter kept with a request: the first one, or a reminder/complaint/follow-up written later."""

    kind: RequestKind
    on: date
    text: str
    subject: str = ""


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for a block that builds many objects and no cycles (a
    listing). Reference counting still frees everything; the collector is back on afterwards (if it
    was on), and nested blocks leave it to the outermost one."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def normalize_ref(text: str) -> str:
    """`ydm-7k3p9`, ` YDM-7K3P9 ` and `7K3P9` all mean `YDM-7K3P9`."""
    ref = (text or "").strip().upper()
    if not ref:
        raise InputError("a request reference is needed, e.g. YDM-7K3P9")
    if "-" not in ref and len(ref) == 5:
        ref = "YDM-" + ref
    return check_reference(ref)  # the one pattern (ydm.model): no line breaks, '/' or '..' in a message


def not_found(ref: str, known: list[str]) -> NotFoundError:
    """An unknown reference, with the closest known ones as a hint."""
    close = difflib.get_close_matches(ref, known, n=3, cutoff=0.6)
    hint = ("did you mean " + " or ".join(close) + "?") if close else "see 'ydm requests list'"
    return NotFoundError(f"no request with reference {ref}", hint=hint)


def event_to_dict(e: Event) -> dict:
    d = {"kind": str(e.kind), "on": e.on.isoformat()}
    if e.note:
        d["note"] = e.note
    if e.data:
        d["data"] = e.data
    return d


# Enum lookups by value through plain dicts: `EventKind(v)` costs several times more, and listing
# 10,000 requests decodes ~30,000 events.
_EVENT_KINDS = {k.value: k for k in EventKind}
_REQUEST_KINDS = {k.value: k for k in RequestKind}
_CHANNELS = {c.value: c for c in Channel}
_NATIONS = {n.value: n for n in Nation}


def _enum(table: dict, enum, value):
    try:
        return table[value]
    except (KeyError, TypeError):
        return enum(value)  # raises ValueError with the enum's own message


def event_from_dict(d: dict, dates: dict | None = None) -> Event:
    """`dates` (ISO text -> date), shared across one listing, parses each distinct day once: 10,000
    requests carry ~30,000 event dates but only a few hundred different days (dates are immutable)."""
    data = d.get("data")
    iso = d["on"]
    if dates is None:
        on = date.fromisoformat(iso)
    else:
        on = dates.get(iso)
        if on is None:
            on = dates[iso] = date.fromisoformat(iso)
    kind, note = _enum(_EVENT_KINDS, EventKind, d["kind"]), d.get("note", "")
    return _make_event(kind, on, note, dict(data) if data else {})


_new = object.__new__
_FAST_REQUESTS = [f.name for f in dataclasses.fields(Request)] == [
    "ref", "kind", "org_id", "channel", "nation", "events", "letter_text", "org_name", "id", "sender",
    "address_to", "email_to"]


def _event_maker():
    """(kind, on, note, data) -> Event. Event is a frozen dataclass with slots: its generated __init__
    sets each field through object.__setattr__; the slots' own setters do the same in half the
    time (a listing of 10,000 requests decodes ~30,000 events). Same object, same equality and hash;
    the plain constructor if Event's fields or slots ever change."""
    names = ("kind", "on", "note", "data")
    if tuple(f.name for f in dataclasses.fields(Event)) != names or tuple(getattr(Event, "__slots__", ())) != names:
        return Event
    set_kind, set_on, set_note, set_data = (Event.__dict__[name].__set__ for name in names)

    def make(kind, on, note, data):
        ev = _new(Event)
        set_kind(ev, kind)
        set_on(ev, on)
        set_note(ev, note)
        set_data(ev, data)
        return ev

    return make


_make_event = _event_maker()


def requests_from_heads(heads: list[dict], row_ids: list[int]) -> list[Request]:
    """`request_from_dict` for a whole listing, with the event decoding inlined (same objects, same
    errors): a Python call per event is a fifth of the time of listing 10,000 requests."""
    if not _FAST_REQUESTS:
        dates: dict = {}
        return [request_from_dict(d, row_id=rid, dates=dates) for d, rid in zip(heads, row_ids, strict=True)]
    dates = {}
    kinds, make, fromiso = _EVENT_KINDS, _make_event, date.fromisoformat
    out = []
    for d, rid in zip(heads, row_ids, strict=True):
        events = []
        for e in d.get("events", ()):
            data = e.get("data")
            iso = e["on"]
            on = dates.get(iso)
            if on is None:
                on = dates[iso] = fromiso(iso)
            try:
                kind = kinds[e["kind"]]
            except (KeyError, TypeError):
                kind = _enum(kinds, EventKind, e["kind"])
            events.append(make(kind, on, e.get("note", ""), dict(data) if data else {}))
        nation = d.get("nation")
        out.append(Request(  # positional: the order of Request's fields (checked by _FAST_REQUESTS); no sender in heads
            d["ref"], _enum(_REQUEST_KINDS, RequestKind, d["kind"]), d["org_id"],
            _enum(_CHANNELS, Channel, d.get("channel") or "email"),
            _enum(_NATIONS, Nation, nation) if nation else None,
            events, d.get("letter_text", ""), d.get("org_name", ""), rid,
        ))
    return out


def head_to_dict(r: Request) -> dict:
    """Everything `list` needs (no letter text), so listing decrypts little."""
    return {
        "ref": r.ref,
        "kind": str(r.kind),
        "org_id": r.org_id,
        "org_name": r.org_name,
        "channel": str(r.channel),
        "nation": str(r.nation) if r.nation else None,
        "events": [event_to_dict(e) for e in r.events],
    }


def body_to_dict(r: Request) -> dict:
    """The part of a request only `get` needs: the letter and who signed it (records written before
    the sender was kept have only `letter_text`, and still load)."""
    body: dict = {"letter_text": r.letter_text}
    if r.sender is not None:
        body["sender"] = person_to_dict(r.sender)
    if r.address_to:
        body["address_to"] = list(r.address_to)
    if r.email_to:
        body["email_to"] = r.email_to
    return body


def request_from_dict(d: dict, *, row_id: int | None = None, dates: dict | None = None) -> Request:
    nation = d.get("nation")
    sender = d.get("sender")
    return Request(
        ref=d["ref"],
        kind=_enum(_REQUEST_KINDS, RequestKind, d["kind"]),
        org_id=d["org_id"],
        channel=_enum(_CHANNELS, Channel, d.get("channel") or "email"),
        nation=_enum(_NATIONS, Nation, nation) if nation else None,
        events=[event_from_dict(e, dates) for e in d.get("events", ())],
        letter_text=d.get("letter_text", ""),
        org_name=d.get("org_name", ""),
        id=row_id,
        sender=person_from_dict(sender) if sender else None,
        address_to=tuple(d.get("address_to") or ()),
        email_to=d.get("email_to") or "",
    )


def letter_to_dict(letter: StoredLetter) -> dict:
    return {"kind": str(letter.kind), "on": letter.on.isoformat(), "text": letter.text, "subject": letter.subject}


def letter_from_dict(d: dict) -> StoredLetter:
    return StoredLetter(
        kind=RequestKind(d["kind"]), on=date.fromisoformat(d["on"]), text=d["text"], subject=d.get("subject", "")
    )


def person_to_dict(p: Person) -> dict:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(p).items()}


def person_from_dict(d: dict) -> Person:
    names = {f.name for f in dataclasses.fields(Person)}
    clean = {k: tuple(v) if isinstance(v, list) else v for k, v in d.items() if k in names}
    return Person(**clean)


def insert_position(dates: list, on) -> int:
    """Where a new event dated `on` goes so the log stays in date order: after every event of the
    same day or earlier (stable: same-day events keep the order they were recorded in). `dates` are
    `date`s or ISO strings (both sort correctly)."""
    i = len(dates)
    while i and dates[i - 1] > on:
        i -= 1
    return i


# --- checking an export before importing it ------------------------------------------------------


def _check_fields(d, where: str, required: tuple[str, ...]) -> None:
    from ydm.errors import DataError

    if not isinstance(d, dict):
        raise DataError(f"{where} is damaged: it is not a record with named fields")
    for name in required:
        if d.get(name) in (None, ""):
            raise DataError(f"{where} is damaged: it has no \"{name}\"")


def _check_choice(value, table: dict, where: str, name: str) -> None:
    from ydm.errors import DataError

    if not isinstance(value, str) or value not in table:  # a list or a record is not a choice (nor hashable)
        shown = value if isinstance(value, str | int | float | None) else type(value).__name__
        raise DataError(f"{where} is damaged: \"{name}\" is '{shown}', not one of {', '.join(table)}")


def _check_date(value, where: str, name: str) -> None:
    from ydm.errors import DataError

    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        raise DataError(f"{where} is damaged: \"{name}\" is '{value}', not a date (YYYY-MM-DD)") from None
    if not 1900 <= day.year <= 2999:  # no request's dates; 9999-12-31 would overflow every deadline after it
        raise DataError(f"{where} is damaged: \"{name}\" is '{value}', not a date of a request")


def _check_list(value, where: str, name: str) -> list:
    from ydm.errors import DataError

    if value is None:
        return []
    if not isinstance(value, list):
        raise DataError(f"{where} is damaged: \"{name}\" is not a list")
    return value


def check_person_dict(d, where: str) -> Person:
    """A profile or sender from an export, or a DataError saying which field is wrong."""
    from ydm.errors import DataError

    _check_fields(d, where, ("name",))
    try:
        person = person_from_dict(d)
    except (TypeError, ValueError, AttributeError) as exc:
        raise DataError(f"{where} is damaged: {exc}") from None
    from ydm.profile import check_stored_person

    try:  # as strictly as typed input: a name that is a number would fail every later letter
        return check_stored_person(person)
    except InputError as exc:
        raise DataError(f"{where} is damaged: {exc.message}") from None


def check_request_dict(d, number: int) -> str:
    """Check one request of an export field by field (before anything is written), so the error
    says in plain words which request and which field is wrong. Returns where it is ("request 3
    (YDM-7K3P9)") for later messages."""
    from ydm.errors import DataError

    ref = d.get("ref") if isinstance(d, dict) else None
    problem = None
    if isinstance(ref, str) and ref:
        try:
            check_reference(ref.strip().upper())
        except InputError as exc:
            problem = exc.message
    where = f"request {number}" + (f" ({ref})" if isinstance(ref, str) and ref and not problem else "") + " in this export"
    _check_fields(d, where, ("ref", "kind", "org_id"))
    if not isinstance(ref, str):
        raise DataError(f"{where} is damaged: \"ref\" is not text")
    if problem:
        raise DataError(f"{where} is damaged: {problem}")
    _check_choice(d["kind"], _REQUEST_KINDS, where, "kind")
    if d.get("channel"):
        _check_choice(d["channel"], _CHANNELS, where, "channel")
    if d.get("nation"):
        _check_choice(d["nation"], _NATIONS, where, "nation")
    _check_texts(d, where, ("org_id", "org_name", "letter_text"))
    for i, e in enumerate(_check_list(d.get("events"), where, "events"), 1):
        _check_fields(e, f"{where}, event {i},", ("kind", "on"))
        _check_choice(e["kind"], _EVENT_KINDS, f"{where}, event {i},", "kind")
        _check_date(e["on"], f"{where}, event {i},", "on")
        _check_texts(e, f"{where}, event {i},", ("note",))
        if e.get("data") is not None and not isinstance(e["data"], dict):
            raise DataError(f"{where}, event {i}, is damaged: \"data\" is not a record with named fields")
    for i, x in enumerate(_check_list(d.get("letters"), where, "letters"), 1):
        _check_fields(x, f"{where}, letter {i},", ("kind", "on", "text"))
        _check_choice(x["kind"], _REQUEST_KINDS, f"{where}, letter {i},", "kind")
        _check_date(x["on"], f"{where}, letter {i},", "on")
        _check_texts(x, f"{where}, letter {i},", ("text", "subject"))
    if d.get("sender"):
        check_person_dict(d["sender"], f"the sender of {where}")
    _check_recipient(d, where)
    return where


def _check_texts(d: dict, where: str, names: tuple[str, ...]) -> None:
    """Fields that must be text when present (a number where a name goes fails every later letter)."""
    from ydm.errors import DataError

    for name in names:
        if d.get(name) is not None and not isinstance(d[name], str):
            raise DataError(f"{where} is damaged: \"{name}\" is not text")


def _check_recipient(d: dict, where: str) -> None:
    """The address the person gave for a request (`address_to`, `email_to`): text, as typed input is."""
    from ydm.errors import DataError

    lines = d.get("address_to") or []
    if not isinstance(lines, list) or not all(isinstance(x, str) and len(x) <= 200 for x in lines) or len(lines) > 12:
        raise DataError(f"{where} is damaged: \"address_to\" is not a list of address lines")
    email = d.get("email_to") or ""
    if not isinstance(email, str) or len(email) > 320 or any(c in email for c in "\r\n"):
        raise DataError(f"{where} is damaged: \"email_to\" is not an email address")

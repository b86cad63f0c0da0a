"""The replies' use cases, as the faces reach them: take a reply in, check it against Article 15,
correct the checklist, see what an organisation holds. The work is the tracker's
(`ydm.tracker.replies`); this module is the door (the faces never import the tracker)."""

from __future__ import annotations

from datetime import date

from ydm.tracker.replies.match import NeedRef
from ydm.tracker.replies.take import Taken

__all__ = ["NeedRef", "Taken", "add", "check", "correct", "holdings", "replies"]


def add(store, paths: list[str], *, today: date, ref: str | None = None, on: date | None = None,
        choose=None, directory=None) -> list[Taken]:
    """Take in the replies in these files (see `ydm.tracker.replies.take.add_replies`)."""
    from ydm.orgs import contacts
    from ydm.tracker.replies.take import add_replies

    return add_replies(store, paths, today=today, directory=directory or contacts.load(), ref=ref, on=on,
                       choose=choose)


def replies(store, ref: str) -> list[dict]:
    """The replies stored for a request (heads and the metas of their files)."""
    return store.replies(ref)


def check(store, ref: str):
    """The Article 15 checklist of a request's replies (a `check.Checklist`), with the person's corrections."""
    from ydm.tracker.replies.check import check_request

    return check_request(store, ref)


def correct(store, ref: str, settings: list[str]):
    """Apply corrections like `15(1)(c)=found` (or `=auto` to undo one) and return the new checklist."""
    from ydm.tracker.replies.check import set_lines

    return set_lines(store, ref, settings)


def holdings(store, ref: str):
    """What an organisation holds about the person, read out of its replies (a `holdings.Holdings`)."""
    from ydm.tracker.replies.holdings import holdings_of

    return holdings_of(store, ref)


def fetch(store, *, today: date, password: str | None = None, settings=None, since: date | None = None,
          mailbox: str | None = None, ssl_context=None, directory=None) -> tuple[int, list[Taken]]:
    """Search the person's mailbox (IMAP, read-only) for replies to their open requests and take them
    in. Returns (messages found, what was taken; already-stored ones come back `skipped`)."""
    import dataclasses

    from ydm.adapters import imap
    from ydm.errors import InputError
    from ydm.orgs import contacts
    from ydm.tracker.replies.take import add_replies
    from ydm.tracker.replies.unpack import Budget, message

    settings = settings or imap.load_settings()
    if mailbox:
        settings = dataclasses.replace(settings, mailbox=mailbox)
    password = password if password is not None else imap.get_password()
    if not password:
        raise InputError(f"no IMAP password is stored for {settings.user}",
                         hint=f"run: ydm replies fetch --setup (or set {imap.PASSWORD_ENV})")
    refs = [r.ref for r in store.list() if not any(e.kind.value in ("withdrawn", "closed") for e in r.events)]
    if not refs:
        return 0, []
    found = imap.fetch_messages(settings, password, refs, since=since, ssl_context=ssl_context)
    budget = Budget()
    incoming = [message(data, f"{settings.mailbox} message {uid}", budget) for uid, data in found]
    if not incoming:
        return 0, []
    return len(found), add_replies(store, [], today=today, directory=directory or contacts.load(),
                                   incoming=incoming)


def judge_incomplete(store, ref: str, *, today: date) -> None:
    """Before the app writes a follow-up from the checklist: record the last reply as incomplete (the
    checklist says it is), as `ydm requests next` does, so the follow-up can be marked sent and its
    sending restarts the clock. Nothing happens when the request is not simply "answered"."""
    from ydm.tracker.next_step import mark_incomplete_from_check
    from ydm.tracker.views import view

    r = store.get(ref)
    if view(r, today).status == "answered":
        mark_incomplete_from_check(store, r)

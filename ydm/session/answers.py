"""The checks on each answer the patron types in the guided session, and the typed address parsing.

Kept apart from the questions (`session.questions`) because these are the rules, not the wording:
what an answer is kept as, and, when it cannot be kept, an InputError saying what to fix in
everyday words. The text rules themselves (invisible characters, lengths) are `ydm.profile`'s, the
same for every face.
"""

from __future__ import annotations

from typing import Any

from ydm import postcodes, profile
from ydm.errors import InputError
from ydm.model import INITIAL_KINDS
from ydm.session.questions import Question, SessionState
from ydm.session.words import RECIPIENT, ero_words


def check(s: SessionState, q: Question, value: Any) -> Any:
    """The answer as kept, or InputError saying what to change."""
    if q.kind == "choice":
        allowed = [o.value for o in q.options]
        if value not in allowed:
            raise InputError("Please choose one of the options.")
        return value
    if q.kind == "multi":
        chosen = [v for v in (value or ()) if v in {o.value for o in q.options}]
        if not chosen:
            raise InputError("Please choose at least one.")
        if q.id == "kinds":
            return tuple(k.value for k in INITIAL_KINDS if k.value in chosen)
        return tuple(dict.fromkeys(chosen))
    # The same rules as every other face (ydm.profile): invisible characters out, lengths capped.
    multiline = q.id in ("address", "office_address") or q.id.startswith(RECIPIENT)
    text = profile.clean_text(str(value or ""), keep_newlines=multiline)
    text = text if multiline else " ".join(text.split())
    if not text.strip():
        if q.optional:
            return ""
        raise InputError({
            "name": "Please type your name.",
            "postcode": "Please type your postcode, like SW1A 1AA, or type: I don't know.",
            "address": "Please type your address, so the organisations can find you.",
            "office_name": ero_words(s.nation)["empty"],
            "office_address": "Please type the office's address.",
        }.get(q.id, "Please type an answer."))
    if q.id == "postcode":
        if not_known(text):
            return ""  # "I don't know": the session offers to look it up or go on without it
        try:
            return postcodes.normalise(text)
        except InputError:
            raise InputError(f"'{text.strip()}' does not look like a UK postcode. Try something like SW1A 1AA, "
                             "or type: I don't know.") from None
    if q.id == "email":
        try:
            return profile.validate_email(text)
        except InputError:
            raise InputError(f"'{text.strip()}' does not look like an email address, like name@example.org.") from None
    if q.id.startswith(RECIPIENT):
        return _recipient(text)
    if q.id in ("name", "office_name"):
        _fits("name", text)
    if q.id in ("address", "office_address"):
        lines = [" ".join(line.split()) for line in text.replace("\n", ",").split(",")]
        lines = [line for line in lines if line]
        for line in lines:
            _fits("address", line)
        if q.id == "address":
            postcode = s.answers.get("postcode", "")
            lines = [ln for ln in lines if not (postcodes.is_valid(ln) and postcodes.normalise(ln) == postcode)]
            if not lines:
                raise InputError("Please type the street and town as well as the postcode.")
        return ", ".join(lines)
    return text


_NOT_KNOWN = {"i dont know", "dont know", "do not know", "i do not know", "not sure", "im not sure", "unknown",
              "no idea", "idk", "dunno", "skip", "none", "no postcode", "i dont have one", "dont know it",
              "i dont know it", "forgot", "i forget", "i forgot", "i dont remember", "cant remember"}


def not_known(text: str) -> bool:
    """True for "I don't know", "not sure", "?" and the like typed as a postcode."""
    words = " ".join("".join(c for c in text.casefold().replace("’", "'") if c.isalnum() or c == " ").split())
    return text.strip() in {"?", "??", "???"} or words in _NOT_KNOWN


def _recipient(text: str) -> str:
    """An organisation's postal address (two lines or more) and/or one email address, as typed for a
    letter we have no address for; kept as "line, line, email" (see `split_recipient`)."""
    parts = [" ".join(part.split()) for part in text.replace("\n", ",").split(",")]
    parts = [part for part in parts if part]
    emails = [part for part in parts if "@" in part]
    lines = [part for part in parts if "@" not in part]
    if len(emails) > 1:
        raise InputError("Please type one email address (a postal address as well is fine).")
    for email in emails:
        try:
            profile.validate_email(email)
        except InputError:
            raise InputError(f"'{email}' does not look like an email address, like dpo@example.org.") from None
    if len(lines) == 1:
        raise InputError("Please type the whole postal address, with commas between the lines "
                         "(or just an email address).")
    for line in lines:
        _fits("address", line)
    return ", ".join(lines + emails)


def split_recipient(value: str) -> tuple[tuple[str, ...] | None, str | None]:
    """(postal address lines or None, email or None) from a checked RECIPIENT answer: what
    `service.draft_letters` takes as `address_to` and `email_to`, like `ydm letter --address-to/--email-to`."""
    parts = [part.strip() for part in (value or "").split(",") if part.strip()]
    lines = tuple(part for part in parts if "@" not in part)
    emails = [part for part in parts if "@" in part]
    return (lines or None), (emails[0] if emails else None)


def _fits(field: str, text: str) -> None:
    """InputError in the session's plain words when the text is longer than ydm.profile allows."""
    limit = profile.MAX_LENGTH[field]
    if len(text) > limit:
        what = "name" if field == "name" else "line of the address"
        raise InputError(f"That {what} is too long ({len(text)} characters). Please keep it under {limit + 1}.")

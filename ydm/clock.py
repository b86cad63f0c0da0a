"""The one source of "today" and "now" in ydm.

Every date a letter carries, every deadline counted from "today", every cache age and every time of
day shown to the person comes from here, so that `YDM_TODAY=YYYY-MM-DD` fixes the day for every
face (the CLI, the TUI, the guided session and `ydm serve`) and tests can move the clock in one
place. Core functions take `today` (or `now`) as a parameter where a caller may want another day;
when they are not given one they ask this module, never `date.today()` or `time.time()` directly.

`YDM_TODAY` fixes the *date* only: `now()` is that date at the real time of day, so times of day
("sent at 14:05") and cache ages still move forward while the day stays fixed.

Intervals (the guided session's inactivity timeout, the store's busy wait) use `time.monotonic`,
which is not a wall clock and is not affected by the date; they are not read from here.
"""

from __future__ import annotations

import os
import re
import time
from datetime import UTC, date, datetime

from ydm.errors import InputError

ENV = "YDM_TODAY"


def _fixed_date() -> date | None:
    fixed = os.environ.get(ENV)
    if not fixed:
        return None
    try:
        return date.fromisoformat(fixed)
    except ValueError:
        raise InputError(f"{ENV}='{fixed}' is not a date (use YYYY-MM-DD)") from None


def today() -> date:
    """Today's date on this computer (local time), or YDM_TODAY's."""
    return _fixed_date() or date.today()


def local_now() -> datetime:
    """Now, in local time (naive): for times of day shown to the person."""
    real = datetime.now()
    fixed = _fixed_date()
    return real if fixed is None else datetime.combine(fixed, real.time())


def now() -> datetime:
    """Now, as an aware UTC datetime: for Date headers, DTSTAMPs and backup names."""
    if _fixed_date() is None:
        return datetime.now(UTC)
    # The fixed day in local terms, at the real local time of day, expressed in UTC.
    return local_now().astimezone(UTC)


def timestamp() -> float:
    """Seconds since the epoch (as `time.time()`), following YDM_TODAY: for cache ages."""
    if _fixed_date() is None:
        return time.time()
    return now().timestamp()


# --- dates as people type them -----------------------------------------------------------------
# One reader for every date field (a letter's sending day, an event's day, a date of birth), so a form
# that accepts 15/01/2026 in one place accepts it everywhere, and an impossible day is refused with
# its reason ("November has 30 days") rather than "not a date".

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_NUMERIC = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$|^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_WORDS = re.compile(r"^(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$")
DATE_FORMS = "2026-01-15, 15/01/2026 or 15 January 2026"


def parse_date(text: str, *, today_word: date | None = None) -> date:
    """A date typed as 2026-01-15, 15/01/2026 (also 15-01-2026, 15.01.2026: the day first, as in the
    UK), 15 January 2026 or 15 Jan 2026; with `today_word`, also "today". Raises InputError saying why
    not: which month has how many days, that there is no month 13, or the forms it takes."""
    cleaned = " ".join((text or "").strip().lower().split())
    if today_word is not None and cleaned == "today":
        return today_word
    numeric, words = _NUMERIC.match(cleaned), _WORDS.match(cleaned)
    if numeric:
        if numeric.group(1):
            year, month, day = (int(numeric.group(i)) for i in (1, 2, 3))
        else:
            day, month, year = (int(numeric.group(i)) for i in (4, 5, 6))
        if not 1 <= month <= 12:
            swapped = (f" (the day comes first: {month:02d}/{day:02d}/{year})"
                       if not numeric.group(1) and 1 <= day <= 12 < month <= 31 else "")
            raise InputError(f"'{text.strip()}' is not a date: there is no month {month}{swapped}")
    elif words:
        day, name, year = int(words.group(1)), words.group(2), int(words.group(3))
        found = [i for i, m in enumerate(_MONTHS, start=1) if len(name) >= 3 and m.startswith(name)]
        if not found:
            raise InputError(f"'{text.strip()}' is not a date: '{name}' is not a month")
        month = found[0]
    else:
        raise InputError(f"'{text.strip()}' is not a date ydm understands: write it like {DATE_FORMS}")
    if year < 1 or day < 1:
        raise InputError(f"'{text.strip()}' is not a date: there is no day {day}")
    days = ((date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)) - date(year, month, 1)).days
    if day > days:
        which = f"{_MONTHS[month - 1].title()} {year}" if month == 2 else _MONTHS[month - 1].title()
        raise InputError(f"'{text.strip()}' is not a date: {which} has {days} days")
    return date(year, month, day)


def iso_date(text: str, flag: str) -> date:
    """A date given on the command line, YYYY-MM-DD only (scripts rely on one form). When it is not
    one, the error says why, as the app does ("--on '2027-02-30' is not a date: February 2027 has 28
    days"), or, for a day written another way (29/10/2026), the same day as YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        meant = parse_date(text)
    except InputError as exc:
        reason = exc.message.partition("is not a date")[2]
        reason = reason if reason.startswith(":") else ""
        raise InputError(f"{flag} '{text}' is not a date{reason} (use YYYY-MM-DD)") from None
    raise InputError(f"{flag} '{text}' is not a date in the form YYYY-MM-DD: write {meant.isoformat()}")

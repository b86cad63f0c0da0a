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

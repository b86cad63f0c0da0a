"""Today's date, injectable: `YDM_TODAY=YYYY-MM-DD` fixes it (tests, reproducible letters).

Core functions take `today` as a parameter; only the faces call `clock.today()`.
"""

from __future__ import annotations

import os
from datetime import date

from ydm.errors import InputError


def today() -> date:
    fixed = os.environ.get("YDM_TODAY")
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise InputError(f"YDM_TODAY='{fixed}' is not a date (use YYYY-MM-DD)") from None
    return date.today()

"""UK bank holidays per nation, and working-day arithmetic on top of them.

Why this exists: every statutory deadline in ydm ends "on the next working day" when it lands on a
weekend or bank holiday (law.md R7, R8), and the three UK calendars differ (St Andrew's Day,
St Patrick's Day, the Boyne, Scotland's 2 January and World Cup day...).

Where the dates come from, per nation and per year:
1. A GOV.UK list in `ydm.paths.cache_dir() / GOVUK_CACHE_NAME`, written by `ydm holidays update`,
   wins for every year it has at least one event for that division (law.md §7: the GOV.UK source
   file held 2019-2028). GOV.UK is the authority the ICO's "bank holiday" wording points at.
2. Otherwise the offline `holidays` package (`country_holidays("GB", subdiv=...)`). For 2019-2028
   its weekday holidays match GOV.UK exactly (law.md §7). It also lists the actual date of a
   holiday falling on a weekend next to the "(observed)" substitute; we drop weekend dates so that
   `bank_holidays()` looks like GOV.UK's list (weekends are never working days anyway).

A cache file that is unreadable or not GOV.UK-shaped is **ignored with a warning** (see
`calendar_warnings()`), never fatal: it is a cache (safe to delete), the offline data is correct
for the years that matter, and a deadline must still be computable. `load_govuk()` itself is strict
and raises `DataError`, so the writer (`ydm holidays update`) can refuse to save a bad download.

The loaded calendar is cached per process (a deadline computation looks up a few dates; 100,000 of
them must take well under a second). Call `clear_cache()` after writing a new file, and in tests.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from ydm.errors import DataError, InputError
from ydm.model import Nation

GOVUK_CACHE_NAME = "bank-holidays.json"
GOVUK_DIVISIONS: dict[str, Nation] = {
    "england-and-wales": Nation.ENGLAND_AND_WALES,
    "scotland": Nation.SCOTLAND,
    "northern-ireland": Nation.NORTHERN_IRELAND,
}
_SUBDIV = {Nation.ENGLAND_AND_WALES: "ENG", Nation.SCOTLAND: "SCT", Nation.NORTHERN_IRELAND: "NIR"}
SOURCE_GOVUK = "gov.uk"
SOURCE_PACKAGE = "holidays-package"

_ONE_DAY = timedelta(days=1)

# Per-process caches. `_OFF` is the hot path: (calendar nation, year) -> frozenset of holiday dates.
_OFF: dict[tuple[Nation, int], frozenset[date]] = {}
_NAMED: dict[tuple[Nation, int], dict[date, str]] = {}
_GOVUK: dict[Nation, dict[int, dict[date, str]]] | None = None
_WARNINGS: list[str] = []
_NEXT: dict[Nation, dict[date, date]] = {}  # next_working_day memo per calendar
_CALENDAR: dict[Nation | str, Nation] = {n: n.calendar for n in Nation} | {
    n.value: n.calendar for n in Nation
}


def clear_cache() -> None:
    """Forget every loaded calendar, so the next lookup re-reads the GOV.UK file (and YDM_HOME)."""
    global _GOVUK
    _OFF.clear()
    _NAMED.clear()
    _NEXT.clear()
    _GOVUK = None
    _WARNINGS.clear()


def to_nation(nation: Nation | str) -> Nation:
    """A Nation from an enum or its CLI name; an unknown name raises InputError listing the choices."""
    if isinstance(nation, Nation):
        return nation
    try:
        return Nation(str(nation).strip().lower())
    except ValueError:
        choices = ", ".join(n.value for n in Nation)
        raise InputError(f"unknown nation '{nation}' (choose from {choices})") from None


# --------------------------------------------------------------------------------------------
# GOV.UK file
# --------------------------------------------------------------------------------------------


def load_govuk(data: dict) -> dict[Nation, dict[date, str]]:
    """Validate a GOV.UK `bank-holidays.json` object and return {nation: {date: title}}.

    Shape (law.md §7): top keys england-and-wales, scotland, northern-ireland, each
    {"division": <same slug>, "events": [{"title", "date", "notes", "bunting"}]}. Title and an ISO
    date are required; notes (str) and bunting (bool) are checked when present. A substitute day
    keeps its note in the title, e.g. "Boxing Day (Substitute day)".
    Raises DataError naming the first problem.
    """
    if not isinstance(data, dict):
        raise DataError("bank holidays file: expected a JSON object at the top")
    result: dict[Nation, dict[date, str]] = {}
    for slug, nation in GOVUK_DIVISIONS.items():
        division = data.get(slug)
        if not isinstance(division, dict):
            raise DataError(f"bank holidays file: missing or malformed division '{slug}'")
        if division.get("division") != slug:
            raise DataError(
                f"bank holidays file: division '{slug}' has division name {division.get('division')!r}"
            )
        events = division.get("events")
        if not isinstance(events, list):
            raise DataError(f"bank holidays file: division '{slug}' has no events list")
        days: dict[date, str] = {}
        for i, event in enumerate(events):
            where = f"bank holidays file: {slug} event {i + 1}"
            if not isinstance(event, dict):
                raise DataError(f"{where} is not an object")
            title, when = event.get("title"), event.get("date")
            if not isinstance(title, str) or not title.strip():
                raise DataError(f"{where} has no title")
            try:
                day = date.fromisoformat(when) if isinstance(when, str) and len(when) == 10 else None
            except ValueError:
                day = None
            if day is None:
                raise DataError(f"{where} has a bad date {when!r} (expected YYYY-MM-DD)")
            notes = event.get("notes", "")
            if not isinstance(notes, str):
                raise DataError(f"{where} has non-text notes")
            if "bunting" in event and not isinstance(event["bunting"], bool):
                raise DataError(f"{where} has a non-boolean bunting")
            days[day] = f"{title.strip()} ({notes.strip()})" if notes.strip() else title.strip()
        result[nation] = days
    return result


def govuk_cache_path():
    """Where `ydm holidays update` writes the GOV.UK list (under YDM_HOME in tests)."""
    from ydm.paths import cache_dir

    return cache_dir() / GOVUK_CACHE_NAME


def _govuk() -> dict[Nation, dict[int, dict[date, str]]]:
    """The cached GOV.UK list by nation and year; {} when absent or unusable (with a warning)."""
    global _GOVUK
    if _GOVUK is not None:
        return _GOVUK
    _GOVUK = {}
    path = govuk_cache_path()
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return _GOVUK
    except OSError as exc:
        _WARNINGS.append(f"cannot read {path.name} ({exc.strerror}); using the built-in bank holidays")
        return _GOVUK
    try:
        parsed = load_govuk(json.loads(raw))
    except (ValueError, DataError) as exc:  # json.JSONDecodeError is a ValueError
        reason = exc.message if isinstance(exc, DataError) else "not valid JSON"
        _WARNINGS.append(f"ignoring {path} ({reason}); using the built-in bank holidays")
        return _GOVUK
    for nation, days in parsed.items():
        by_year: dict[int, dict[date, str]] = {}
        for day, title in days.items():
            by_year.setdefault(day.year, {})[day] = title
        _GOVUK[nation] = by_year
    return _GOVUK


def calendar_warnings() -> list[str]:
    """Problems met while loading the GOV.UK file (empty when fine or absent). Faces show these."""
    _govuk()
    return list(_WARNINGS)


def holiday_source(nation: Nation | str, year: int) -> str:
    """Which list supplies `year` for `nation`: SOURCE_GOVUK or SOURCE_PACKAGE."""
    cal = to_nation(nation).calendar
    return SOURCE_GOVUK if year in _govuk().get(cal, {}) else SOURCE_PACKAGE


# --------------------------------------------------------------------------------------------
# Lookups
# --------------------------------------------------------------------------------------------


_TABLE: dict | None = None


def _table() -> dict:
    """The shipped snapshot of the package's dates (scripts/build_holiday_table.py), loaded once."""
    global _TABLE
    if _TABLE is None:
        from pathlib import Path

        try:
            _TABLE = json.loads((Path(__file__).with_name("bank_holidays_table.json")).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            _TABLE = {"calendars": {}}
    return _TABLE


def _from_package(cal: Nation, year: int) -> dict[date, str]:
    """The package's dates, from the shipped snapshot when it has the year (saves ~170 ms a process)."""
    snapshot = _table()["calendars"].get(cal.value, {}).get(str(year))
    if snapshot is not None:
        return {date.fromisoformat(d): name for d, name in snapshot.items()}
    return from_package(cal, year)


def from_package(cal: Nation, year: int) -> dict[date, str]:
    """Ask the `holidays` package itself (also used to build and check the shipped snapshot)."""
    import holidays  # local: ~90 ms import, only paid for a year outside the snapshot

    found = holidays.country_holidays("GB", subdiv=_SUBDIV[cal], years=year)
    result = {}
    for day, name in sorted(found.items()):
        if day.weekday() >= 5:
            continue  # the actual date of a weekend holiday; GOV.UK lists only the substitute
        result[day] = name.replace("(observed)", "(substitute day)")
    return result


def bank_holidays(nation: Nation | str, year: int) -> dict[date, str]:
    """{date: name} of the bank holidays of `nation` in `year`, sorted by date (Wales = E&W)."""
    cal = to_nation(nation).calendar
    key = (cal, year)
    named = _NAMED.get(key)
    if named is None:
        govuk_year = _govuk().get(cal, {}).get(year)
        named = dict(sorted(govuk_year.items())) if govuk_year is not None else _from_package(cal, year)
        _NAMED[key] = named
        _OFF[key] = frozenset(named)
    return dict(named)


def _off(cal: Nation, year: int) -> frozenset[date]:
    days = _OFF.get((cal, year))
    if days is None:
        bank_holidays(cal, year)
        days = _OFF[(cal, year)]
    return days


def holiday_name(d: date, nation: Nation | str) -> str | None:
    """The bank holiday on `d`, or None."""
    cal = to_nation(nation).calendar
    _off(cal, d.year)
    return _NAMED[(cal, d.year)].get(d)


def is_working_day(d: date, nation: Nation | str) -> bool:
    """Monday to Friday and not a bank holiday in `nation` (law.md R7; Reg 1182/71 Art 3(4))."""
    if d.weekday() >= 5:
        return False
    cal = _CALENDAR.get(nation) or to_nation(nation).calendar  # type: ignore[arg-type]
    days = _OFF.get((cal, d.year))
    if days is None:
        days = _off(cal, d.year)
    return d not in days


def next_working_day(d: date, nation: Nation | str) -> date:
    """`d` itself if it is a working day, else the first working day after it.

    This is the "moves to the next working day" roll of law.md R7, so a working day stays put.
    Memoised per calendar (a few thousand dates at most): it is the hot path of every deadline.
    """
    cal = _CALENDAR.get(nation) or to_nation(nation).calendar  # type: ignore[arg-type]
    memo = _NEXT.get(cal)
    if memo is None:
        memo = _NEXT[cal] = {}
    found = memo.get(d)
    if found is None:
        found = d
        while not is_working_day(found, cal):
            found += _ONE_DAY
        memo[d] = found
    return found


def add_working_days(d: date, n: int, nation: Nation | str) -> date:
    """The `n`th working day after `d` (`d` itself not counted); n=0 gives `d` unchanged.

    Used for deemed receipt by post ("the second working day after posting"). Negative `n` counts
    backwards.
    """
    step = _ONE_DAY if n >= 0 else -_ONE_DAY
    remaining = abs(n)
    while remaining:
        d += step
        if is_working_day(d, nation):
            remaining -= 1
    return d

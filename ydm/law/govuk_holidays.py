"""Refresh UK bank holidays from GOV.UK (`ydm holidays update`) and describe what is in use.

GOV.UK publishes one JSON file for the three calendars (law.md §7). We download it, validate it with
`holidays_uk.load_govuk` (strict: a wrong shape raises DataError), and only then replace
cache_dir()/bank-holidays.json atomically, so a bad or partial download never overwrites a good file.
`holidays_uk` reads that file and falls back to the offline `holidays` package for other years.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from ydm.adapters.http import HttpClient, base_url
from ydm.errors import DataError, OutputError
from ydm.law import holidays_uk
from ydm.law.holidays_uk import clear_cache, govuk_cache_path, load_govuk


@dataclass(frozen=True)
class CalendarFile:
    """What a GOV.UK file on disk (or just downloaded) holds."""

    path: Path
    saved: datetime  # when it was written (file time, UTC)
    first_year: int
    last_year: int
    events: int  # across the three divisions

    def as_dict(self) -> dict:
        return {
            "path": str(self.path),
            "saved": self.saved.isoformat(timespec="seconds"),
            "years": [self.first_year, self.last_year],
            "events": self.events,
        }


def url() -> str:
    return base_url("govuk-holidays")


def _summary(path: Path, parsed: dict) -> CalendarFile:
    days = [d for by_date in parsed.values() for d in by_date]
    years = [d.year for d in days] or [0]
    saved = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return CalendarFile(path, saved, min(years), max(years), len(days))


def validate(data) -> dict:
    """{nation: {date: title}} for a GOV.UK-shaped object; DataError with the first problem otherwise."""
    parsed = load_govuk(data)
    if not any(parsed.values()):
        raise DataError("bank holidays file: no events in any division")
    return parsed


def update(client=None) -> CalendarFile:
    """Download, validate and save the GOV.UK list; returns what was saved.

    Raises NetworkError (offline, timeout, HTTP error, not JSON) or DataError (wrong shape): in both
    cases the file already on disk is left exactly as it was.
    """
    own_client = client is None
    client = client or HttpClient()
    try:
        answer = client.get_json(url(), what="the GOV.UK bank holidays")  # never cached: always fresh
    finally:
        if own_client:
            client.close()
    try:
        parsed = validate(answer.data)
    except DataError as exc:
        raise DataError(f"GOV.UK sent a list ydm cannot use, nothing was changed ({exc.message})") from None
    path = govuk_cache_path()
    _atomic_write_json(path, answer.data)
    clear_cache()
    return _summary(path, parsed)


def _atomic_write_json(path: Path, data) -> None:
    tmp = None
    try:
        from ydm.fileio import private_dir  # 0700 whatever the umask (issue 18 item 9)

        private_dir(path.parent)
        fd, tmp = tempfile.mkstemp(prefix=".bank-holidays.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def cached() -> CalendarFile | None:
    """The saved GOV.UK file, or None when there is none or it cannot be used."""
    path = govuk_cache_path()
    try:
        parsed = validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, DataError):
        return None
    return _summary(path, parsed)


@dataclass(frozen=True)
class HolidayList:
    nation: str
    year: int
    source: str  # "gov.uk" or "holidays-package"
    source_text: str  # for people: "GOV.UK list downloaded 2026-11-26" / "the offline 'holidays' package"
    days: tuple[tuple[date, str], ...]
    warnings: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {
            "nation": self.nation,
            "year": self.year,
            "source": self.source,
            "source_text": self.source_text,
            "holidays": [{"date": d.isoformat(), "title": t} for d, t in self.days],
            "warnings": list(self.warnings),
        }


def list_holidays(nation: str, year: int) -> HolidayList:
    """The bank holidays for one nation and year, saying which list they came from."""
    cal = holidays_uk.to_nation(nation)
    days = tuple(sorted(holidays_uk.bank_holidays(cal, year).items()))
    source = holidays_uk.holiday_source(cal, year)
    if source == holidays_uk.SOURCE_GOVUK:
        info = cached()
        when = info.saved.date().isoformat() if info else "earlier"
        text = f"GOV.UK list downloaded {when}"
    else:
        text = "the offline 'holidays' package (run 'ydm holidays update' for GOV.UK's list)"
    return HolidayList(cal.value, year, source, text, days, tuple(holidays_uk.calendar_warnings()))


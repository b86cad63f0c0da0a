"""Bank holidays per nation: the offline package, the GOV.UK file's precedence, working-day sums."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest

from ydm.errors import DataError, InputError
from ydm.law import holidays_uk
from ydm.law.deadlines import compute_deadline
from ydm.model import Nation

D = date
EW, SC, NI, WA = Nation.ENGLAND_AND_WALES, Nation.SCOTLAND, Nation.NORTHERN_IRELAND, Nation.WALES


@pytest.fixture(autouse=True)
def _fresh_calendar():
    holidays_uk.clear_cache()
    yield
    holidays_uk.clear_cache()


def _ds(*iso):
    return {date.fromisoformat(x) for x in iso}


# law.md §7, dates from GOV.UK's own source file (GOVUK-BH).
EXPECTED = {
    (EW, 2026): _ds("2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31",
                    "2026-12-25", "2026-12-28"),
    (EW, 2027): _ds("2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30",
                    "2027-12-27", "2027-12-28"),
    (SC, 2026): _ds("2026-01-01", "2026-01-02", "2026-04-03", "2026-05-04", "2026-05-25", "2026-06-15",
                    "2026-08-03", "2026-11-30", "2026-12-25", "2026-12-28"),
    (SC, 2027): _ds("2027-01-01", "2027-01-04", "2027-03-26", "2027-05-03", "2027-05-31", "2027-08-02",
                    "2027-11-30", "2027-12-27", "2027-12-28"),
    (NI, 2026): _ds("2026-01-01", "2026-03-17", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25",
                    "2026-07-13", "2026-08-31", "2026-12-25", "2026-12-28"),
}  # fmt: skip


@pytest.mark.parametrize(("nation", "year"), list(EXPECTED))
def test_offline_dates_match_govuk(nation, year):
    assert set(holidays_uk.bank_holidays(nation, year)) == EXPECTED[(nation, year)]
    assert holidays_uk.holiday_source(nation, year) == holidays_uk.SOURCE_PACKAGE


def test_wales_is_england_and_wales_and_names_read_well():
    assert holidays_uk.bank_holidays(WA, 2026) == holidays_uk.bank_holidays("england-and-wales", 2026)
    assert holidays_uk.bank_holidays(EW, 2026)[D(2026, 12, 28)] == "Boxing Day (substitute day)"
    assert D(2026, 12, 26) not in holidays_uk.bank_holidays(
        EW, 2026
    )  # a Saturday: GOV.UK lists the substitute only


def test_working_day_arithmetic():
    assert not holidays_uk.is_working_day(D(2026, 11, 30), SC)  # St Andrew's Day
    assert holidays_uk.is_working_day(D(2026, 11, 30), "england-and-wales")
    assert not holidays_uk.is_working_day(D(2026, 11, 28), EW)  # Saturday
    assert holidays_uk.next_working_day(D(2026, 12, 25), EW) == D(2026, 12, 29)
    assert holidays_uk.next_working_day(D(2026, 12, 29), EW) == D(2026, 12, 29)  # a working day stays
    assert holidays_uk.add_working_days(D(2026, 12, 24), 1, EW) == D(2026, 12, 29)
    assert holidays_uk.add_working_days(D(2026, 12, 24), 0, EW) == D(2026, 12, 24)
    assert holidays_uk.add_working_days(D(2026, 12, 29), -1, EW) == D(2026, 12, 24)
    assert holidays_uk.add_working_days(D(2026, 12, 31), 1, SC) == D(2027, 1, 5)  # 1 Jan, weekend, 4 Jan
    assert holidays_uk.holiday_name(D(2026, 3, 17), NI) == "Saint Patrick's Day"
    assert holidays_uk.holiday_name(D(2026, 3, 17), EW) is None


def test_unknown_nation():
    with pytest.raises(InputError, match="unknown nation 'mercia'"):
        holidays_uk.is_working_day(D(2026, 3, 16), "mercia")


# ---- GOV.UK file ---------------------------------------------------------------------------


def _event(title, day, notes=""):
    return {"title": title, "date": day, "notes": notes, "bunting": True}


def govuk_sample(fictional: str | None = "2026-12-02") -> dict:
    """A small, valid GOV.UK-shaped file covering 2026 only, with a fictional one-off E&W holiday."""
    ew = [_event("Christmas Day", "2026-12-25"), _event("Boxing Day", "2026-12-28", "Substitute day")]
    if fictional:
        ew.append(_event("Fictional Jubilee", fictional))
    return {
        "england-and-wales": {"division": "england-and-wales", "events": ew},
        "scotland": {"division": "scotland", "events": [_event("St Andrew's Day", "2026-11-30")]},
        "northern-ireland": {
            "division": "northern-ireland",
            "events": [_event("Christmas Day", "2026-12-25")],
        },
    }


def _write(home, data) -> None:
    path = home / "cache" / holidays_uk.GOVUK_CACHE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    holidays_uk.clear_cache()


def test_load_govuk_valid():
    got = holidays_uk.load_govuk(govuk_sample())
    assert set(got) == {EW, SC, NI}
    assert got[EW][D(2026, 12, 2)] == "Fictional Jubilee"
    assert got[EW][D(2026, 12, 28)] == "Boxing Day (Substitute day)"


def _broken(mutate):
    data = copy.deepcopy(govuk_sample())
    mutate(data)
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "expected a JSON object"),
        (_broken(lambda d: d.pop("scotland")), "missing or malformed division 'scotland'"),
        (_broken(lambda d: d["scotland"].update(division="alba")), "division name 'alba'"),
        (_broken(lambda d: d["northern-ireland"].pop("events")), "no events list"),
        (_broken(lambda d: d["england-and-wales"]["events"].append("x")), "is not an object"),
        (_broken(lambda d: d["england-and-wales"]["events"][0].update(date="25/12/2026")), "bad date"),
        (_broken(lambda d: d["england-and-wales"]["events"][0].update(date="2026-02-30")), "bad date"),
        (_broken(lambda d: d["england-and-wales"]["events"][0].update(title="")), "has no title"),
        (_broken(lambda d: d["england-and-wales"]["events"][0].update(notes=3)), "non-text notes"),
        (_broken(lambda d: d["england-and-wales"]["events"][0].update(bunting="yes")), "non-boolean bunting"),
    ],
)
def test_load_govuk_rejects_bad_shapes(data, message):
    with pytest.raises(DataError, match=message):
        holidays_uk.load_govuk(data)


def test_govuk_file_wins_for_the_years_it_covers(isolated_home):
    assert compute_deadline("access", D(2026, 11, 2)).due == D(2026, 12, 2)
    _write(isolated_home, govuk_sample())
    dl = compute_deadline("access", D(2026, 11, 2))
    assert dl.due == D(2026, 12, 3)  # the fictional one-off holiday moved it
    assert "Fictional Jubilee" in dl.steps[-1]
    assert holidays_uk.holiday_source(EW, 2026) == holidays_uk.SOURCE_GOVUK
    assert holidays_uk.holiday_source(WA, 2026) == holidays_uk.SOURCE_GOVUK
    # only the file's dates for 2026: Easter Monday is not in the sample, so it is a working day now
    assert holidays_uk.is_working_day(D(2026, 4, 6), EW)
    # 2027 is not in the file: the offline package still supplies it
    assert holidays_uk.holiday_source(EW, 2027) == holidays_uk.SOURCE_PACKAGE
    assert not holidays_uk.is_working_day(D(2027, 3, 29), EW)  # Easter Monday 2027
    assert holidays_uk.calendar_warnings() == []


def test_cache_is_per_process_until_cleared(isolated_home):
    assert holidays_uk.is_working_day(D(2026, 12, 2), EW)
    path = isolated_home / "cache" / holidays_uk.GOVUK_CACHE_NAME
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(govuk_sample()), encoding="utf-8")
    assert holidays_uk.is_working_day(D(2026, 12, 2), EW)  # cached: not re-read
    holidays_uk.clear_cache()
    assert not holidays_uk.is_working_day(D(2026, 12, 2), EW)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "not valid JSON"),
        (json.dumps({"england-and-wales": {}}), "division 'england-and-wales' has division name None"),
        (json.dumps(_broken(lambda d: d["scotland"]["events"][0].update(date="soon"))), "bad date"),
    ],
)
def test_malformed_file_falls_back_with_a_warning(isolated_home, content, reason):
    _write(isolated_home, content)
    assert compute_deadline("access", D(2026, 10, 30), nation=SC).due == D(2026, 12, 1)  # package data
    warnings = holidays_uk.calendar_warnings()
    assert len(warnings) == 1
    assert reason in warnings[0] and "using the built-in bank holidays" in warnings[0]
    assert holidays_uk.holiday_source(SC, 2026) == holidays_uk.SOURCE_PACKAGE


def test_shipped_snapshot_matches_the_holidays_package():
    """The table that saves the package import must say exactly what the package says."""
    from ydm.law.holidays_uk import _SUBDIV, _table, from_package

    table = _table()
    first, last = table["years"]
    assert first <= 2026 < 2030 <= last
    for cal in _SUBDIV:
        for year in range(first, last + 1):
            expected = {d.isoformat(): name for d, name in from_package(cal, year).items()}
            assert table["calendars"][cal.value][str(year)] == expected, (cal, year)


def test_deadline_path_does_not_import_the_holidays_package():
    import subprocess
    import sys

    code = ("from datetime import date\nfrom ydm.law import deadlines\n"
            "deadlines.compute_deadline('access', date(2026, 11, 25), nation='scotland')\n"
            "import sys; print('holidays' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0 and done.stdout.strip() == "False", done.stderr

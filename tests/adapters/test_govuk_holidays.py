"""`ydm holidays update` core: download GOV.UK's list from a local server, validate, save atomically."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.adapters import samples
from tests.adapters.conftest import Reply
from ydm.errors import DataError, NetworkError
from ydm.law import govuk_holidays, holidays_uk

pytestmark = pytest.mark.usefixtures("clean_holidays")


def saved_path():
    return holidays_uk.govuk_cache_path()


def test_update_saves_and_holidays_use_it(api_server):
    api_server.route("/bank-holidays.json", Reply(200, samples.govuk_holidays("Early May (from GOV.UK)")))
    info = govuk_holidays.update()
    assert info.path == saved_path() and (info.first_year, info.last_year) == (2027, 2027)
    assert info.events == 9
    assert json.loads(saved_path().read_text()) == samples.govuk_holidays("Early May (from GOV.UK)")
    assert holidays_uk.bank_holidays("england-and-wales", 2027)[date(2027, 5, 3)] == "Early May (from GOV.UK)"
    listing = govuk_holidays.list_holidays("wales", 2027)
    assert listing.source == "gov.uk" and listing.source_text.startswith("GOV.UK list downloaded ")
    assert listing.nation == "wales" and (date(2027, 5, 3), "Early May (from GOV.UK)") in listing.days
    assert govuk_holidays.cached().events == 9
    assert api_server.seen[0].path == "/bank-holidays.json" and api_server.seen[0].query == {}


def test_other_years_still_come_from_the_package(api_server):
    api_server.route("/bank-holidays.json", Reply(200, samples.govuk_holidays()))
    govuk_holidays.update()
    listing = govuk_holidays.list_holidays("scotland", 2026)
    assert listing.source == "holidays-package" and "holidays" in listing.source_text
    assert date(2026, 6, 15) in dict(listing.days)  # Scotland's World Cup holiday (law.md §7)


def good_file():
    path = saved_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(samples.govuk_holidays("Old but good")))
    return path.read_bytes()


@pytest.mark.parametrize("body", [
    {"england-and-wales": {"division": "england-and-wales", "events": []}},  # divisions missing
    dict(samples.govuk_holidays(), scotland={"division": "scotland", "events": [{"title": "X", "date": "1 Jan"}]}),
    [1, 2, 3],
])
def test_malformed_shape_changes_nothing(api_server, body):
    before = good_file()
    api_server.route("/bank-holidays.json", Reply(200, body))
    with pytest.raises(DataError) as err:
        govuk_holidays.update()
    assert str(err.value).startswith("GOV.UK sent a list ydm cannot use, nothing was changed")
    assert saved_path().read_bytes() == before
    assert [p.name for p in saved_path().parent.iterdir()] == [saved_path().name]


def test_empty_lists_are_refused(api_server):
    empty = {k: {"division": k, "events": []} for k in ("england-and-wales", "scotland", "northern-ireland")}
    api_server.route("/bank-holidays.json", Reply(200, empty))
    with pytest.raises(DataError):
        govuk_holidays.update()
    assert not saved_path().exists()


def test_not_json_changes_nothing(api_server):
    before = good_file()
    api_server.route("/bank-holidays.json", Reply(200, "<html>maintenance</html>"))
    with pytest.raises(NetworkError):
        govuk_holidays.update()
    assert saved_path().read_bytes() == before


def test_server_down_changes_nothing(dead_url):
    before = good_file()
    with pytest.raises(NetworkError) as err:
        govuk_holidays.update()
    assert "GOV.UK bank holidays" in str(err.value)
    assert saved_path().read_bytes() == before


def test_update_is_never_served_from_cache(api_server):
    api_server.route("/bank-holidays.json", Reply(200, samples.govuk_holidays()))
    govuk_holidays.update()
    govuk_holidays.update()
    assert len(api_server.seen) == 2


def test_without_a_file_the_package_is_used():
    assert govuk_holidays.cached() is None
    listing = govuk_holidays.list_holidays("northern-ireland", 2026)
    assert listing.source == "holidays-package"
    assert date(2026, 3, 17) in dict(listing.days)
    assert listing.as_dict()["holidays"][0]["date"] == "2026-01-01"


def test_default_url_is_govuk(monkeypatch):
    monkeypatch.delenv("YDM_GOVUK_HOLIDAYS_URL", raising=False)
    assert govuk_holidays.url() == "https://www.gov.uk/bank-holidays.json"

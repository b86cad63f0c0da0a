"""Answers shaped like the Democracy Club / Electoral Commission APIs (law.md §6; the aggregator-api
docs `finder_endpoints.apibp`, `finder_data_structures.apibp`, `sandbox.apibp`) and GOV.UK's
bank-holidays.json (law.md §7). Addresses are illustrative test data."""

from __future__ import annotations

import copy

CARDIFF_ES = {
    "council_id": "CRF",
    "name": "Cardiff Council",
    "nation": "Wales",
    "address": "Electoral Registration Officer\nCity of Cardiff Council\nCounty Hall Atlantic Wharf",
    "postcode": "CF10 4UW",
    "email": "electoralservices@cardiff.gov.uk",
    "phone": "029 2087 2034",
    "website": "http://www.cardiff.gov.uk/",
    "identifiers": ["W06000015"],
}

# "No upcoming ballots" (address_picker false, dates empty), registration same as electoral services.
CARDIFF = {
    "address_picker": False,
    "addresses": [],
    "dates": [],
    "electoral_services": CARDIFF_ES,
    "registration": {k: CARDIFF_ES[k] for k in ("address", "postcode", "email", "phone", "website")},
    "postcode_location": {
        "type": "Feature",
        "properties": None,
        "geometry": {"type": "Point", "coordinates": [-3.1137973461538473, 51.52117513846153]},
    },
}

# Results found, with a ballot and candidates (the sort of personal-ish data we must not cache).
CARDIFF_WITH_BALLOT = copy.deepcopy(CARDIFF)
CARDIFF_WITH_BALLOT["dates"] = [
    {
        "date": "2027-05-06",
        "polling_station": {"polling_station_known": True, "custom_finder": None, "station": None},
        "notifications": [],
        "ballots": [
            {
                "ballot_paper_id": "local.cardiff.pontprennauold-st-mellons.2027-05-06",
                "ballot_title": "Cardiff local election Pontprennau/Old St. Mellons",
                "candidates": [{"person": {"ynr_id": 23417, "name": "Candidate Example"}}],
            }
        ],
    }
]

# Registration is not the council's job (Scotland): the sandbox EH11YJ case.
EDINBURGH = {
    "address_picker": False,
    "addresses": [],
    "dates": [],
    "electoral_services": {
        "council_id": "EDH",
        "name": "City of Edinburgh Council",
        "nation": "Scotland",
        "address": "Elections Office\nCity Chambers\n249 High Street\nEdinburgh",
        "postcode": "EH1 1YJ",
        "email": "elections@edinburgh.gov.uk",
        "phone": "0131 469 3525",
        "website": "http://www.edinburgh.gov.uk/",
        "identifiers": ["S12000036"],
    },
    "registration": {
        "address": "Lothian Valuation Joint Board\n17A South Gyle Crescent\nEdinburgh",
        "postcode": "EH12 9FL",
        "email": "ero@lothian-vjb.gov.uk",
        "phone": "0131 344 2500",
        "website": "https://www.saa.gov.uk/lothian-vjb/",
    },
    "postcode_location": None,
}

# Only electoral services known (registration null: use electoral services).
NO_REGISTRATION = copy.deepcopy(CARDIFF)
NO_REGISTRATION["registration"] = None

# A postcode split between councils: the address picker, no contact until an address is chosen.
SPLIT = {
    "address_picker": True,
    "addresses": [
        {
            "address": "1 Example Road, Coseley, Bilston",
            "postcode": "WV14 8TU",
            "slug": "10035187881",
            "url": "http://developers.democracyclub.org.uk/api/v1/address/10035187881",
        },
        {
            "address": "2 Example Road, Coseley, Bilston",
            "postcode": "WV14 8TU",
            "slug": "10035187882",
            "url": "http://developers.democracyclub.org.uk/api/v1/address/10035187882",
        },
    ],
    "dates": [],
    "electoral_services": None,
    "registration": None,
    "postcode_location": None,
}

DUDLEY = {
    "address_picker": False,
    "addresses": [],
    "dates": [],
    "electoral_services": {
        "council_id": "DUD",
        "name": "Dudley Metropolitan Borough Council",
        "nation": "England",
        "address": "Electoral Services\nThe Council House\nPriory Road\nDudley",
        "postcode": "DY1 1HF",
        "email": "electoral.services@dudley.gov.uk",
        "phone": "0300 555 2345",
        "website": "https://www.dudley.gov.uk/",
    },
    "registration": None,
    "postcode_location": None,
}

NORTHERN_IRELAND = {
    "address_picker": False,
    "addresses": [],
    "dates": [],
    "electoral_services": {
        "council_id": "ABC",
        "name": "Armagh City, Banbridge and Craigavon Borough Council",
        "nation": "Northern Ireland",
        "address": "Somewhere",
        "postcode": "",
        "email": "",
        "phone": "",
        "website": "",
    },
    "registration": None,
}

NOT_FOUND = {"detail": "Could not geocode from any source"}


def govuk_holidays(extra_title: str = "Early May bank holiday") -> dict:
    """A small but complete GOV.UK bank-holidays.json (three divisions, the real shape)."""

    def events(*rows):
        return [{"title": t, "date": d, "notes": n, "bunting": b} for t, d, n, b in rows]

    return {
        "england-and-wales": {
            "division": "england-and-wales",
            "events": events(
                ("New Year’s Day", "2027-01-01", "", True),
                (extra_title, "2027-05-03", "", True),
                ("Christmas Day", "2027-12-27", "Substitute day", True),
            ),
        },
        "scotland": {
            "division": "scotland",
            "events": events(
                ("New Year’s Day", "2027-01-01", "", True),
                ("2nd January", "2027-01-04", "Substitute day", True),
                ("St Andrew’s Day", "2027-11-30", "", True),
            ),
        },
        "northern-ireland": {
            "division": "northern-ireland",
            "events": events(
                ("New Year’s Day", "2027-01-01", "", True),
                ("St Patrick’s Day", "2027-03-17", "", True),
                ("Battle of the Boyne (Orangemen’s Day)", "2027-07-12", "", False),
            ),
        },
    }

"""Which nation a town named in the patron's address is in, for a check against their postcode.

A valid postcode from the wrong nation (GU2 1DY typed with a Glasgow address) silently switched the
party list to England. The postcode decides the nation; this only lets the session notice when the
address plainly says otherwise, and ask. So the table is short and honest: cities and large towns
whose name belongs to one nation of the UK only (no Newport, Bangor, Newcastle or Richmond, which
are found in two), matched on a whole line of the address. A town not listed says nothing.
"""

from __future__ import annotations

import re

_TOWNS = {
    "scotland": (
        "Aberdeen", "Airdrie", "Ayr", "Coatbridge", "Cumbernauld", "Dumfries", "Dundee", "Dunfermline",
        "East Kilbride", "Edinburgh", "Elgin", "Falkirk", "Fort William", "Glasgow", "Glenrothes", "Greenock",
        "Hamilton", "Inverness", "Kilmarnock", "Kirkcaldy", "Kirkwall", "Lerwick", "Livingston", "Motherwell",
        "Oban", "Paisley", "Perth", "St Andrews", "Stirling", "Stornoway",
    ),
    "wales": (
        "Aberystwyth", "Abertawe", "Abergavenny", "Brecon", "Bridgend", "Caerdydd", "Caerffili", "Caernarfon",
        "Caerphilly", "Cardiff", "Carmarthen", "Cwmbran", "Haverfordwest", "Holyhead", "Llandudno", "Llanelli",
        "Merthyr Tydfil", "Monmouth", "Neath", "Pontypridd", "Port Talbot", "Rhyl", "Swansea", "Wrecsam",
        "Wrexham",
    ),
    "northern-ireland": (
        "Armagh", "Ballymena", "Banbridge", "Belfast", "Carrickfergus", "Coleraine", "Cookstown", "Craigavon",
        "Derry", "Dungannon", "Enniskillen", "Larne", "Limavady", "Lisburn", "Londonderry", "Lurgan", "Newry",
        "Newtownabbey", "Omagh", "Portadown", "Strabane",
    ),
    "england": (
        "Birmingham", "Bradford", "Brighton", "Bristol", "Cambridge", "Carlisle", "Coventry", "Derby", "Exeter",
        "Gloucester", "Guildford", "Hereford", "Hull", "Leeds", "Leicester", "Liverpool", "London", "Manchester",
        "Newcastle upon Tyne", "Norwich", "Nottingham", "Oxford", "Plymouth", "Portsmouth", "Reading",
        "Sheffield", "Shrewsbury", "Southampton", "Stoke-on-Trent", "Sunderland", "Wolverhampton", "York",
    ),
}
TOWN_NATIONS = {town.casefold(): nation for nation, towns in _TOWNS.items() for town in towns}
_TRAILING_POSTCODE = re.compile(r"\s+[A-Z]{1,2}[0-9][0-9A-Z]?\s*[0-9][A-Z]{2}$", re.IGNORECASE)


def nation_of_address(address: str) -> tuple[str, str] | None:
    """(the town as typed, its nation) for the last line of the address that is a listed town, or None."""
    found = None
    for line in address.replace("\n", ",").split(","):
        town = _TRAILING_POSTCODE.sub("", " ".join(line.split()))
        nation = TOWN_NATIONS.get(town.casefold())
        if nation:
            found = (town, nation)
    return found

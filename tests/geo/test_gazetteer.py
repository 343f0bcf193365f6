"""Lookups in a (synthetic) gazetteer: exact Arabic/Latin, transliteration, helpers."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from workbench.errors import GazetteerError
from workbench.geo.gazetteer import Gazetteer


def test_constructor_is_cheap_and_queries_need_open(tmp_path) -> None:
    gaz = Gazetteer(tmp_path / "not-built.sqlite")  # no I/O, no error
    with pytest.raises(GazetteerError, match="open"):
        gaz.get(1)


def test_exact_arabic_lookup_finds_city_and_region(tiny_gazetteer: Gazetteer) -> None:
    hits = tiny_gazetteer.lookup("كورسك")
    assert {(e.name, e.kind) for e in hits} == {("Kursk", "city"), ("Kursk Oblast", "region")}
    # Diacritics and hamza forms do not matter.
    assert tiny_gazetteer.lookup("كُورْسْك") == hits


def test_exact_latin_lookup_ignores_case_accents_and_apostrophes(tiny_gazetteer) -> None:
    names = {(e.name, e.country_code) for e in tiny_gazetteer.lookup_latin("MARINO")}
    assert names == {("Marino", "IT"), ("Mar’ino", "RU"), ("Pristen’", "RU")}
    assert [e.name for e in tiny_gazetteer.lookup("ryl'sk")] == ["Ryl’sk"]


def test_candidates_reach_latin_names_through_transliteration(tiny_gazetteer) -> None:
    cands = tiny_gazetteer.candidates("غلوشكوفو")
    assert cands[0].entry.name == "Glushkovo"
    assert cands[0].match == "transliteration"
    assert cands[0].features["similarity"] > 0.9


def test_historical_names_are_flagged(tiny_gazetteer) -> None:
    by_id = {c.entry.geonameid: c for c in tiny_gazetteer.candidates("مارينو")}
    assert by_id[505154].features["historical"] == 1.0  # Pristen’, once Mar’ino
    assert by_id[529237].features["historical"] == 0.0  # Mar’ino (Марьино), Moscow
    assert by_id[505154].score < by_id[529237].score


def test_region_core_names_and_spelling_variants(tiny_gazetteer) -> None:
    assert tiny_gazetteer.candidates("منطقة كورسك")[0].entry.name in ("Kursk", "Kursk Oblast")
    kharkiv = [c for c in tiny_gazetteer.candidates("خاركيف") if c.entry.geonameid == 706483]
    assert kharkiv and kharkiv[0].match in ("fuzzy", "transliteration")


def test_foreign_letter_forms_are_folded(tiny_gazetteer) -> None:
    # ڤالينسيا is stored for Valencia (Spain); فالينسيا finds it.
    assert 2509954 in {e.geonameid for e in tiny_gazetteer.lookup("فالينسيا")}


def test_countries_admin1_and_get(tiny_gazetteer) -> None:
    codes = [c.country_code for c in tiny_gazetteer.countries()]
    assert codes == sorted(codes) and "RU" in codes
    oblast = tiny_gazetteer.admin1_for("RU", "41")
    assert oblast is not None and oblast.name == "Kursk Oblast" and 80 < oblast.radius_km < 120
    assert tiny_gazetteer.admin1_for("RU", "") is None
    assert tiny_gazetteer.get(538560).name == "Kursk"
    assert tiny_gazetteer.get(-999999) is None
    assert tiny_gazetteer.country("ru").name == "Russia"


def test_arabic_names_for_the_ruler(tiny_gazetteer) -> None:
    names = dict(tiny_gazetteer.arabic_names())
    assert names["كورسك"] == "region"  # the most prominent reading wins
    assert names["الكويت"] == "country"
    assert names["روسيا"] == "country"
    small = dict(tiny_gazetteer.arabic_names(min_population=100_000))
    assert "فالنسيا" not in small  # Valencia, New Mexico (2,192)
    assert len(names) == len(set(names))


def test_reads_from_several_threads(tiny_gazetteer) -> None:
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda n: len(tiny_gazetteer.lookup(n)), ["كورسك"] * 16))
    assert results == [2] * 16


def test_metadata(tiny_gazetteer) -> None:
    meta = tiny_gazetteer.metadata()
    assert {"schema_version", "built_at", "build_seconds", "count_country"} <= set(meta)

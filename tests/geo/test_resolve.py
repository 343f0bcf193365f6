"""resolve_places on the synthetic world: the Kursk article, namesakes, fallbacks, failures."""

from __future__ import annotations

import json

import pytest
from geo_helpers import KURSK_CITY, KURSK_OBLAST, SEED_NAMES, check_seed_article, spans

from workbench.geo.frames import places_to_geodataframe
from workbench.geo.gazetteer import Gazetteer
from workbench.geo.model import ResolvedPlace
from workbench.geo.resolve import resolve_places


def resolve(gaz: Gazetteer, text: str, *names: str, **kw) -> list[ResolvedPlace]:
    return resolve_places(text, spans(text, *names), gaz, **kw)


def one(gaz: Gazetteer, text: str, name: str, **kw) -> ResolvedPlace:
    (place,) = resolve(gaz, text, name, **kw)
    return place


def test_seed_article(tiny_gazetteer: Gazetteer, seed_text: str) -> None:
    check_seed_article(resolve(tiny_gazetteer, seed_text, *SEED_NAMES))


def test_marino_sentence_without_the_article(tiny_gazetteer: Gazetteer) -> None:
    text = "استهدفت الصواريخ مقر قيادة في قرية مارينو في كورسك يوم الأربعاء."
    marino, kursk = resolve(tiny_gazetteer, text, "مارينو", "كورسك")
    assert marino.entry.geonameid == KURSK_OBLAST and marino.precision == "region"
    # Mar’ino (Moscow) and Marino (Rome) are listed as rejected candidates, not chosen.
    assert {c.entry.geonameid for c in marino.candidates} & {529237, 3173914, 505154}
    assert "Pristen’" in marino.reason or "outside" in marino.reason
    assert kursk.entry.geonameid in (KURSK_CITY, KURSK_OBLAST)


def test_villages_found_by_transliteration_inherit_coordinated_containers(tiny_gazetteer) -> None:
    text = "تقدمت القوات الأوكرانية نحو غلوشكوفو وسودجا في منطقة كورسك."
    glushkovo, sudzha, kursk = resolve(tiny_gazetteer, text, "غلوشكوفو", "سودجا", "كورسك")
    assert (glushkovo.entry.name, sudzha.entry.name) == ("Glushkovo", "Sudzha")
    assert glushkovo.precision == sudzha.precision == "exact"
    assert kursk.entry.geonameid == KURSK_OBLAST
    assert [c.match for c in glushkovo.candidates][:1] == ["transliteration"]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("وصل الفريق إلى فالنسيا الفنزويلية أمس.", "VE"),
        ("وصل الفريق إلى فالنسيا الإسبانية أمس.", "ES"),
        ("اشتباكات عنيفة في طرابلس اللبنانية.", "LB"),
        ("اشتباكات عنيفة في طرابلس الليبية.", "LY"),
    ],
)
def test_country_adjective_picks_the_namesake(tiny_gazetteer, text: str, country: str) -> None:
    name = "فالنسيا" if "فالنسيا" in text else "طرابلس"
    place = one(tiny_gazetteer, text, name)
    assert place.entry.country_code == country
    assert place.entry.kind == "city"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("زار الوزير لبنان ثم توجه إلى طرابلس في الشمال.", "LB"),
        ("زار الوزير ليبيا ثم توجه إلى طرابلس.", "LY"),
    ],
)
def test_other_places_of_the_article_pick_the_namesake(tiny_gazetteer, text, country) -> None:
    places = resolve(tiny_gazetteer, text, "طرابلس", "لبنان", "ليبيا")
    tripoli = next(p for p in places if p.text == "طرابلس")
    assert tripoli.entry.country_code == country


def test_country_hints(tiny_gazetteer) -> None:
    text = "وصل الفريق إلى فالنسيا أمس."
    assert one(tiny_gazetteer, text, "فالنسيا", country_hints=["es"]).entry.country_code == "ES"


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("وصل الأمير إلى الكويت.", "الكويت", "country"),
        ("وصل الوفد إلى مدينة الكويت.", "مدينة الكويت", "city"),
        ("أعلنت جيبوتي حالة الطوارئ.", "جيبوتي", "country"),
        ("وصل الرئيس إلى العاصمة جيبوتي.", "جيبوتي", "city"),
    ],
)
def test_capital_versus_country(tiny_gazetteer, text: str, name: str, kind: str) -> None:
    place = one(tiny_gazetteer, text, name)
    assert place.entry.kind == kind
    if kind == "city":
        assert place.entry.feature_code == "PPLC"


def test_hama_gets_sensible_candidates(tiny_gazetteer) -> None:
    # Whether «حماة» is a place or "in-laws" is the NER's call; given as a place, it is Hama.
    place = one(tiny_gazetteer, "شهدت حماة احتجاجات واسعة.", "حماة")
    assert place.entry.country_code == "SY"
    assert place.candidates[0].entry.name == "Ḩamāh"


def test_unknown_place_is_reported_not_dropped(tiny_gazetteer) -> None:
    text = "تقدمت القوات نحو زيزفونيا وكورسك."
    unknown, kursk = resolve(tiny_gazetteer, text, "زيزفونيا", "كورسك")
    assert unknown.entry is None and not unknown.resolved
    assert "زيزفونيا" in unknown.reason
    assert unknown.confidence == 0.0 and unknown.precision is None
    assert kursk.resolved


def test_unknown_village_in_a_known_region_is_placed_at_the_region(tiny_gazetteer) -> None:
    text = "قصفت القوات قرية زيزفونيا في منطقة كورسك."
    place, _ = resolve(tiny_gazetteer, text, "زيزفونيا", "كورسك")
    assert place.entry.geonameid == KURSK_OBLAST
    assert place.precision == "region" and place.uncertainty_km > 50


def test_one_sense_per_article(tiny_gazetteer) -> None:
    text = "وصل الفريق إلى فالنسيا الإسبانية. وفي فالنسيا أقيمت المباراة. غادر فالنسيا مساء."
    places = resolve(tiny_gazetteer, text, "فالنسيا")
    assert {p.entry.country_code for p in places} == {"ES"}


def test_bad_span_fails_alone(tiny_gazetteer) -> None:
    text = "زار الوزير كورسك."
    mentions = [(text.index("كورسك"), text.index("كورسك") + 5, "LOC"), (50, 60, "LOC")]
    good, bad = resolve_places(text, mentions, tiny_gazetteer)
    assert good.resolved
    assert not bad.resolved and bad.reason.startswith("error:")


def test_offsets_and_order_are_kept(tiny_gazetteer) -> None:
    text = "من روسيا إلى كورسك"
    mentions = spans(text, "كورسك", "روسيا")[::-1]
    places = resolve_places(text, mentions, tiny_gazetteer)
    assert [(p.start, p.end) for p in places] == [m[:2] for m in mentions]
    assert all(text[p.start : p.end] == p.text for p in places)
    assert resolve_places(text, [], tiny_gazetteer) == []


def test_results_are_plain_data_and_frames(tiny_gazetteer) -> None:
    text = "قصف على قرية مارينو في كورسك ثم زيزفونيا."
    places = resolve(tiny_gazetteer, text, "مارينو", "كورسك", "زيزفونيا")
    payload = json.loads(json.dumps([p.to_dict() for p in places], ensure_ascii=False))
    assert payload[0]["precision"] == "region" and len(payload[0]["candidates"]) <= 5
    assert all(0.0 <= p["confidence"] <= 1.0 for p in payload)
    gdf = places_to_geodataframe(places)
    assert gdf.crs.to_epsg() == 4326
    assert len(gdf) == 3
    assert gdf.geometry.isna().tolist() == [False, False, True]
    assert gdf.loc[1, "geometry"].x == pytest.approx(places[1].entry.longitude)
    assert list(gdf.columns[:3]) == ["start", "end", "text"]


@pytest.mark.parametrize("form", ["بكورسك", "وكورسك", "#كورسك", "كورسك_"])
def test_glued_proclitics_and_hashtags(tiny_gazetteer, form: str) -> None:
    text = f"قصف على {form} أمس"
    place = one(tiny_gazetteer, text, form)
    assert place.entry.geonameid in (KURSK_CITY, KURSK_OBLAST)


def test_lil_contraction(tiny_gazetteer) -> None:
    text = "زيارة للكويت"
    assert one(tiny_gazetteer, text, "للكويت").entry.country_code == "KW"

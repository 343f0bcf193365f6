"""End-to-end: article → entities → geocoded places, on the samples and the seed article."""

from __future__ import annotations

import json

import pytest

import workbench
from workbench.analysis import analyze

KURSK_CITY = 538560


@pytest.fixture(scope="module")
def seed_result(seed_text, nlp, gazetteer):
    return analyze(workbench.load_article(seed_text), nlp=nlp, gazetteer=gazetteer)


def _ents(result) -> set[tuple[str, str]]:
    return {(e.text, e.label) for e in result.entity_list}


def test_offsets_index_the_text(seed_result) -> None:
    text = seed_result.article.text
    for e in seed_result.entity_list:
        assert text[e.start : e.end] == e.text
    for p in seed_result.place_list:
        assert text[p.start : p.end] == p.text


def test_no_entity_keeps_an_attached_proclitic(seed_result) -> None:
    for e in seed_result.entity_list:
        first = e.text.split()[0]
        assert first not in {"وكوريا", "لكوريا", "بمنطقة", "وروسيا", "للكرملين"}, e


def test_seed_entities_a_reader_expects(seed_result) -> None:
    ents = _ents(seed_result)
    for expected in [
        ("كوريا الجنوبية", "LOC"),
        ("الولايات المتحدة", "LOC"),
        ("كورسك", "LOC"),
        ("روسيا", "LOC"),
        ("أوكرانيا", "LOC"),
        ("مارينو", "LOC"),
        ("فولوديمير زيلينسكي", "PER"),
        ("فلاديمير بوتين", "PER"),
        ("كيم جونج أون", "PER"),
        ("وول ستريت جورنال", "ORG"),
    ]:
        assert expected in ents, expected


def test_every_kursk_mention_is_in_russia(seed_result) -> None:
    kursk = [p for p in seed_result.place_list if p.text == "كورسك"]
    assert len(kursk) >= 4
    for p in kursk:
        assert p.entry is not None and p.entry.country_code == "RU"
        assert 50.8 < p.entry.latitude < 52.5 and 34.0 < p.entry.longitude < 38.6  # Kursk Oblast


def test_no_place_in_italy_and_marino_not_a_false_pin(seed_result) -> None:
    assert all(p.entry is None or p.entry.country_code != "IT" for p in seed_result.place_list)
    marino = [p for p in seed_result.place_list if p.text == "مارينو"]
    assert marino, "Marino must be reported, resolved or not"
    for p in marino:
        assert p.entry is None or (p.entry.country_code == "RU" and p.precision in ("region", "exact"))


def test_countries(seed_result) -> None:
    by_text = {p.text: p.entry.country_code for p in seed_result.place_list if p.entry}
    assert by_text.get("كوريا الجنوبية") == "KR"
    assert by_text.get("الولايات المتحدة") == "US"
    assert by_text.get("روسيا") == "RU"
    assert by_text.get("أوكرانيا") == "UA"


def test_views(seed_result) -> None:
    df = seed_result.entities
    assert list(df.columns) == ["start", "end", "text", "label"]
    assert set(df["label"]) <= {"PER", "LOC", "ORG", "MISC"}
    gdf = seed_result.places
    assert gdf.crs.to_epsg() == 4326
    assert len(gdf) == len(seed_result.place_list)
    data = json.loads(seed_result.to_json())
    assert data["text"] == seed_result.article.text
    html = seed_result.to_html()
    assert 'dir="rtl"' in html
    # the only script is the report's own, allowed by hash; nothing inline is allowed otherwise
    assert "script-src 'sha256-" in html and "unsafe-inline" not in html


@pytest.mark.parametrize(
    ("sample", "must_have"),
    [
        ("kursk_marino", [("كورسك", "RU"), ("سودجا", "RU"), ("ريلسك", "RU"), ("واشنطن", "US")]),
        ("libya_floods", [("درنة", "LY"), ("بنغازي", "LY"), ("طرابلس", "LY")]),
        ("syria_aid", [("حلب", "SY"), ("حمص", "SY"), ("اللاذقية", "SY")]),
        ("gulf_economy", [("الدوحة", "QA"), ("الرياض", "SA")]),
    ],
)
def test_samples_places(sample, must_have, nlp, gazetteer) -> None:
    result = analyze(f"sample:{sample}", nlp=nlp, gazetteer=gazetteer)
    found = {(p.text, p.entry.country_code) for p in result.place_list if p.entry}
    for item in must_have:
        assert item in found, (item, sorted(found))


def test_a_pinned_place_resolves_the_same_name_in_a_later_article(nlp, gazetteer, tmp_path) -> None:
    from workbench.annotations.model import PinPlace
    from workbench.annotations.store import FindingsStore

    first = analyze("sample:kursk_marino", nlp=nlp, gazetteer=gazetteer)
    with FindingsStore(tmp_path / "findings.sqlite", analyst="tester") as store:
        state = store.open_article(first)
        marino = next(e for e in state.active_entities() if e.text == "مارينو")
        store.apply(
            state.article_id,
            PinPlace(marino.id, 51.6167, 34.8833, "Marino (Rylsky District)", "RU"),
            expected_revision=state.revision,
        )
        later = analyze(
            workbench.load_article("قال مسؤولون إن قرية مارينو تعرضت لقصف جديد الليلة الماضية."),
            nlp=nlp,
            gazetteer=gazetteer,
            analyst_places=store,
        )
    place = next(p for p in later.place_list if p.text == "مارينو")
    assert place.entry is not None and place.precision == "exact"
    assert abs(place.entry.latitude - 51.6167) < 1e-3 and abs(place.entry.longitude - 34.8833) < 1e-3
    assert "tester" in place.reason

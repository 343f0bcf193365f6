"""The corpus index over a real batch output: search, entities, places, regions, timelines."""

from __future__ import annotations

import sqlite3

import pytest
from corpus_fixtures import DAMASCUS_TEXT, N_SYNTHETIC

from workbench.articles import normalize_key
from workbench.corpus.index import CorpusIndex
from workbench.corpus.queries import haversine_km
from workbench.corpus.synthetic import synthetic_articles
from workbench.errors import WorkbenchError


def _ids(hits) -> set[str]:
    return {h.article_id for h in hits}


def test_every_article_is_indexed_with_its_original_text(index) -> None:
    assert len(index) == N_SYNTHETIC + 3
    assert index.article("hand-damascus")["text"] == DAMASCUS_TEXT
    assert index.article("nope") is None
    first = min(a["published"] for a in synthetic_articles(N_SYNTHETIC, seed=11))
    assert index.date_range() == (first, "2024-07-16")  # the undated article is left out


def test_search_ignores_diacritics_letter_forms_and_clitics(index) -> None:
    plain = index.search("دمشق", limit=None)
    assert "hand-damascus" in _ids(plain)
    assert _ids(index.search("دِمَشْق", limit=None)) == _ids(plain)
    assert _ids(index.search("الامم المتحده", limit=None)) == _ids(index.search("الأمم المتحدة", limit=None))
    (hit,) = [h for h in plain if h.article_id == "hand-damascus"]
    # «دِمَشْق» as written, «بدمشق» without its clitic, and «دمشق».
    assert [DAMASCUS_TEXT[s:e] for s, e in hit.spans] == ["دِمَشْق", "دمشق", "دمشق"]
    assert DAMASCUS_TEXT[hit.spans[1][0] - 1] == "ب"
    assert next(hit.snippet.text[s:e] for s, e in hit.snippet.highlights) == "دِمَشْق"


def test_every_hit_contains_every_term_and_nothing_is_missed(index, tables) -> None:
    articles, _, _ = tables
    hits = index.search('"الأمم المتحدة" حمص', limit=None)
    expected = {
        a.article_id
        for a in articles.itertuples()
        if "الامم المتحده" in normalize_key(a.text) and "حمص" in normalize_key(a.text)
    }
    assert _ids(hits) == expected and "hand-damascus" in expected
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_short_terms_and_dates_filter(index) -> None:
    assert "hand-aleppo" in _ids(index.search("في حلب", limit=None))
    assert _ids(index.search("في حلب", limit=None)) <= _ids(index.search("حلب", limit=None))
    assert _ids(index.search("دمشق", date_from="2024-07-01", limit=None)) == {"hand-damascus"}
    assert index.search("   ") == []


def test_articles_mentioning_an_entity_match_the_entity_table(index, tables) -> None:
    _, _, entities = tables
    rows = entities[entities["text"].map(normalize_key) == normalize_key("الأمم المتحدة")]
    refs = index.articles_mentioning("الأمم المتحدة")
    assert {r.article_id for r in refs} == set(rows["article_id"]) and "hand-nodate" in set(
        rows["article_id"]
    )
    counts = rows.groupby("article_id").size()
    assert all(r.mentions == counts[r.article_id] for r in refs)
    assert index.articles_mentioning("الامم المتحده", label="ORG") == refs
    assert index.articles_mentioning("الأمم المتحدة", label="PER") == []


def test_cooccurring_entities_count_shared_articles(index, tables) -> None:
    _, _, entities = tables
    key = normalize_key("الأمم المتحدة")
    ents = entities.assign(norm=entities["text"].map(normalize_key))
    with_un = set(ents[ents["norm"] == key]["article_id"])
    others = ents[ents["article_id"].isin(with_un) & (ents["norm"] != key)]
    expected = others.groupby(["norm", "label"])["article_id"].nunique()
    got = index.cooccurring("الأمم المتحدة", limit=100)
    assert {(normalize_key(c.text), c.label): c.articles for c in got} == expected.to_dict()
    assert [c.articles for c in got] == sorted((c.articles for c in got), reverse=True)


def test_places_near_a_point(index, tables) -> None:
    _, places, _ = tables
    hits = index.places_near(33.5102, 36.2913, 40)
    resolved = places[places["resolved"]]
    expected = {
        (p.article_id, p.start)
        for p in resolved.itertuples()
        if haversine_km(33.5102, 36.2913, p.latitude, p.longitude) <= 40
    }
    assert {(h.article_id, h.start) for h in hits} == expected
    assert expected and {h.name for h in hits} == {"Damascus"}
    assert [h.distance_km for h in hits] == sorted(h.distance_km for h in hits)


def test_places_in_a_box_a_country_and_an_admin1_region(index, tables, gazetteer) -> None:
    _, places, _ = tables
    box = index.places_in(bbox=(32.0, 35.0, 37.5, 42.5))
    assert box and all(32 <= p.latitude <= 37.5 and 35 <= p.longitude <= 42.5 for p in box)
    syria = index.places_in(region="سوريا")
    assert {p.country_code for p in syria} == {"SY"}
    assert len(syria) == int((places["country_code"] == "SY").sum())
    aleppo = places[places["name"] == "Aleppo"].iloc[0]
    region = gazetteer.admin1_for("SY", aleppo["admin1_code"])
    in_region = index.places_in(region=region.name)
    assert "Aleppo" in {p.name for p in in_region}
    assert {p.name for p in in_region} < {p.name for p in syria}
    with pytest.raises(WorkbenchError) as e:
        index.places_in(region="لا مكان بهذا الاسم")
    assert e.value.code == "W144"
    with pytest.raises(WorkbenchError):
        index.places_in()


def test_place_counts_and_articles_at_a_place(index, tables) -> None:
    _, places, _ = tables
    counts = index.place_counts()
    assert sum(c.mentions for c in counts) == int(places["geonameid"].notna().sum())
    damascus = next(c for c in counts if c.name == "Damascus")
    assert "دِمَشْق" in damascus.surface or "دمشق" in damascus.surface
    refs = index.articles_at(damascus.geonameid)
    assert len(refs) == damascus.articles and "hand-damascus" in {r.article_id for r in refs}
    july = index.place_counts(date_from="2024-07-01")
    assert {c.name for c in july} <= {"Damascus", "Aleppo", "Homs"}
    assert {r.article_id for r in index.articles_at(damascus.geonameid, date_from="2024-07-01")} == {
        "hand-damascus"
    }


def test_timeline_of_an_entity_a_query_and_a_place(index, tables) -> None:
    _, _, entities = tables
    dated = entities[entities["published"].notna()]
    key = normalize_key("الأمم المتحدة")
    frame = index.timeline(entity="الأمم المتحدة", freq="M")
    assert frame["mentions"].sum() == int((dated["text"].map(normalize_key) == key).sum())
    assert list(frame.columns) == ["articles", "mentions"] and str(frame.index[-1].date()) == "2024-07-01"
    q = index.timeline(query="دمشق")
    assert q.loc["2024-07-15", "mentions"] == 3  # the three matches of hand-damascus
    damascus = next(c for c in index.place_counts() if c.name == "Damascus")
    assert index.timeline(geonameid=damascus.geonameid)["articles"].sum() == damascus.articles
    with pytest.raises(WorkbenchError):
        index.timeline(entity="x", query="y")


def test_missing_or_foreign_files_are_refused(tmp_path) -> None:
    with pytest.raises(WorkbenchError) as e:
        CorpusIndex(tmp_path / "none.sqlite").open()
    assert e.value.code == "W140"
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t(x)").connection.commit()
    with pytest.raises(WorkbenchError) as e:
        CorpusIndex(other).open()
    assert e.value.code == "W141"

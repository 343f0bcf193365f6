"""The corpus widgets driven like a user would (set_state, click), no browser."""

from __future__ import annotations

import pytest

from workbench.corpus.widget import CorpusExplorer, CorpusMap, date_options


@pytest.fixture
def explorer(index) -> CorpusExplorer:
    return CorpusExplorer(index)


def test_search_button_shows_highlighted_escaped_hits_and_a_timeline(explorer) -> None:
    explorer.query.value = "دِمَشْق"
    explorer.search_button.click()
    html = explorer.results.value
    assert 'data-article-id="hand-damascus"' in html and "<mark>دِمَشْق</mark>" in html
    assert "&lt;b&gt;عاجل&lt;/b&gt;" in html and "<b>عاجل</b>" not in html  # titles are escaped
    assert explorer.timeline_frame["mentions"].sum() > 0 and "<rect" in explorer.timeline.value
    assert explorer.freq.value == "W"


def test_changing_the_period_redraws_the_timeline(explorer) -> None:
    explorer.search("دمشق")
    weekly = explorer.timeline_frame
    explorer.freq.set_state({"index": 2})  # "month", as clicking the toggle does
    assert explorer.freq.value == "M"
    monthly = explorer.timeline_frame
    assert len(monthly) < len(weekly) and monthly["mentions"].sum() == weekly["mentions"].sum()


def test_entity_lookup_lists_articles_and_cooccurring_entities(explorer, index) -> None:
    explorer.entity.value = "منظمة الصحة العالمية"
    explorer.entity_button.click()
    refs = index.articles_mentioning("منظمة الصحة العالمية", limit=100)
    assert explorer.entity_articles.value.count("<li") == len(refs) > 0
    assert 'data-article-id="hand-aleppo"' in explorer.entity_articles.value
    assert "حلب" in explorer.cooccurring.value


def test_the_map_has_a_marker_per_place_sized_by_mentions(index) -> None:
    m = CorpusMap(index)
    counts = index.place_counts()
    assert set(m.markers) == {c.geonameid for c in counts}
    top, low = counts[0], counts[-1]
    assert m.markers[top.geonameid].radius >= m.markers[low.geonameid].radius
    assert tuple(m.markers[top.geonameid].location) == (top.latitude, top.longitude)


def test_clicking_a_place_lists_its_articles(index) -> None:
    m = CorpusMap(index)
    damascus = next(c for c in index.place_counts() if c.name == "Damascus")
    m.click_place(damascus.geonameid)
    assert m.selected == damascus.geonameid
    refs = index.articles_at(damascus.geonameid)
    assert (
        m.articles.value.count("<li") == len(refs) and 'data-article-id="hand-damascus"' in m.articles.value
    )


def test_the_date_slider_filters_markers_and_the_selected_place(index) -> None:
    m = CorpusMap(index)
    damascus = next(c for c in index.place_counts() if c.name == "Damascus")
    m.click_place(damascus.geonameid)
    values = [v for _, v in m.dates.options]
    july = values.index("2024-07-15")
    m.dates.set_state({"index": [july, len(values) - 1]})  # the user drags the slider
    assert (m.date_from, m.date_to) == ("2024-07-15", "2024-07-16")
    assert set(m.markers) == {c.geonameid for c in index.place_counts(date_from="2024-07-15")}
    assert m.articles.value.count("<li") == 1 and "hand-damascus" in m.articles.value
    m.set_dates("2024-01-01", "2024-12-31")
    assert len(m.markers) == len(index.place_counts())


def test_date_options_are_days_or_weeks_for_long_corpora() -> None:
    assert [v for _, v in date_options("2024-01-01", "2024-01-03")] == [
        "2024-01-01",
        "2024-01-02",
        "2024-01-03",
    ]
    weeks = date_options("2020-01-01", "2024-01-01")
    assert 200 < len(weeks) < 215 and weeks[-1][1] == "2024-01-01"
    assert date_options(None, None) == []

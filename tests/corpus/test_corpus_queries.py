"""Pure query logic: terms, FTS expressions, spans in original text, snippets, geometry, timelines."""

from __future__ import annotations

import pytest

from workbench.articles import normalize_key
from workbench.corpus.queries import (
    bbox_around,
    find_spans,
    fts_expression,
    haversine_km,
    make_snippet,
    marker_radius,
    parse_query,
    region_codes,
    snippet_html,
    timeline_frame,
    timeline_svg,
)
from workbench.geo.model import GazetteerEntry


def test_queries_are_normalized_and_phrases_kept() -> None:
    assert parse_query('"الأمم المتحدة"  دِمَشْق، دمشق') == ["الامم المتحده", "دمشق"]
    assert parse_query("   ") == []


def test_fts_expression_quotes_terms_and_leaves_short_ones_out() -> None:
    assert fts_expression(["دمشق", "في", 'a"b"c']) == '"دمشق" AND "a""b""c"'
    assert fts_expression(["في"]) is None


def test_spans_index_the_original_text_with_diacritics_and_clitics() -> None:
    text = "انفجار في دِمَشْق، وقع بدمشق. «دمشق»"
    spans = find_spans(text, ["دمشق"])
    assert [text[s:e] for s, e in spans] == ["دِمَشْق", "دمشق", "دمشق"]
    assert all(normalize_key(text[s:e]) == "دمشق" for s, e in spans)
    assert text[spans[1][0] - 1] == "ب"  # the clitic is not part of the match


def test_phrase_spans_cross_line_breaks_and_overlaps_merge() -> None:
    text = "قالت الأمم\nالمتحدة إن"
    assert [text[s:e] for s, e in find_spans(text, ["الامم المتحده", "المتحده"])] == ["الأمم\nالمتحدة"]


def test_snippet_window_keeps_highlights_relative_and_escapes_html() -> None:
    text = "<p> " + "كلمة " * 60 + "دمشق " + "كلمة " * 60
    spans = find_spans(text, ["دمشق"])
    snip = make_snippet(text, spans, width=60)
    assert snip.text == text[snip.start : snip.end]
    (h,) = snip.highlights
    assert snip.text[h[0] : h[1]] == "دمشق" and len(snip.text) < 100
    html = snippet_html(snip, len(text))
    assert "<mark>دمشق</mark>" in html and html.count("…") == 2
    start = make_snippet(text, [], width=10)
    assert start.start == 0 and "&lt;p&gt;" in snippet_html(start, len(text))


def test_distances_and_boxes() -> None:
    assert haversine_km(33.5102, 36.2913, 36.2021, 37.1343) == pytest.approx(309, abs=3)  # Damascus-Aleppo
    s, w, n, e = bbox_around(33.5, 36.3, 100)
    assert s < 33.5 < n and w < 36.3 < e
    assert haversine_km(33.5, 36.3, n, 36.3) == pytest.approx(100, rel=1e-3)
    assert bbox_around(89.5, 0, 100)[1] == -180


def test_region_codes_prefer_regions_then_countries() -> None:
    def entry(kind: str, cc: str, a1: str = "") -> GazetteerEntry:
        return GazetteerEntry(1, "x", 0, 0, cc, "X", kind, admin1_code=a1)

    assert region_codes([entry("country", "SY"), entry("region", "SY", "09")]) == ("SY", "09")
    assert region_codes([entry("city", "SY", "09"), entry("country", "SY")]) == ("SY", None)
    assert region_codes([entry("city", "SY", "09")]) is None


def test_timeline_fills_gaps_skips_undated_and_groups_by_week_or_month() -> None:
    rows = [("2024-01-01", 2), ("2024-01-03", 1), ("2024-01-03T10:00:00", 4), (None, 9)]
    days = timeline_frame(rows)
    assert list(days["articles"]) == [1, 0, 2] and list(days["mentions"]) == [2, 0, 5]
    assert str(days.index[0].date()) == "2024-01-01"
    weeks = timeline_frame([("2024-01-01", 1), ("2024-01-07", 1), ("2024-01-08", 1)], "W")
    assert [str(d.date()) for d in weeks.index] == ["2024-01-01", "2024-01-08"]  # Mondays
    assert list(weeks["articles"]) == [2, 1]
    assert list(timeline_frame([("2024-01-31", 1), ("2024-03-01", 1)], "M")["articles"]) == [1, 0, 1]
    assert timeline_frame([]).empty
    with pytest.raises(ValueError):
        timeline_frame(rows, "Y")


def test_timeline_svg_has_a_bar_per_period_with_its_value() -> None:
    svg = timeline_svg(timeline_frame([("2024-01-01", 2), ("2024-01-03", 1)]))
    assert svg.count("<rect") == 3 and "2024-01-01: 2" in svg and "2024-01-02: 0" in svg


def test_marker_area_grows_with_mentions() -> None:
    assert marker_radius(0, 10) == 4 and marker_radius(10, 10) == 22
    assert marker_radius(1, 10) < marker_radius(4, 10) < marker_radius(9, 10)

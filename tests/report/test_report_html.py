"""The rendered markup, parsed: highlights, links between text/table/map, CSP, hostile input."""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

import pytest
from report_htmltree import Node, parse
from report_samples import GENERATED_AT, HOSTILE, SCRIPT_PAYLOADS, TEXT, TEXT_TRAPS, entity, place

from workbench.report import build_report, render_article, render_document, render_fragment
from workbench.report.escape import BIDI_CONTROLS
from workbench.report.interact import SCRIPT
from workbench.report.svgmap import render_svg_map
from workbench.report.views import map_points


def shown(text: str) -> str:
    """What a reader sees for ``text``: bidi controls as visible markers, the rest as is."""
    return "".join(f"[U+{ord(c):04X}]" if c in BIDI_CONTROLS else c for c in text)


def doc(data: dict[str, Any], **kw: Any) -> Node:
    return parse(render_document(data, generated_at=GENERATED_AT, **kw))


# -- the article ------------------------------------------------------------------------


def test_article_highlights_are_exact_and_rtl() -> None:
    start = TEXT.index("كورسك")
    tree = parse(render_article(TEXT, [{"start": start, "end": start + 5, "label": "LOC"}]))
    div = tree.find("div", "wb-article")
    assert (div.attrs["dir"], div.attrs["lang"]) == ("rtl", "ar")
    (mark,) = div.find_all("mark")
    assert mark.attrs["data-label"] == "LOC" and mark.text == "كورسك"
    # labels are drawn by CSS: the text content is exactly the article
    assert div.text == TEXT


def test_article_markup_is_text_not_tags() -> None:
    text = "قال <b>زيلينسكي</b> إن القوات في كورسك."
    tree = parse(render_article(text, []))
    assert not tree.find_all("b") and tree.find("div", "wb-article").text == text


def test_overlapping_and_out_of_range_entities_are_skipped() -> None:
    ents = [entity(TEXT, "فولوديمير زيلينسكي", "PER"), entity(TEXT, "زيلينسكي", "PER"),
            {"start": 5, "end": 10_000, "label": "LOC"}, {"start": "x", "end": 3, "label": "LOC"}]
    tree = parse(render_article(TEXT, ents))
    assert [m.text for m in tree.find_all("mark")] == ["فولوديمير زيلينسكي"]
    assert tree.find("div", "wb-article").text == TEXT


@pytest.mark.parametrize(("language", "direction"), [("en", "auto"), ("fa", "rtl"), ("ar-SY", "rtl")])
def test_direction_comes_from_language(language: str, direction: str) -> None:
    div = parse(render_article("Kursk", [], language=language)).find("div", "wb-article")
    assert div.attrs["dir"] == direction


# -- the page ----------------------------------------------------------------------------


def test_page_metadata_and_sections(sample: dict[str, Any]) -> None:
    tree = doc(sample, generator="arabic-osint-workbench 9.9", gazetteer_info="schema v2; built X")
    assert tree.find("html").attrs == {"lang": "ar", "dir": "rtl"}
    assert tree.find("title").text == "كورسك: هجوم مفاجئ"
    meta = tree.find("dl", "wb-meta").text
    for expected in ("https://example.org/news/1", "2024-08-07", "ar", "2024-08-08 12:00 UTC",
                     "7 entities", "5 place mentions on 3 map points", "1 findings"):
        assert expected in meta
    footer = tree.find("footer").text
    assert "arabic-osint-workbench 9.9" in footer and "schema v2; built X" in footer
    link = tree.find("a")
    assert link.attrs["href"] == "https://example.org/news/1" and "noopener" in link.attrs["rel"]
    assert tree.find("div", "wb-legend").text.count("·") >= 4


def test_every_resolved_place_has_a_marker_linked_to_text_and_table(sample: dict[str, Any]) -> None:
    tree = doc(sample)
    markers = tree.find("svg", "wb-map").find_all(cls="wb-marker")
    assert len(markers) == 3  # Kursk (2 mentions), Kursk Oblast (area), Moscow
    for i, p in enumerate(sample["places"]):
        row = tree.find("table", "wb-places").find_all("tr")[i + 1]
        key = row.attrs["data-place"]
        mark = tree.find("mark", data_place=key)
        assert mark.text == p["text"]
        has_marker = any(m.attrs["data-place"] == key for m in markers)
        assert has_marker is (p["latitude"] is not None)
    kursk = tree.find_all("mark", data_place=markers[-1].attrs["data-place"])
    assert len(kursk) in (1, 2)


def test_places_table_columns(sample: dict[str, Any]) -> None:
    rows = doc(sample).find("table", "wb-places").find_all("tr")
    header = rows[0].text
    for col in ("mention", "gazetteer name", "country", "lat, lon", "precision", "confidence",
                "reason", "analyst status"):
        assert col in header
    cells = [[c.text for c in r.find_all("td")] for r in rows[1:]]
    assert cells[0][:5] == ["1", "كورسك", "Kursk", "RU", "51.7373, 36.1874"]
    assert cells[1][5] == "region ±120 km"
    assert "confirmed" in cells[2][8]
    assert cells[4][0] == "—" and "unresolved" in cells[4][2]


def test_region_precision_is_drawn_as_area_not_pin() -> None:
    places = [
        place(TEXT, "كورسك", name="Kursk", latitude=51.73, longitude=36.19, precision="exact"),
        place(TEXT, "مارينو", name="Kursk Oblast", latitude=51.5, longitude=36.0,
              precision="region", uncertainty_km=120),
        place(TEXT, "روسيا", name="Russia", latitude=60.0, longitude=60.0, precision="country"),
    ]
    svg = parse(render_svg_map(places))
    exact, area, country = (svg.find(cls="wb-marker", data_place=f"p{n}") for n in (1, 2, 3))
    assert "wb-approx" not in exact.attrs["class"]
    for m in (area, country):
        circle = m.find("circle")
        assert "wb-approx" in m.attrs["class"] and circle.attrs["stroke-dasharray"]
        assert float(circle.attrs["r"]) > 9 and "approximate" in m.attrs["aria-label"]


def test_analyst_corrections_are_applied(sample: dict[str, Any]) -> None:
    state = {
        "entities": [{**e, "label": "ORG"} if e["text"] == "فولوديمير زيلينسكي" else e
                     for e in sample["entities"]],
        "places": [
            {**sample["places"][0], "status": "rejected"},
            {**sample["places"][1], "status": "pinned", "name": "Marino", "latitude": 51.57,
             "longitude": 35.25, "precision": "exact", "uncertainty_km": None},
            *sample["places"][2:],
        ],
    }
    tree = doc(sample, state=state)
    assert tree.find("mark", data_label="ORG").text == "فولوديمير زيلينسكي"
    rows = tree.find("table", "wb-places").find_all("tr")[1:]
    assert "rejected" in rows[0].attrs["class"] and "rejected" in rows[0].text
    pinned = tree.find(cls="wb-marker", data_place=rows[1].attrs["data-place"])
    assert "wb-st-pinned" in pinned.attrs["class"] and "wb-approx" not in pinned.attrs["class"]
    # the rejected first Kursk mention no longer shares the marker of the second one
    assert rows[0].attrs["data-place"] != rows[3].attrs["data-place"]
    assert not tree.find_all(cls="wb-marker", data_place=rows[0].attrs["data-place"])
    assert "analyst corrections" in tree.find("dl", "wb-meta").text


def test_findings_are_listed_and_linked(sample: dict[str, Any]) -> None:
    extra = {"target": "the whole article", "note": "second", "tags": [], "analyst": "Omar"}
    tree = doc(sample, findings=[extra])
    rows = tree.find("table", "wb-findings").find_all("tr")[1:]
    cells = [c.text for c in rows[0].find_all("td")]
    assert cells == ["مارينو", "Marino is a village in Kursk oblast;\ncheck imagery", "verifyimagery",
                     "probable", "open", "سارة", "2024-08-08 10:15 UTC"]
    marino_key = tree.find("mark", data_place=rows[0].attrs["data-place"]).attrs["data-place"]
    assert tree.find_all(cls="wb-marker", data_place=marino_key)
    assert "data-place" not in rows[1].attrs and rows[1].find_all("td")[5].text == "Omar"


def test_without_findings_says_so() -> None:
    tree = doc({"text": "نص", "language": "ar"})
    assert "no findings" in tree.text and tree.find("svg", "wb-map")


# -- self-contained and locked down ---------------------------------------------------------


def csp_of(tree: Node) -> dict[str, str]:
    meta = tree.find("meta", http_equiv="Content-Security-Policy")
    content = meta.attrs["content"] or ""
    return {d.split()[0]: d.partition(" ")[2] for d in (x.strip() for x in content.split(";")) if d}


def sha(s: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"


def test_csp_allows_exactly_our_script_and_style_by_hash(sample: dict[str, Any]) -> None:
    tree = doc(sample)
    csp = csp_of(tree)
    (script,) = tree.find_all("script")
    (style,) = tree.find_all("style")
    assert csp["default-src"] == "'none'" and csp["img-src"] == "data:"
    assert csp["script-src"] == sha(script.text) and csp["style-src"] == sha(style.text)
    assert script.text == SCRIPT and "unsafe" not in str(csp)
    assert csp["base-uri"] == "'none'" and csp["form-action"] == "'none'"
    # the CSP meta comes before anything it governs
    head = [n.tag for n in tree.find("head").children if isinstance(n, Node)]
    assert head.index("meta") < head.index("style") and head[1] == "meta"


def test_nothing_is_loaded_from_anywhere(sample: dict[str, Any]) -> None:
    tree = doc(sample)
    for n in tree.iter():
        assert not {"src", "srcset", "data", "xlink:href", "action", "formaction"} & set(n.attrs)
        assert n.tag not in {"link", "iframe", "object", "embed", "img", "base", "form"}
        assert not any(k.startswith("on") for k in n.attrs), (n.tag, n.attrs)
        if "href" in n.attrs:
            assert n.tag == "a" and (n.attrs["href"] or "").startswith("https://")
    assert "url(" not in tree.find("style").text and "@import" not in tree.find("style").text


def test_script_takes_no_data() -> None:
    """The script is a constant: rendering other data cannot change it (or its hash)."""
    a = parse(render_document({"text": "أ", "language": "ar"})).find("script").text
    b = parse(render_document({"text": HOSTILE, "title": HOSTILE})).find("script").text
    assert a == b == SCRIPT


OUR_TAGS = {"#document", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2",
            "dl", "dt", "dd", "bdi", "a", "main", "div", "section", "span", "mark", "svg", "rect",
            "path", "g", "circle", "text", "p", "table", "thead", "tbody", "tr", "th", "td",
            "footer", "script"}


def test_hostile_input_stays_text_everywhere(hostile: dict[str, Any]) -> None:
    markup = render_document(hostile, generator=HOSTILE, gazetteer_info=HOSTILE, findings=[
        {"note": HOSTILE, "analyst": HOSTILE, "tags": [HOSTILE]}])
    tree = parse(markup)
    assert {n.tag for n in tree.iter()} <= OUR_TAGS
    assert len(tree.find_all("script")) == 1 and tree.find("script").text == SCRIPT
    assert not tree.find_all("a")  # javascript: URL and the hostile source are not linked
    for n in tree.iter():
        assert not any(k.startswith("on") for k in n.attrs)
    # every field shows the payloads literally (bidi controls made visible)
    visible = shown(HOSTILE)
    assert tree.find("title").text == visible and tree.find("h1").text == visible
    assert tree.find("div", "wb-article").text == shown(hostile["text"])
    assert tree.find("dl", "wb-meta").text.count(visible) == 2  # source and published
    assert visible in tree.find("footer").text
    findings = tree.find("table", "wb-findings").text
    assert findings.count(visible) >= 7  # notes, tags, confidence, status, analyst, time, target
    places = tree.find("table", "wb-places").text
    assert places.count(visible) >= 5  # name, country, precision, reason, confidence
    assert tree.find("mark", "wb-ent").attrs["title"] is not None
    for control in BIDI_CONTROLS:
        assert control not in markup
    for payload in SCRIPT_PAYLOADS:
        assert payload not in markup


@pytest.mark.parametrize("trap", TEXT_TRAPS)
def test_entities_and_invisible_characters_are_shown_as_written(trap: str) -> None:
    text = f"قال {trap} في كورسك"
    div = doc({"text": text, "language": "ar", "title": trap}).find("div", "wb-article")
    assert div.text == shown(text)


def test_hostile_coordinates_do_not_break_the_map(hostile: dict[str, Any]) -> None:
    tree = doc(hostile)
    assert len(tree.find("svg", "wb-map").find_all(cls="wb-marker")) == 1


# -- screen, phone, print ----------------------------------------------------------------------


def test_responsive_and_print_styles(sample: dict[str, Any]) -> None:
    tree = doc(sample)
    css = tree.find("style").text
    assert "@media print" in css and re.search(r"@media \(max-width:\d+px\)", css)
    assert tree.find("meta", name="viewport").attrs["content"].startswith("width=device-width")
    assert all(n.find_all("table") for n in tree.find_all("div", "wb-scroll"))


# -- notebook fragment and entry points -------------------------------------------------------


def test_fragment_has_no_script_and_no_ids(sample: dict[str, Any]) -> None:
    tree = parse(render_fragment(sample))
    assert not tree.find_all("script") and not any("id" in n.attrs for n in tree.iter())
    assert tree.find("svg", "wb-map") and tree.find("table", "wb-findings")


def test_build_report_from_plain_data_with_corrections(sample: dict[str, Any]) -> None:
    state = {"places": [{**p, "status": "confirmed"} for p in sample["places"]],
             "findings": [{"note": "from the state", "analyst": "Lina"}]}
    tree = parse(build_report(sample, corrections=state, generated_at=GENERATED_AT))
    assert "from the state" in tree.find("table", "wb-findings").text
    assert "Marino is a village" not in tree.text  # the state's findings replace the data's
    assert all("wb-st-confirmed" in m.attrs["class"] for m in tree.find_all(cls="wb-marker"))
    assert "arabic-osint-workbench" in tree.find("footer").text


def test_analysis_to_html_and_repr_html() -> None:
    """The two entry points of ``workbench.analysis`` keep working (hand-made Analysis)."""
    from workbench.analysis import Analysis, Entity
    from workbench.articles.model import Article
    from workbench.geo.model import GazetteerEntry, ResolvedPlace

    k0 = TEXT.index("كورسك")
    entry = GazetteerEntry(538560, "Kursk", 51.7373, 36.1874, "RU", "PPLA", "city", 440000)
    result = Analysis(
        Article(text=TEXT, title="<t>", source="<string>"),
        [Entity(k0, k0 + 5, "كورسك", "LOC")],
        [ResolvedPlace(k0, k0 + 5, "كورسك", entry, 0.9, (), "", "exact", None)],
    )
    page = parse(result.to_html())
    assert page.find("title").text == "<t>" and len(page.find_all(cls="wb-marker")) == 1
    assert parse(result._repr_html_()).find("mark", data_place="p1").text == "كورسك"


def test_large_report_stays_small() -> None:
    """1,000 words, 100 entities, 40 places: far under the 2 MB a report may weigh."""
    words = ("قال المسؤول إن القوات دخلت المدينة صباح اليوم وسط اشتباكات عنيفة " * 100).split()
    text = " ".join(words[:1000])
    ents, places = [], []
    pos = 0
    for i in range(100):
        start = text.index(" ", pos) + 1
        end = text.index(" ", start)
        pos = end
        ents.append({"start": start, "end": end, "text": text[start:end], "label": "LOC"})
        if i % 5 < 2:
            places.append({"start": start, "end": end, "text": text[start:end], "name": f"P{i}",
                           "latitude": 30 + i / 10, "longitude": 35 + i / 7, "geonameid": i,
                           "precision": "exact", "confidence": 0.5})
    markup = render_document({"text": text, "language": "ar", "entities": ents, "places": places})
    points, _ = map_points(places)
    assert len(markup.encode()) < 2_000_000
    assert len(parse(markup).find_all(cls="wb-marker")) == len(points) == 40

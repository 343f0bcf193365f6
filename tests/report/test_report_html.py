from html.parser import HTMLParser

from workbench.report.html import render_article, render_document

TEXT = "قال الرئيس <b>زيلينسكي</b> إن القوات في كورسك."


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Collector:
    c = Collector()
    c.feed(html)
    return c


def test_article_highlights_are_exact_and_rtl() -> None:
    start = TEXT.index("كورسك")
    html = render_article(TEXT, [{"start": start, "end": start + 5, "label": "LOC"}])
    c = parse(html)
    assert c.tags[0] == ("div", {"class": "wb-article", "dir": "rtl", "lang": "ar"})
    marks = [a for t, a in c.tags if t == "mark"]
    assert len(marks) == 1 and marks[0]["data-label"] == "LOC"
    # article markup is shown as text, not parsed as tags
    assert not any(t == "b" for t, _ in c.tags)
    assert "".join(c.text).replace("LOC", "") == TEXT


def test_non_arabic_article_uses_dir_auto() -> None:
    assert 'dir="auto"' in render_article("Kursk is in Russia", [], language="en")


def test_document_has_csp_and_no_script() -> None:
    data = {
        "source": "<script>x</script>",
        "title": "<img src=x onerror=alert(1)>",
        "url": "javascript:alert(1)",
        "text": TEXT,
        "language": "ar",
        "entities": [],
        "places": [],
    }
    html = render_document(data)
    c = parse(html)
    assert not any(t == "script" for t, _ in c.tags)
    assert not any(t == "a" for t, _ in c.tags)  # javascript: URL is not linked
    assert not any(t == "img" for t, _ in c.tags)
    assert any(t == "meta" and a.get("http-equiv") == "Content-Security-Policy" for t, a in c.tags)
    assert not any(k.startswith("on") for _, a in c.tags for k in a)


def test_region_precision_is_drawn_as_area_not_pin() -> None:
    from workbench.report.svgmap import render_svg_map

    svg = render_svg_map(
        [
            {"text": "كورسك", "name": "Kursk", "latitude": 51.73, "longitude": 36.19, "precision": "exact"},
            {"text": "مارينو", "name": "Kursk Oblast", "latitude": 51.5, "longitude": 36.0,
             "precision": "region", "uncertainty_km": 120},
        ]
    )
    assert svg.count("<circle") == 2
    assert 'stroke-dasharray' in svg and "approximate" in svg

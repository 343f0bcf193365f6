"""Tiny hand-built analyses for the app tests (no pipeline, no gazetteer)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from workbench.analysis import Analysis, Entity
from workbench.articles import article_from_text
from workbench.articles.model import Article
from workbench.geo.model import Candidate, GazetteerEntry, ResolvedPlace

TEXT = (
    "قال الرئيس فلاديمير بوتين في موسكو إن القوات وصلت إلى منطقة كورسك قرب مارينو.\n"
    "وزار بوتين موسكو مرة أخرى، بينما قالت وزارة الدفاع <b>إن</b> الوضع مستقر."
)

MOSCOW = GazetteerEntry(524901, "Moscow", 55.7522, 37.6156, "RU", "PPLC", "city", 10_000_000,
                        name_ar="موسكو")
MOSCOW_ID = GazetteerEntry(5601538, "Moscow", 46.7324, -117.0002, "US", "PPL", "town", 25_000,
                           name_ar="موسكو")
KURSK_OBLAST = GazetteerEntry(538555, "Kursk Oblast", 51.75, 36.25, "RU", "ADM1", "region",
                              1_100_000, name_ar="كورسك", radius_km=120.0)
KURSK_CITY = GazetteerEntry(538560, "Kursk", 51.7373, 36.1874, "RU", "PPLA", "city", 440_000,
                            name_ar="كورسك")


def _span(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def _cand(entry: GazetteerEntry, score: float) -> Candidate:
    return Candidate(entry, entry.name_ar, "arabic", score)


def tiny_analysis(article: Article | None = None) -> Analysis:
    """Two PER, three places (exact, region-only, unresolved), one ORG."""
    article = article or article_from_text(TEXT, title="كورسك", source="<test>")
    ents = []
    for word, label, nth in [("فلاديمير بوتين", "PER", 0), ("موسكو", "LOC", 0),
                             ("كورسك", "LOC", 0), ("مارينو", "LOC", 0), ("بوتين", "PER", 1),
                             ("موسكو", "LOC", 1), ("وزارة الدفاع", "ORG", 0)]:
        s, e = _span(word, nth)
        ents.append(Entity(s, e, word, label))
    ents.sort(key=lambda e: e.start)
    moscow = (_cand(MOSCOW, 0.9), _cand(MOSCOW_ID, 0.2))
    places = []
    for e in ents:
        if e.label != "LOC":
            continue
        if e.text == "موسكو":
            places.append(ResolvedPlace(e.start, e.end, e.text, MOSCOW, 0.9, moscow, "capital",
                                        "exact"))
        elif e.text == "كورسك":
            places.append(ResolvedPlace(
                e.start, e.end, e.text, KURSK_OBLAST, 0.7,
                (_cand(KURSK_OBLAST, 0.7), _cand(KURSK_CITY, 0.6)), "region named", "region",
                120.0))
        else:
            places.append(ResolvedPlace(e.start, e.end, e.text, None, 0.0, (),
                                        "no candidate in the gazetteer"))
    return Analysis(article, ents, places)


@pytest.fixture
def analysis() -> Analysis:
    return tiny_analysis()


@pytest.fixture
def analyzer() -> Callable[[Article], Analysis]:
    """Stands in for workbench.analyze: entities only where the tiny text has them."""

    def run(article: Article) -> Analysis:
        if article.text == TEXT:
            return tiny_analysis(article)
        return Analysis(article, [], [])

    return run


@pytest.fixture
def make_app(tmp_path, analyzer):
    """A Workbench over a findings store in tmp_path, tiles off (offline)."""
    from workbench.ui import Workbench

    db = tmp_path / "findings.sqlite"
    apps = []

    def make(**settings):
        settings = {"store_path": db, "tiles": False, "analyst": "tester",
                    "analyzer": analyzer, **settings}
        app = Workbench.from_config(**settings)
        apps.append(app)
        return app

    yield make
    for app in apps:
        if app.store is not None:
            app.store.close()
        app.close()

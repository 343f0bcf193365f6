"""A tiny hand-built analysis for the UI tests (no pipeline, no gazetteer)."""

from __future__ import annotations

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

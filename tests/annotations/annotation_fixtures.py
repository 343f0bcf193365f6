"""Tiny hand-built analyses for the findings tests (no pipeline, no gazetteer).

A uniquely named module (not ``conftest``) so test modules can import it without
clashing with the other test folders' ``conftest`` modules.
"""

from __future__ import annotations

from workbench.analysis import Analysis, Entity
from workbench.articles.model import Article
from workbench.geo.model import Candidate, GazetteerEntry, ResolvedPlace

TEXT = "قال مسؤولون إن القوات الروسية دخلت مارينو في منطقة كورسك، وأكد بوتين ذلك."

KURSK = GazetteerEntry(538560, "Kursk", 51.7373, 36.1874, "RU", "PPLA", "city", 440000, name_ar="كورسك")
KURSK_OBLAST = GazetteerEntry(
    538555,
    "Kursk Oblast",
    51.5,
    36.0,
    "RU",
    "ADM1",
    "region",
    1100000,
    name_ar="كورسك",
    radius_km=120.0,
)


def span(text: str, needle: str) -> tuple[int, int]:
    """Offsets of the first occurrence of ``needle``."""
    start = text.index(needle)
    return start, start + len(needle)


def make_analysis(text: str = TEXT, *, url: str | None = "https://example.org/a/1") -> Analysis:
    """Entities: مارينو (LOC, unresolved), كورسك (LOC, resolved, 2 candidates), بوتين (PER)."""
    article = Article(text=text, title="مارينو", source="<string>", url=url, published="2024-08-20")
    m0, m1 = span(text, "مارينو")
    k0, k1 = span(text, "كورسك")
    p0, p1 = span(text, "بوتين")
    entities = [
        Entity(m0, m1, "مارينو", "LOC"),
        Entity(k0, k1, "كورسك", "LOC"),
        Entity(p0, p1, "بوتين", "PER"),
    ]
    cands = (
        Candidate(KURSK, "كورسك", "arabic", 0.9),
        Candidate(KURSK_OBLAST, "كورسك", "arabic", 0.6),
    )
    places = [
        ResolvedPlace(m0, m1, "مارينو", None, 0.0, (), "no candidate"),
        ResolvedPlace(k0, k1, "كورسك", KURSK, 0.83, cands, "", "exact", None),
    ]
    return Analysis(article, entities, places)

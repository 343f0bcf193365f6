"""Shape one analysis into table rows (pure; no I/O, no pipeline).

Three tables come out of a batch run, linked by ``article_id``:

- ``articles``: one row per article (metadata, text, counts);
- ``places``: one row per place mention, resolved or not (``latitude``/``longitude``
  are null when unresolved); the candidate lists of :meth:`ResolvedPlace.to_dict`
  are reduced to their count, which keeps a corpus of millions of mentions small;
- ``entities``: one row per entity.

Offsets index the article text as given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench.batch.items import BatchItem, ItemResult

if TYPE_CHECKING:
    from workbench.analysis import Analysis

__all__ = ["ARTICLE_COLUMNS", "ENTITY_COLUMNS", "PLACE_COLUMNS", "result_from_analysis"]

ARTICLE_COLUMNS: tuple[str, ...] = (
    "article_id", "title", "url", "published", "source", "language", "origin", "text",
    "n_entities", "n_places",
)  # fmt: skip
PLACE_COLUMNS: tuple[str, ...] = (
    "article_id", "published", "start", "end", "text", "name", "name_ar", "latitude", "longitude",
    "geonameid", "country_code", "admin1_code", "feature", "kind", "confidence", "n_candidates",
    "resolved", "precision", "uncertainty_km", "reason",
)  # fmt: skip
ENTITY_COLUMNS: tuple[str, ...] = ("article_id", "published", "start", "end", "text", "label")


def result_from_analysis(item: BatchItem, analysis: Analysis) -> ItemResult:
    """Rows of the three tables for one analysed article.

    Parameters
    ----------
    item
        The batch item (its id and origin).
    analysis
        :func:`workbench.analyze` of the item's article.

    Returns
    -------
    ItemResult
        Plain dicts keyed by :data:`ARTICLE_COLUMNS`, :data:`PLACE_COLUMNS`,
        :data:`ENTITY_COLUMNS`.
    """
    a = analysis.article
    published = a.published
    places: list[dict[str, Any]] = []
    for p in analysis.place_list:
        e = p.entry
        places.append(
            {
                "article_id": item.id,
                "published": published,
                "start": p.start,
                "end": p.end,
                "text": p.text,
                "name": e.name if e else None,
                "name_ar": (e.name_ar or None) if e else None,
                "latitude": e.latitude if e else None,
                "longitude": e.longitude if e else None,
                "geonameid": e.geonameid if e else None,
                "country_code": e.country_code if e else None,
                "admin1_code": (e.admin1_code or None) if e else None,
                "feature": e.feature_code if e else None,
                "kind": e.kind if e else None,
                "confidence": round(p.confidence, 4),
                "n_candidates": len(p.candidates),
                "resolved": p.resolved,
                "precision": p.precision,
                "uncertainty_km": p.uncertainty_km,
                "reason": p.reason,
            }
        )
    entities = [{"article_id": item.id, "published": published, **e.to_dict()} for e in analysis.entity_list]
    article = {
        "article_id": item.id,
        "title": a.title or None,
        "url": a.url,
        "published": published,
        "source": item.source if item.source is not None else a.source,
        "language": a.language,
        "origin": item.origin,
        "text": a.text,
        "n_entities": len(entities),
        "n_places": len(places),
    }
    return ItemResult(item.id, article, places, entities)

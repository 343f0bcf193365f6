"""``analyze(article)``: entities and geocoded places of one article.

Adapters (pipeline, gazetteer) are loaded once per process and reused; the
result holds plain data (offsets into the article text, place records), from
which the DataFrame/GeoDataFrame views, JSON and HTML are derived.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.articles.model import Article

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd
    from spacy.language import Language

    from workbench.geo.gazetteer import Gazetteer
    from workbench.geo.model import ResolvedPlace

__all__ = ["Analysis", "Entity", "analyze", "default_pipeline"]


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str
    label: str

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view in the CLI JSON shape."""
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label}


@dataclass
class Analysis:
    """The result of :func:`analyze`.

    Attributes
    ----------
    article
        The analysed article; every offset indexes ``article.text``.
    entity_list
        Entities in text order.
    place_list
        One record per place mention (LOC entity), resolved or not, in text order.
    """

    article: Article
    entity_list: list[Entity] = field(default_factory=list)
    place_list: list[ResolvedPlace] = field(default_factory=list)

    @cached_property
    def entities(self) -> pd.DataFrame:
        """Entities as a DataFrame: start, end, text, label."""
        import pandas as pd

        return pd.DataFrame(
            [e.to_dict() for e in self.entity_list], columns=["start", "end", "text", "label"]
        )

    @cached_property
    def places(self) -> gpd.GeoDataFrame:
        """Places as a GeoDataFrame (EPSG:4326); unresolved mentions have an empty geometry."""
        from workbench.geo.frames import places_to_geodataframe

        return places_to_geodataframe(self.place_list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``workbench analyze`` (plus title/url/published)."""
        a = self.article
        return {
            "source": a.source,
            "text": a.text,
            "language": a.language,
            "entities": [e.to_dict() for e in self.entity_list],
            "places": [p.to_dict() for p in self.place_list],
            "title": a.title,
            "url": a.url,
            "published": a.published,
        }

    def to_json(self, indent: int | None = None) -> str:
        """JSON text of :meth:`to_dict` (UTF-8 characters kept, not ``\\u`` escaped)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_html(self) -> str:
        """A complete self-contained HTML page (highlighted RTL article, map, tables)."""
        from workbench import __version__
        from workbench.report.html import render_document

        return render_document(self.to_dict(), generator=f"arabic-osint-workbench {__version__}")

    def _repr_html_(self) -> str:
        from workbench.report.html import render_fragment

        return render_fragment(self.to_dict())


@lru_cache(maxsize=1)
def default_pipeline() -> Language:
    """The process-wide default pipeline (built on first use)."""
    from workbench.nlp import load_pipeline

    return load_pipeline("ar")


def analyze(
    article: Article | str | Path,
    *,
    nlp: Language | None = None,
    gazetteer: Gazetteer | None = None,
    analyst_places: Any = None,
) -> Analysis:
    """Find the entities of an article and geocode its places.

    Parameters
    ----------
    article
        An :class:`~workbench.articles.model.Article`, or anything
        :func:`workbench.load_article` accepts (path, URL, text, ``sample:NAME``).
    nlp
        A pipeline from :func:`workbench.nlp.load_pipeline`; the default one otherwise.
    gazetteer
        The gazetteer used to resolve places; the default one otherwise.
    analyst_places
        Places pinned by analysts, consulted before the gazetteer: a findings store
        (:class:`workbench.annotations.store.FindingsStore`), a callable
        ``mention_text -> pins`` or an iterable of pins. A pinned name resolves the same
        way in every later article.

    Returns
    -------
    Analysis
        Entities and places; offsets index ``article.text``.
    """
    from workbench.geo.resolve import resolve_places

    if not isinstance(article, Article):
        from workbench.articles import load_article

        article = load_article(article)
    if nlp is None:
        nlp = default_pipeline()
    if gazetteer is None:
        from workbench.geo.gazetteer import default_gazetteer

        gazetteer = default_gazetteer()
    doc = nlp(article.text)
    entities = [Entity(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents]
    mentions = [(e.start, e.end, e.label) for e in entities if e.label == "LOC"]
    layers: tuple[Any, ...] = ()
    if analyst_places is not None:
        from workbench.geo.layers import AnalystLayer

        layers = (AnalystLayer(analyst_places),)
    places = resolve_places(article.text, mentions, gazetteer, extra_layers=layers)
    return Analysis(article, entities, list(places))

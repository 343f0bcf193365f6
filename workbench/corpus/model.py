"""Typed results of corpus queries (plain data; offsets index the original article text)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["ArticleRef", "EntityCount", "PlaceCount", "PlaceMention", "SearchHit", "Snippet"]


@dataclass(frozen=True, slots=True)
class Snippet:
    """A window of an article's original text around search matches.

    Attributes
    ----------
    text
        ``article_text[start:end]`` (with ``…`` marks added by :meth:`to_html` only).
    start, end
        Offsets of the window in the article text.
    highlights
        Match spans *relative to the window* (``text[s:e]`` is a match).
    """

    text: str
    start: int
    end: int
    highlights: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class SearchHit:
    """An article matching a full-text query.

    Attributes
    ----------
    article_id, title, published
        The article.
    score
        BM25 relevance (higher is better).
    spans
        Every match in the article text, as ``(start, end)`` offsets of the original text.
    snippet
        The text around the first match.
    """

    article_id: str
    title: str | None
    published: str | None
    score: float
    spans: tuple[tuple[int, int], ...]
    snippet: Snippet

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view (CLI JSON)."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """An article and how often it mentions what was asked for."""

    article_id: str
    title: str | None
    published: str | None
    mentions: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view (CLI JSON)."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """One resolved place mention with its article."""

    article_id: str
    title: str | None
    published: str | None
    start: int
    end: int
    text: str
    name: str | None
    geonameid: int | None
    country_code: str | None
    latitude: float
    longitude: float
    distance_km: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view (CLI JSON)."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class PlaceCount:
    """A gazetteer place with its number of mentions and articles (one map marker)."""

    geonameid: int
    name: str | None
    name_ar: str | None
    country_code: str | None
    latitude: float
    longitude: float
    mentions: int
    articles: int
    surface: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view (CLI JSON)."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class EntityCount:
    """An entity (by normalized text and label) with the articles it appears in."""

    text: str
    label: str
    articles: int
    mentions: int

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view (CLI JSON)."""
        return asdict(self)

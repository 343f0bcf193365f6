"""Typed results of gazetteer lookups and place resolution (plain data, no I/O)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = ["Candidate", "GazetteerEntry", "Precision", "ResolvedPlace"]

Precision = Literal["exact", "city", "region", "country"]


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place of the gazetteer.

    ``feature_code`` is the GeoNames feature code (``PCLI`` country, ``ADM1``
    first-level region, ``PPLC`` capital, ``PPLA`` region seat, ``PPL`` populated
    place, ...). ``kind`` is the coarse type shown to users: ``country``,
    ``region``, ``city``, ``town`` or ``village``.
    """

    geonameid: int
    name: str
    latitude: float
    longitude: float
    country_code: str
    feature_code: str
    kind: str
    population: int = 0
    admin1_code: str = ""
    name_ar: str = ""
    radius_km: float = 0.0  # extent of a country/region (equal-area radius); 0 for points


@dataclass(frozen=True, slots=True)
class Candidate:
    """A gazetteer entry considered for a mention, with how it matched and its score."""

    entry: GazetteerEntry
    matched_name: str
    match: str  # "arabic", "latin", "transliteration", "fuzzy", "analyst"
    score: float = 0.0
    features: dict[str, float] = field(default_factory=dict)
    note: str = ""  # provenance shown to analysts ("pinned by analyst sara in article …")

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view used by the JSON contract."""
        e = self.entry
        return {
            "name": e.name,
            "name_ar": e.name_ar,
            "latitude": e.latitude,
            "longitude": e.longitude,
            "geonameid": e.geonameid,
            "country_code": e.country_code,
            "feature": e.feature_code,
            "kind": e.kind,
            "population": e.population,
            "match": self.match,
            "matched_name": self.matched_name,
            "score": round(self.score, 4),
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class ResolvedPlace:
    """A place mention in the article and what it was resolved to.

    Offsets index the article text. When ``resolved`` is false, ``entry`` is
    ``None`` and ``reason`` says why (no candidate, all candidates implausible...).
    ``precision`` is ``exact`` when the mention itself was found, or the level of
    a container (``region``/``country``) when only the container is known; then
    ``uncertainty_km`` is the radius of that container.
    """

    start: int
    end: int
    text: str
    entry: GazetteerEntry | None
    confidence: float
    candidates: tuple[Candidate, ...] = ()
    reason: str = ""
    precision: Precision | None = None
    uncertainty_km: float | None = None

    @property
    def resolved(self) -> bool:
        """Whether the mention has coordinates."""
        return self.entry is not None

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view in the ``places`` shape of the CLI JSON contract."""
        e = self.entry
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "name": e.name if e else None,
            "latitude": e.latitude if e else None,
            "longitude": e.longitude if e else None,
            "geonameid": e.geonameid if e else None,
            "country_code": e.country_code if e else None,
            "feature": e.feature_code if e else None,
            "confidence": round(self.confidence, 4),
            "candidates": [c.to_dict() for c in self.candidates],
            "resolved": self.resolved,
            "precision": self.precision,
            "uncertainty_km": self.uncertainty_km,
            "reason": self.reason,
        }


def _entry_from_dict(d: dict[str, Any]) -> GazetteerEntry:
    return GazetteerEntry(**{k: d[k] for k in GazetteerEntry.__dataclass_fields__ if k in d})


def entry_to_dict(e: GazetteerEntry) -> dict[str, Any]:
    """Plain-data view of a gazetteer entry."""
    return asdict(e)

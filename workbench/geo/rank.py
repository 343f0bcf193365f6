"""Pure ranking of gazetteer candidates for one mention (no database, no text scanning).

A candidate's score is a weighted sum of features in comparable ranges (roughly −2…1):

``match``       name match quality from the gazetteer (exact Arabic > Latin > translit > fuzzy)
``prominence``  countries 1, regions 0.75, places log10(population)/6.5
``kind``        fit of the place kind with a trigger word (قرية favours villages, منطقة regions...)
``adjective``   +1 when a country adjective after the mention names its country, −1.2 otherwise
``container``   +1 inside the container given by «X في Y», −2 outside
``article``     share of the article's unambiguous places in the candidate's country
``hint``        1 when the caller hinted the candidate's country
``proximity``   exp(−d/400 km) to the nearest unambiguous place of the article
``sense``       support for the candidate's area by other mentions of the same name

The ranked candidates carry ``score`` = softmax probability over the mention's candidates
and ``features`` with every feature plus ``raw`` (the weighted sum).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from workbench.geo.model import Candidate, GazetteerEntry

__all__ = [
    "KIND_FIT",
    "WEIGHTS",
    "RankingContext",
    "candidate_features",
    "confidence_of",
    "haversine_km",
    "is_inside",
    "rank_candidates",
]

WEIGHTS: dict[str, float] = {
    "match": 1.5,
    "prominence": 1.5,
    "kind": 1.0,
    "adjective": 1.0,
    "container": 1.0,
    "article": 1.0,
    "hint": 0.7,
    "proximity": 0.8,
    "sense": 1.0,
}

# trigger → kind → fit. ``None`` is the bare mention: a bare country name is the country.
KIND_FIT: dict[str | None, dict[str, float]] = {
    None: {"country": 0.4, "region": -0.3, "city": 0.0, "town": -0.1, "village": -0.2},
    "city": {"country": -1.0, "region": -0.8, "city": 0.6, "town": 0.4, "village": 0.0},
    "town": {"country": -1.0, "region": -0.8, "city": -0.3, "town": 0.6, "village": 0.4},
    "village": {"country": -1.0, "region": -1.0, "city": -1.0, "town": 0.3, "village": 0.8},
    "region": {"country": -0.8, "region": 1.0, "city": -0.3, "town": -0.6, "village": -0.8},
    "capital": {"country": -0.3, "region": -0.6, "city": 0.0, "town": -0.6, "village": -0.6},
    "country": {"country": 1.0, "region": -0.8, "city": -0.8, "town": -0.8, "village": -0.8},
}
_TEMPERATURE = 0.5


@dataclass(frozen=True)
class RankingContext:
    """What the ranking knows about a mention besides its candidates.

    Attributes
    ----------
    trigger
        Kind announced by a trigger word (see :data:`workbench.geo.context.TRIGGERS`).
    adjective_country
        ISO code named by a country adjective after the mention.
    container
        A region or country the place must lie in («X في Y»).
    article_countries
        ISO code → share of the article's unambiguous places in that country.
    anchors
        (lat, lon) of the article's unambiguous places.
    country_hints
        ISO codes the caller expects.
    sense_support
        ``(country_code, admin1_code)`` or ``(country_code, "")`` → support in [0, 1] from
        the other mentions of the same name (one sense per article).
    """

    trigger: str | None = None
    adjective_country: str | None = None
    container: GazetteerEntry | None = None
    article_countries: Mapping[str, float] = field(default_factory=dict)
    anchors: Sequence[tuple[float, float]] = ()
    country_hints: Sequence[str] = ()
    sense_support: Mapping[tuple[str, str], float] = field(default_factory=dict)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def is_inside(entry: GazetteerEntry, container: GazetteerEntry) -> bool:
    """Whether ``entry`` lies in the region or country ``container`` (not the container itself).

    Regions compare GeoNames admin-1 codes; without a code, the distance to the region's
    label point must be within 1.3 of its radius.
    """
    if entry.geonameid == container.geonameid or entry.country_code != container.country_code:
        return False
    if container.kind == "country":
        return entry.kind != "country"
    if container.kind != "region" or entry.kind in ("country", "region"):
        return False
    if container.admin1_code and entry.admin1_code:
        return entry.admin1_code == container.admin1_code
    d = haversine_km(entry.latitude, entry.longitude, container.latitude, container.longitude)
    return d <= 1.3 * max(container.radius_km, 10.0)


def _prominence(e: GazetteerEntry) -> float:
    if e.kind == "country":
        return 1.0
    if e.kind == "region":
        return 0.75
    return min(1.0, math.log10(e.population + 1) / 6.5)


def candidate_features(c: Candidate, ctx: RankingContext) -> dict[str, float]:
    """Feature values of one candidate in a context (see the module docstring)."""
    e = c.entry
    f: dict[str, float] = {
        "match": float(c.features.get("match_quality", c.score)),
        "prominence": _prominence(e),
    }
    fit = KIND_FIT.get(ctx.trigger, KIND_FIT[None])
    f["kind"] = fit.get(e.kind, 0.0)
    if ctx.trigger == "capital" and e.feature_code == "PPLC":
        f["kind"] = 1.2
    if ctx.adjective_country:
        f["adjective"] = 1.0 if e.country_code == ctx.adjective_country else -1.2
    if ctx.container is not None:
        f["container"] = 1.0 if is_inside(e, ctx.container) else -2.0
    f["article"] = float(ctx.article_countries.get(e.country_code, 0.0))
    f["hint"] = 1.0 if e.country_code in ctx.country_hints else 0.0
    if ctx.anchors and e.kind != "country":
        d = min(haversine_km(e.latitude, e.longitude, la, lo) for la, lo in ctx.anchors)
        f["proximity"] = math.exp(-d / 400.0)
    if ctx.sense_support:
        f["sense"] = max(
            ctx.sense_support.get((e.country_code, e.admin1_code), 0.0),
            0.5 * ctx.sense_support.get((e.country_code, ""), 0.0),
        )
    return f


def rank_candidates(candidates: Sequence[Candidate], ctx: RankingContext) -> list[Candidate]:
    """Score and sort the candidates of one mention, best first.

    Parameters
    ----------
    candidates
        Candidates from :meth:`workbench.geo.gazetteer.Gazetteer.candidates` (their
        ``score`` or ``features["match_quality"]`` is the name match quality).
    ctx
        Cues of the mention and of the article.

    Returns
    -------
    list of Candidate
        New candidates whose ``score`` is a probability (softmax of the weighted feature
        sum, summing to 1 over the list) and whose ``features`` hold the feature values
        and ``raw``.
    """
    if not candidates:
        return []
    scored = []
    for c in candidates:
        feats = candidate_features(c, ctx)
        raw = sum(WEIGHTS.get(k, 0.0) * v for k, v in feats.items())
        feats = {**c.features, **feats, "raw": raw}
        scored.append((raw, c, feats))
    top = max(s[0] for s in scored)
    exps = [math.exp((raw - top) / _TEMPERATURE) for raw, _, _ in scored]
    total = sum(exps)
    out = [
        Candidate(c.entry, c.matched_name, c.match, x / total, feats)
        for (_, c, feats), x in zip(scored, exps, strict=True)
    ]
    out.sort(key=lambda c: (-c.features["raw"], -c.entry.population, c.entry.geonameid))
    return out


def confidence_of(ranked: Sequence[Candidate]) -> float:
    """Confidence in [0, 1] of the top candidate: its probability times its match quality."""
    if not ranked:
        return 0.0
    top = ranked[0]
    quality = float(top.features.get("match", 1.0))
    return max(0.0, min(1.0, top.score * (0.5 + 0.5 * min(1.0, quality))))

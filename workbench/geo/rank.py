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
``capital``     1 for a national capital (PPLC): «واشنطن» is Washington D.C., not a town
``offside``     1 when the article has places but none in the candidate's country and the
                candidate is far (> 1,500 km) from all of them
``weak_offside`` ``offside`` for transliteration/fuzzy matches only (a weak spelling match
                far from the story: «باب الهوى» is not Babahoyo, Ecuador)
``remote``      0 within 150 km of the article's places, 1 from 1,000 km (weak matches only)
``definite_translit`` 1 for a transliteration match of a mention with «ال» to a Latin name
                without an Arabic article («المملكة» ≉ Malacca)

The ranked candidates carry ``score`` = softmax probability over the mention's candidates
*and a "none of them" option* whose raw score is :data:`NIL_RAW` (so scores sum to less
than 1 when no candidate is convincing), and ``features`` with every feature plus ``raw``
(the weighted sum). :func:`nil_wins` tells when "none of them" beats the best candidate.
Distances to the article's places are computed for all candidates at once (numpy).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from workbench.geo.model import Candidate, GazetteerEntry

__all__ = [
    "KIND_FIT",
    "NIL_RAW",
    "WEIGHTS",
    "RankingContext",
    "candidate_features",
    "confidence_of",
    "current_weights",
    "feature_matrix",
    "feature_rows",
    "haversine_km",
    "is_inside",
    "nil_wins",
    "rank_candidates",
]

WEIGHTS: dict[str, float] = {
    "match": 1.5,
    "prominence": 2.0,
    "kind": 1.0,
    "adjective": 1.0,
    "container": 1.0,
    "article": 0.8,
    "hint": 0.7,
    "proximity": 0.8,
    "sense": 1.0,
    "capital": 1.0,
    "offside": -0.4,
    "weak_offside": -1.6,
    "remote": -1.0,
    "definite_translit": -1.5,
}
# Raw score of "none of the candidates": a weak spelling match with nothing else for it.
NIL_RAW = 1.2
_WEAK = frozenset({"transliteration", "fuzzy"})
_OFFSIDE_KM = 1500.0
_LATIN_ARTICLE = re.compile(
    r"(al|el|ad|ar|as|ash|at|az|an|adh|ath|ed|es|et|ez|er|en|ul)[\s\-’'ʼ‘]", re.IGNORECASE
)
_COLUMNS = {k: i for i, k in enumerate(WEIGHTS)}
_AREAS = frozenset({"country", "region", "district"})
_ALWAYS = frozenset({"match", "prominence", "kind"})
# Candidates (best first) whose every feature is kept for explanations.
_FULL_FEATURES = 8

# trigger → kind → fit. ``None`` is the bare mention: a bare country name is the country.
KIND_FIT: dict[str | None, dict[str, float]] = {
    None: {"country": 0.8, "region": -0.3, "district": -0.5, "city": 0.0, "town": -0.1, "village": -0.2},
    "city": {"country": -1.0, "region": -0.8, "district": -0.8, "city": 0.6, "town": 0.4, "village": 0.0},
    "town": {"country": -1.0, "region": -0.8, "district": -0.8, "city": -0.3, "town": 0.6, "village": 0.4},
    "village": {"country": -1.0, "region": -1.0, "district": -1.0, "city": -1.0, "town": 0.3, "village": 0.8},
    "region": {"country": -0.8, "region": 1.0, "district": 0.6, "city": -0.3, "town": -0.6, "village": -0.8},
    "capital": {
        "country": -0.3,
        "region": -0.6,
        "district": -0.8,
        "city": 0.0,
        "town": -0.6,
        "village": -0.6,
    },
    "country": {
        "country": 1.0,
        "region": -0.8,
        "district": -0.8,
        "city": -0.8,
        "town": -0.8,
        "village": -0.8,
    },
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
    near_boxes
        ``(min_lon, min_lat, max_lon, max_lat)`` of the article's countries, widened: a
        candidate inside one is not "offside" even when far from every anchor point.
    definite
        The mention carries the Arabic article «ال» (Arabic-origin names and common words
        do; phonetic renderings of foreign names rarely do).
    """

    trigger: str | None = None
    adjective_country: str | None = None
    container: GazetteerEntry | None = None
    article_countries: Mapping[str, float] = field(default_factory=dict)
    anchors: Sequence[tuple[float, float]] = ()
    country_hints: Sequence[str] = ()
    sense_support: Mapping[tuple[str, str], float] = field(default_factory=dict)
    definite: bool = False
    near_boxes: Sequence[tuple[float, float, float, float]] = ()


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


@lru_cache(maxsize=1)
def current_weights() -> tuple[dict[str, float], float]:
    """The weights in use: the learned ones of ``data/geo/ranker_weights.json`` if present.

    Features missing from the file keep their hand-set :data:`WEIGHTS` value; set
    ``WORKBENCH_GEO_HAND_WEIGHTS=1`` to use the hand-set weights only.
    """
    import json
    import os

    from workbench.geo.paths import data_dir

    path = data_dir() / "ranker_weights.json"
    if os.environ.get("WORKBENCH_GEO_HAND_WEIGHTS") or not path.is_file():
        return dict(WEIGHTS), NIL_RAW
    data = json.loads(path.read_text(encoding="utf-8"))
    weights = {k: float(data.get("weights", {}).get(k, v)) for k, v in WEIGHTS.items()}
    return weights, float(data.get("nil_raw", NIL_RAW))


def _min_distances_km(
    lats: np.ndarray, lons: np.ndarray, anchors: Sequence[tuple[float, float]]
) -> np.ndarray:
    """Distance (km) of each point to its nearest anchor, all at once."""
    a = np.radians(np.asarray(anchors, dtype=float))
    p1, l1 = np.radians(lats)[:, None], np.radians(lons)[:, None]
    p2, l2 = a[None, :, 0], a[None, :, 1]
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin((l2 - l1) / 2) ** 2
    d = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    return d.min(axis=1)


def feature_rows(candidates: Sequence[Candidate], ctx: RankingContext) -> list[list[float]]:
    """Feature values of all candidates of a mention, one row per candidate.

    The columns are the keys of :data:`WEIGHTS`. Plain Python except the distances to the
    article's places (numpy): mentions have a few dozen candidates at most, where list
    arithmetic beats array set-up.
    """
    n = len(candidates)
    if n == 0:
        return []
    col = _COLUMNS
    k = len(col)
    rows = [[0.0] * k for _ in range(n)]
    entries = [c.entry for c in candidates]
    fit = KIND_FIT.get(ctx.trigger, KIND_FIT[None])
    # «قرية X»: the writer already says it is small; size says little about which one.
    prom_scale = 0.4 if ctx.trigger in ("village", "town") else 1.0
    capital_value = 0.0
    if ctx.trigger in (None, "city", "capital"):
        capital_value = 0.5 if ctx.trigger is None else 1.0  # bare «جيبوتي» stays the country
    points = [i for i, e in enumerate(entries) if e.kind not in _AREAS]
    dist: list[float] = [math.inf] * n
    if ctx.anchors and points:
        lats = np.fromiter((entries[i].latitude for i in points), float, len(points))
        lons = np.fromiter((entries[i].longitude for i in points), float, len(points))
        for i, d in zip(points, _min_distances_km(lats, lons, ctx.anchors).tolist(), strict=True):
            dist[i] = d
    arts, hints, adj = ctx.article_countries, ctx.country_hints, ctx.adjective_country
    sup = ctx.sense_support
    i_match, i_prom, i_kind, i_cap = col["match"], col["prominence"], col["kind"], col["capital"]
    for i, (c, e, row) in enumerate(zip(candidates, entries, rows, strict=True)):
        f = c.features
        weak = c.match in _WEAK or bool(f.get("common") or f.get("partial"))
        row[i_match] = float(f.get("match_quality", c.score))
        if e.kind == "country":
            prom = 1.0
        elif e.kind == "region":
            prom = 0.75
        elif e.kind == "district":
            prom = 0.5
        else:
            # GeoNames writes 0 for "unknown": count it as a typical village, not as empty.
            prom = min(1.0, math.log10((e.population or 300) + 1.0) / 6.5)
        row[i_prom] = prom * prom_scale
        row[i_kind] = fit.get(e.kind, 0.0)
        if e.feature_code == "PPLC":
            if ctx.trigger == "capital":
                row[i_kind] = 1.2
            row[i_cap] = capital_value
        cc = e.country_code
        if adj:
            row[col["adjective"]] = 1.0 if cc == adj else -1.2
        if ctx.container is not None:
            row[col["container"]] = 1.0 if is_inside(e, ctx.container) else -2.0
        row[col["article"]] = float(arts.get(cc, 0.0))
        if hints and cc in hints:
            row[col["hint"]] = 1.0
        d = dist[i]
        if d != math.inf:
            row[col["proximity"]] = math.exp(-d / 400.0)
            if weak:
                row[col["remote"]] = min(1.0, max(0.0, (d - 150.0) / 850.0))
        if (
            arts
            and cc not in arts
            and cc not in hints
            and cc != adj
            and e.kind != "country"
            and d > _OFFSIDE_KM
            and not any(
                x0 <= e.longitude <= x1 and y0 <= e.latitude <= y1 for x0, y0, x1, y1 in ctx.near_boxes
            )
        ):
            row[col["offside"]] = 1.0
            if weak:
                row[col["weak_offside"]] = 1.0
        # «المملكة» is not Malacca: a definite Arabic word matched to a foreign name.
        if ctx.definite and c.match == "transliteration" and not _LATIN_ARTICLE.match(c.matched_name):
            row[col["definite_translit"]] = 1.0
        if sup:
            row[col["sense"]] = max(sup.get((cc, e.admin1_code), 0.0), 0.5 * sup.get((cc, ""), 0.0))
    return rows


def feature_matrix(
    candidates: Sequence[Candidate], ctx: RankingContext
) -> tuple[tuple[str, ...], np.ndarray]:
    """Feature values of all candidates of a mention as a matrix (see the module docstring).

    Returns
    -------
    names, matrix
        The feature names (the keys of :data:`WEIGHTS`) and an ``(n, k)`` float matrix.
    """
    rows = feature_rows(candidates, ctx)
    return tuple(WEIGHTS), np.array(rows, dtype=float).reshape(len(rows), len(WEIGHTS))


def candidate_features(c: Candidate, ctx: RankingContext) -> dict[str, float]:
    """Non-zero feature values of one candidate in a context (see the module docstring)."""
    names, m = feature_matrix([c], ctx)
    return {k: float(v) for k, v in zip(names, m[0], strict=True) if v or k in _ALWAYS}


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
        sums, with the "none of them" option :data:`NIL_RAW` in the denominator) and whose
        ``features`` hold the non-zero feature values and ``raw`` (beyond the first
        eight: only ``match`` and ``raw``).
    """
    if not candidates:
        return []
    names = tuple(WEIGHTS)
    rows = feature_rows(candidates, ctx)
    table, nil_raw = current_weights()
    weights = [table[k] for k in names]
    raw_l = [sum(w * v for w, v in zip(weights, row, strict=True) if v) for row in rows]
    top = max(max(raw_l), nil_raw)
    exps = [math.exp((r - top) / _TEMPERATURE) for r in raw_l]
    total = sum(exps) + math.exp((nil_raw - top) / _TEMPERATURE)
    prob_l = [x / total for x in exps]
    pops = [c.entry.population for c in candidates]
    order = sorted(range(len(candidates)), key=lambda i: (-raw_l[i], -pops[i], candidates[i].entry.geonameid))
    out = []
    imatch = names.index("match")
    for rank, i in enumerate(order):
        c = candidates[i]
        feats = dict(c.features)
        if rank < _FULL_FEATURES:
            feats.update((k, v) for k, v in zip(names, rows[i], strict=True) if v or k in _ALWAYS)
        else:  # the tail is only listed: keep its match quality and score
            feats["match"] = rows[i][imatch]
        feats["raw"] = raw_l[i]
        out.append(Candidate(c.entry, c.matched_name, c.match, prob_l[i], feats, c.note))
    return out


def nil_wins(ranked: Sequence[Candidate]) -> bool:
    """Whether "none of the candidates" beats the best one (no candidate, or raw < NIL_RAW)."""
    return not ranked or ranked[0].features.get("raw", 0.0) < current_weights()[1]


def confidence_of(ranked: Sequence[Candidate]) -> float:
    """Confidence in [0, 1] of the top candidate: its probability times its match quality."""
    if not ranked:
        return 0.0
    top = ranked[0]
    quality = float(top.features.get("match", 1.0))
    return max(0.0, min(1.0, top.score * (0.5 + 0.5 * min(1.0, quality))))

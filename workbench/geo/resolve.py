"""Resolve the place mentions of an article to gazetteer entries.

Steps (lookups here, scoring in :mod:`workbench.geo.rank`, text cues in
:mod:`workbench.geo.context`):

1. For each mention: cues (trigger word, country adjective) and gazetteer candidates.
2. Article evidence: countries and points of the *unambiguous* mentions (one exact
   Arabic reading, or all readings in one country).
3. First ranking of every mention; containers from «X في Y» are read from the ranked Y
   (a populated place as container stands for its admin-1 region).
4. Final ranking with containers and one-sense-per-article support; mentions of the
   same name end up in the same area (country + admin-1).
5. Container fallback: when the place must lie in a container but no candidate does,
   it is placed at the container (``precision="region"``/``"country"``, uncertainty = its
   radius). Mentions without any candidate are returned unresolved, never dropped.
"""

from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from workbench.articles.normalize import normalize_key
from workbench.errors import WorkbenchError
from workbench.geo.context import MentionCues, mention_cues, next_mention_relation
from workbench.geo.gazetteer import Gazetteer
from workbench.geo.model import Candidate, GazetteerEntry, Precision, ResolvedPlace
from workbench.geo.nisba import country_adjectives
from workbench.geo.rank import RankingContext, confidence_of, is_inside, rank_candidates

__all__ = ["MAX_CANDIDATES", "MIN_MATCH_IN_CONTAINER", "point_uncertainty_km", "resolve_places"]

log = logging.getLogger(__name__)

MAX_CANDIDATES = 5
# Below this name-match quality a candidate inside the container is not trusted
# (a historical name alone, 0.75 − 0.3, is not enough).
MIN_MATCH_IN_CONTAINER = 0.55
_PROCLITICS = ("و", "ب", "ل", "ف", "ك")
_KIND_WORDS = {"village": "village", "town": "town", "city": "city", "capital": "city"}


@dataclass
class _Item:
    index: int
    start: int
    end: int
    text: str
    cues: MentionCues | None = None
    candidates: list[Candidate] = field(default_factory=list)
    ranked: list[Candidate] = field(default_factory=list)
    container: GazetteerEntry | None = None
    error: str = ""

    @property
    def key(self) -> str:
        return normalize_key(self.cues.core if self.cues else self.text)


def point_uncertainty_km(entry: GazetteerEntry) -> float:
    """Rough radius of a place: a country's/region's radius, or a populated place's extent."""
    if entry.radius_km:
        return float(entry.radius_km)
    # ≈ 2,000 inhabitants per km² of built-up area, at least 1 km.
    return round(max(1.0, min(30.0, math.sqrt(entry.population / 2000.0 / math.pi))), 1)


def _lookup(gazetteer: Gazetteer, core: str) -> list[Candidate]:
    cands = gazetteer.candidates(core)
    if any(c.match == "arabic" for c in cands):
        return cands
    # A proclitic glued to the name by the tokenizer: «وكورسك», «بكورسك», «للقاهرة».
    if core[:1] in _PROCLITICS and len(core) > 3:
        stripped = "ال" + core[2:] if core.startswith("لل") else core[1:]
        extra = [
            Candidate(c.entry, c.matched_name, c.match, c.score - 0.05, {**c.features})
            for c in gazetteer.candidates(stripped)
        ]
        seen = {c.entry.geonameid for c in cands}
        cands = cands + [c for c in extra if c.entry.geonameid not in seen]
    return cands


@dataclass(frozen=True)
class _Evidence:
    """Countries and points of the article's unambiguous mentions, by mention name."""

    votes: dict[str, Counter[str]]
    anchors: dict[str, list[tuple[float, float]]]

    def for_item(self, key: str) -> tuple[dict[str, float], list[tuple[float, float]]]:
        """Evidence from the *other* names of the article (a name does not vote for itself)."""
        votes: Counter[str] = Counter()
        for k, v in self.votes.items():
            if k != key:
                votes.update(v)
        total = sum(votes.values())
        shares = {cc: n / total for cc, n in votes.items()} if total else {}
        anchors = [pt for k, pts in self.anchors.items() if k != key for pt in pts]
        return shares, anchors


def _article_evidence(items: Sequence[_Item]) -> _Evidence:
    """Collect countries and points of the unambiguous mentions."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    anchors: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for it in items:
        exact = [c for c in it.candidates if c.match == "arabic"]
        if not exact:
            continue
        countries = {c.entry.country_code for c in exact}
        if len(countries) != 1:
            continue
        votes[it.key][countries.pop()] += 1
        places = [c.entry for c in exact if c.entry.kind not in ("country", "region")]
        if len(places) == 1 and (places[0].latitude, places[0].longitude) not in anchors[it.key]:
            anchors[it.key].append((places[0].latitude, places[0].longitude))
    return _Evidence(dict(votes), dict(anchors))


def _container_from(entry: GazetteerEntry, gazetteer: Gazetteer) -> GazetteerEntry | None:
    if entry.kind in ("region", "country"):
        return entry
    return gazetteer.admin1_for(entry.country_code, entry.admin1_code) or gazetteer.country(
        entry.country_code
    )


def _context(
    it: _Item,
    evidence: _Evidence,
    hints: tuple[str, ...],
    support: dict[tuple[str, str], float] | None = None,
) -> RankingContext:
    cues = it.cues
    shares, anchors = evidence.for_item(it.key)
    return RankingContext(
        trigger=cues.trigger if cues else None,
        adjective_country=cues.adjective_country if cues else None,
        container=it.container,
        article_countries=shares,
        anchors=anchors,
        country_hints=hints,
        sense_support=support or {},
    )


def _describe(c: Candidate, cues: MentionCues | None) -> str:
    e = c.entry
    f = c.features
    what = {
        "arabic": f"exact Arabic name «{c.matched_name}»",
        "latin": f"exact Latin name {c.matched_name}",
        "transliteration": f"transliteration ≈ {c.matched_name} ({f.get('similarity', 0.0):.2f})",
        "fuzzy": f"spelling variant of «{c.matched_name}» ({f.get('similarity', 0.0):.2f})",
    }.get(c.match, c.match)
    size = f", pop {e.population:,}" if e.population else ""
    parts = [f"{what}; {e.kind} in {e.country_code}{size}"]
    if cues and cues.trigger and f.get("kind", 0.0) > 0:
        parts.append(f"fits «{cues.trigger_word}»")
    if cues and cues.adjective_country and f.get("adjective", 0.0) > 0:
        parts.append(f"«{cues.adjective}» → {cues.adjective_country}")
    if f.get("container", 0.0) > 0:
        parts.append("inside the stated container")
    if f.get("article", 0.0) >= 0.2:
        parts.append(f"article is about {e.country_code}")
    if f.get("sense", 0.0) >= 0.5:
        parts.append("same place as other mentions")
    return "; ".join(parts)


def _resolve_item(it: _Item) -> ResolvedPlace:
    ranked = it.ranked
    top = ranked[:MAX_CANDIDATES]
    cont = it.container
    inside = [c for c in ranked if cont is not None and is_inside(c.entry, cont)]
    if cont is not None and (
        not inside
        or inside[0] is not ranked[0]
        or inside[0].features.get("match", 0.0) < MIN_MATCH_IN_CONTAINER
    ):
        kind = _KIND_WORDS.get(it.cues.trigger if it.cues and it.cues.trigger else "", "place")
        reason = f"{kind} not in gazetteer; placed at container {cont.name}"
        if ranked:
            best = ranked[0].entry
            if not is_inside(best, cont):
                reason += f"; best name match {best.name} ({best.country_code}) is outside it"
            elif ranked[0].features.get("historical"):
                reason += (
                    f"; {best.name} inside it matches only by a historical/foreign name "
                    f"({ranked[0].matched_name})"
                )
            else:
                reason += f"; {best.name} inside it matches too weakly"
        precision: Precision = "country" if cont.kind == "country" else "region"
        return ResolvedPlace(
            it.start, it.end, it.text, cont, 0.5 if precision == "region" else 0.35,
            tuple(top), reason, precision, point_uncertainty_km(cont),
        )  # fmt: skip
    if not ranked:
        return ResolvedPlace(
            it.start, it.end, it.text, None, 0.0, (),
            f"no gazetteer entry matches «{it.cues.core if it.cues else it.text}» "
            "(Arabic names, transliteration and spelling variants tried)",
        )  # fmt: skip
    best = ranked[0]
    return ResolvedPlace(
        it.start, it.end, it.text, best.entry, confidence_of(ranked), tuple(top),
        _describe(best, it.cues), "exact", point_uncertainty_km(best.entry),
    )  # fmt: skip


def _assign_containers(
    text: str,
    mentions: Sequence[tuple[int, int, str]],
    items: Sequence[_Item],
    gazetteer: Gazetteer,
) -> None:
    """Containers from «X في Y» / «X، Y» (Y a region or country) / «X وY في Z» (X gets Z)."""
    relations = [next_mention_relation(text, mentions, it.index) for it in items]
    # Right to left, so that «X وY في Z» sees Y's container when X is handled.
    order = sorted(range(len(items)), key=lambda k: -items[k].start)
    for k in order:
        it, rel = items[k], relations[k]
        if rel is None or (it.ranked and it.ranked[0].entry.kind == "country"):
            continue
        j, kind = rel
        other = items[j]
        cont: GazetteerEntry | None = None
        if kind == "and":
            cont = other.container
        elif other.ranked:
            top = other.ranked[0].entry
            if kind == "in" or top.kind in ("region", "country"):
                cont = _container_from(top, gazetteer)
        if cont is None:
            continue
        own = it.ranked[0].entry if it.ranked else None
        # A place is not its own container, and a region is not inside a region.
        if own is not None and (own.geonameid == cont.geonameid or own.kind == cont.kind):
            continue
        it.container = cont


def _sense_support(items: Sequence[_Item]) -> dict[str, dict[tuple[str, str], float]]:
    by_key: dict[str, dict[tuple[str, str], float]] = defaultdict(lambda: defaultdict(float))
    counts: Counter[str] = Counter()
    for it in items:
        if not it.ranked:
            continue
        counts[it.key] += 1
        top = it.ranked[0]
        area = (top.entry.country_code, top.entry.admin1_code)
        by_key[it.key][area] += top.score
        by_key[it.key][(top.entry.country_code, "")] += top.score
    return {
        k: {a: v / counts[k] for a, v in areas.items()}
        for k, areas in by_key.items()
        if counts[k] > 1
    }


def _one_sense(items: Sequence[_Item]) -> None:
    """Make mentions of the same name agree on the area (country + admin-1) of their place."""
    groups: dict[str, list[_Item]] = defaultdict(list)
    for it in items:
        if it.ranked and it.container is None:
            groups[it.key].append(it)
    for group in groups.values():
        if len(group) < 2:
            continue
        mass: Counter[tuple[str, str]] = Counter()
        for it in group:
            for c in it.ranked:
                mass[(c.entry.country_code, c.entry.admin1_code)] += c.score
        area = mass.most_common(1)[0][0]
        for it in group:
            same = [c for c in it.ranked if (c.entry.country_code, c.entry.admin1_code) == area]
            if same and same[0] is not it.ranked[0]:
                rest = [c for c in it.ranked if c is not same[0]]
                it.ranked = [same[0], *rest]


def resolve_places(
    text: str,
    mentions: Sequence[tuple[int, int, str]],
    gazetteer: Gazetteer,
    *,
    country_hints: Sequence[str] = (),
) -> list[ResolvedPlace]:
    """Resolve LOC mentions of ``text`` to places.

    Parameters
    ----------
    text
        The article text; mention offsets index it.
    mentions
        ``(start, end, label)`` character spans; the mention is ``text[start:end]``.
    gazetteer
        An open :class:`~workbench.geo.gazetteer.Gazetteer`.
    country_hints
        ISO codes the analyst expects (e.g. ``("RU", "UA")``); a mild preference.

    Returns
    -------
    list of ResolvedPlace
        One per mention, in the order given. Unresolvable mentions have ``entry=None``
        and a ``reason``; a failing mention never fails the others.
    """
    hints = tuple(h.upper() for h in country_hints)
    table = country_adjectives()
    items = [_Item(i, s, e, text[s:e]) for i, (s, e, _label) in enumerate(mentions)]
    cache: dict[str, list[Candidate]] = {}
    for it in items:
        try:
            if not (0 <= it.start < it.end <= len(text)):
                raise ValueError(f"span ({it.start}, {it.end}) outside the text")
            it.cues = mention_cues(text, it.start, it.end, table)
            core = it.cues.core
            if core not in cache:
                cache[core] = _lookup(gazetteer, core)
            it.candidates = cache[core]
        except (WorkbenchError, ValueError, LookupError) as exc:
            log.warning("place mention %r failed: %s", it.text, exc)
            it.error = str(exc)

    evidence = _article_evidence(items)
    for it in items:
        it.ranked = rank_candidates(it.candidates, _context(it, evidence, hints))

    _assign_containers(text, mentions, items, gazetteer)

    support = _sense_support(items)
    for it in items:
        if it.candidates:
            ctx = _context(it, evidence, hints, support.get(it.key))
            it.ranked = rank_candidates(it.candidates, ctx)
    _one_sense(items)

    out: list[ResolvedPlace] = []
    for it in items:
        if it.error:
            out.append(
                ResolvedPlace(it.start, it.end, it.text, None, 0.0, (), f"error: {it.error}")
            )
            continue
        try:
            out.append(_resolve_item(it))
        except (WorkbenchError, ValueError, LookupError) as exc:  # pragma: no cover - defensive
            log.warning("place mention %r failed: %s", it.text, exc)
            out.append(ResolvedPlace(it.start, it.end, it.text, None, 0.0, (), f"error: {exc}"))
    return out

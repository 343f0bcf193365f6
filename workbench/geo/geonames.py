"""Import full GeoNames dumps as a gazetteer layer (``workbench gazetteer import``).

Accepted inputs, as files or ``http(s)`` URLs:

- a country dump ``XX.zip`` or ``allCountries.zip`` (or the unzipped ``.txt``): the
  19-column ``geoname`` table of https://download.geonames.org/export/dump/;
- ``alternateNamesV2.zip`` or a per-country ``alternatenames/XX.zip``: the 10-column
  alternate-names table (language, preferred, short, colloquial, historic flags).

The format is detected from the first row (19 columns: places; 10 or 8: alternate names),
so a per-country alternate-names ``XX.zip`` is not mistaken for the country dump.

Populated places (feature class ``P``, without abandoned/destroyed/historical codes) and
second/third-level divisions (``ADM2``/``ADM3``, kind ``district``) are written into one
layer file, ``geonames.sqlite`` in :meth:`Gazetteer.layers_dir`, with the schema of the
built-in gazetteer. First-level regions and countries are not imported: the built-in file
has them with Natural Earth names and radii.

Imports stream (the dumps are never unpacked to disk), show a progress bar, commit every
:data:`BATCH_ROWS` rows and record how far they got: an interrupted import resumes
where it stopped, and a finished one is skipped unless ``force``. URLs are downloaded
into ``<cache>/downloads`` with HTTP range requests, so a broken download resumes too.
Alternate names only enrich places already in the layer (import the country dumps first).
"""

from __future__ import annotations

import io
import json
import logging
import sqlite3
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.articles.normalize import normalize_key
from workbench.errors import GazetteerError
from workbench.geo.build import (
    _SCHEMA,
    FLAG_HISTORICAL,
    FLAG_PREFERRED,
    SCHEMA_HASH,
    _pick_display_arabic,
    _Writer,
    kind_for,
)
from workbench.geo.paths import APP_NAME, SCHEMA_VERSION, cache_dir
from workbench.geo.translit import is_arabic, skeleton_cyrillic, skeleton_keys

__all__ = [
    "BATCH_ROWS",
    "ImportResult",
    "download",
    "import_geonames",
    "layer_path",
    "open_layer",
]

log = logging.getLogger(__name__)

BATCH_ROWS = 20_000
LAYER_NAME = "geonames.sqlite"
# Feature codes of populated places that are gone or only historical.
_SKIP_P = frozenset({"PPLH", "PPLQ", "PPLW", "PPLCH"})
_DISTRICTS = frozenset({"ADM2", "ADM3"})
_DISTRICT_RADIUS_KM = {"ADM2": 25.0, "ADM3": 10.0}
# Pseudo-languages of alternateNames that are not names.
_NOT_NAMES = frozenset(
    {"link", "wkdt", "post", "iata", "icao", "faac", "fr_1793", "abbr", "unlc", "tcid", "phon"}
)
_IMPORTS_TABLE = """
CREATE TABLE IF NOT EXISTS imports(
    source TEXT PRIMARY KEY,
    format TEXT NOT NULL,
    size INTEGER NOT NULL,
    rows_done INTEGER NOT NULL,
    rows_used INTEGER NOT NULL,
    complete INTEGER NOT NULL,
    updated TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class ImportResult:
    """What one input contributed to the layer."""

    source: str
    format: str  # "geoname" or "alternatenames"
    rows_read: int
    rows_used: int
    skipped: bool = False  # already imported completely
    error: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view."""
        return dict(self.__dict__)


def layer_path(layers_dir: Path | None = None) -> Path:
    """The GeoNames layer file (``geonames.sqlite`` in the layers folder)."""
    from workbench.geo.paths import default_layers_dir

    return (layers_dir or default_layers_dir()) / LAYER_NAME


def open_layer(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) a layer file for writing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    new = not path.exists()
    con = sqlite3.connect(path)
    if new:
        con.executescript(_SCHEMA)
        con.executescript(
            "CREATE INDEX places_areas ON places(country_code, admin1_code) "
            "WHERE kind IN ('country', 'region');"
        )
        meta = {
            "app": APP_NAME,
            "schema_version": SCHEMA_VERSION,
            "schema_hash": SCHEMA_HASH,
            "layer": "geonames",
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "sources": "GeoNames dumps (CC BY 4.0)",
        }
        con.executemany("INSERT INTO meta VALUES (?, ?)", [(k, json.dumps(v)) for k, v in meta.items()])
    con.executescript(_IMPORTS_TABLE)
    con.commit()
    return con


def download(
    url: str, target_dir: Path | None = None, *, progress: bool = True, timeout: float = 60.0
) -> Path:
    """Download ``url`` into ``target_dir`` (default ``<cache>/downloads``), resuming.

    A partial download is kept as ``NAME.part`` and continued with an HTTP ``Range``
    request; a server that ignores ranges makes it start over.

    Raises
    ------
    GazetteerError
        The server answered with an error or could not be reached.
    """
    import httpx

    target_dir = target_dir or cache_dir() / "downloads"
    target_dir.mkdir(parents=True, exist_ok=True)
    name = url.rstrip("/").rsplit("/", 1)[-1] or "download"
    target = target_dir / name
    if target.exists():
        return target
    part = target.with_name(name + ".part")
    have = part.stat().st_size if part.exists() else 0
    headers = {"Range": f"bytes={have}-"} if have else {}
    try:
        with httpx.stream("GET", url, headers=headers, timeout=timeout, follow_redirects=True) as resp:
            if resp.status_code == 416:  # already complete
                part.rename(target)
                return target
            if resp.status_code >= 400:
                raise GazetteerError(
                    f"download of {url} failed with HTTP {resp.status_code}; check the URL "
                    "or download the file yourself and import it from disk",
                    code="W310",
                )
            mode = "ab" if resp.status_code == 206 else "wb"
            start = have if mode == "ab" else 0
            total = int(resp.headers.get("content-length") or 0) + start
            bar = _bar(progress, total or None, f"download {name}", start)
            with part.open(mode) as fh:
                for chunk in resp.iter_bytes(1 << 16):
                    fh.write(chunk)
                    bar(len(chunk))
            bar(0, close=True)
    except httpx.HTTPError as exc:
        raise GazetteerError(
            f"download of {url} failed ({exc}); run the import again to resume", code="W310"
        ) from exc
    part.rename(target)
    return target


def _bar(enabled: bool, total: int | None, desc: str, initial: int = 0) -> Callable[..., None]:
    """A tqdm progress callback ``update(n, close=False)`` (a no-op when disabled)."""
    if not enabled:
        return lambda n, close=False: None
    from tqdm.auto import tqdm

    bar = tqdm(total=total, initial=initial, desc=desc, unit="B", unit_scale=True, mininterval=1.0)

    def update(n: int, close: bool = False) -> None:
        if n:
            bar.update(n)
        if close:
            bar.close()

    return update


def _open_text(path: Path) -> tuple[io.TextIOBase, int]:
    """A text stream of the data member of a GeoNames zip (or of a plain file) and its size."""
    if zipfile.is_zipfile(path):
        zf = zipfile.ZipFile(path)
        members = [
            i
            for i in zf.infolist()
            if i.filename.endswith(".txt")
            and not i.filename.lower().startswith(("readme", "iso-languagecodes"))
        ]
        if not members:
            raise GazetteerError(f"{path} holds no GeoNames .txt table", code="W311")
        info = max(members, key=lambda i: i.file_size)
        raw = zf.open(info)
        return io.TextIOWrapper(raw, encoding="utf-8", newline="\n"), info.file_size
    return path.open(encoding="utf-8", newline="\n"), path.stat().st_size


def _detect(first_line: str) -> str:
    n = len(first_line.rstrip("\n").split("\t"))
    if n == 19:
        return "geoname"
    if n in (8, 10):
        return "alternatenames"
    raise GazetteerError(
        f"unrecognised GeoNames table ({n} tab-separated columns; expected 19 for XX.zip/"
        "allCountries.zip or 10 for alternateNamesV2.zip)",
        code="W311",
    )


def _lines(path: Path, progress: bool, desc: str) -> Iterator[str]:
    fh, size = _open_text(path)
    bar = _bar(progress, size, desc)
    try:
        for line in fh:
            bar(len(line))
            yield line
    finally:
        bar(0, close=True)
        fh.close()


def _place_rows(w: _Writer, fields: list[str], countries: frozenset[str] | None) -> bool:
    """Write one geoname row into the layer; whether it was used."""
    if len(fields) < 19:
        return False
    fclass, fcode, cc = fields[6], fields[7], fields[8]
    if countries and cc not in countries:
        return False
    if fclass == "P" and fcode not in _SKIP_P:
        pop = int(fields[14] or 0)
        kind, radius = kind_for(pop, fcode), 0.0
    elif fclass == "A" and fcode in _DISTRICTS:
        pop, kind, radius = int(fields[14] or 0), "district", _DISTRICT_RADIUS_KM[fcode]
    else:
        return False
    gid = int(fields[0])
    name = fields[1]
    alts = [a for a in fields[3].split(",") if a] if fields[3] else []
    arabic = [a for a in alts if is_arabic(a)]
    w.place(
        (gid, name, _pick_display_arabic(arabic), float(fields[4]), float(fields[5]), cc,
         fcode, kind, pop, fields[10], radius, "")
    )  # fmt: skip
    w.name(gid, name, FLAG_PREFERRED)
    if fields[2] and fields[2] != name:
        w.name(gid, fields[2])
    local = {skeleton_cyrillic(a) for a in alts if any("\u0400" <= ch <= "\u04ff" for ch in a)}
    local.discard("")
    for a in alts:
        if a in arabic:
            w.name(gid, a)
        elif (
            local
            and a != name
            and not any("\u0400" <= ch <= "\u04ff" for ch in a)
            and not (set(skeleton_keys(a)) & local)
        ):
            # A Latin name that sounds like none of the local ones: historical or foreign.
            w.name(gid, a, FLAG_HISTORICAL)
        else:
            w.name(gid, a)
    return True


def _alt_row(fields: list[str], ids: set[int], pending: list[tuple[Any, ...]]) -> bool:
    """Queue one alternate-name row for a place of the layer; whether it was used."""
    if len(fields) < 4:
        return False
    gid = int(fields[1])
    lang, name = fields[2], fields[3].strip()
    if gid not in ids or lang in _NOT_NAMES or not name:
        return False
    preferred = len(fields) > 4 and fields[4] == "1"
    historic = len(fields) > 7 and fields[7] == "1"
    flags = (FLAG_PREFERRED if preferred else 0) | (FLAG_HISTORICAL if historic else 0)
    pending.append((gid, name, flags, lang))
    return True


def _flush_alts(con: sqlite3.Connection, pending: list[tuple[Any, ...]]) -> None:
    from workbench.geo.translit import fold_latin

    names: list[tuple[str, int, str, int, str]] = []
    skels: set[tuple[str, str, str]] = set()
    ar_skel: dict[int, set[str]] = {}
    ar_display: dict[int, str] = {}
    for gid, name, flags, lang in pending:
        if is_arabic(name):
            norm, script = normalize_key(name), "ar"
            if lang == "ar" and (flags & FLAG_PREFERRED or gid not in ar_display):
                ar_display[gid] = name
        else:
            norm, script = fold_latin(name), "latin"
            if not norm.isascii() or not any(c.isalpha() for c in norm):
                continue
        names.append((norm, gid, script, flags, name))
        keys = [k for k in skeleton_keys(norm if script == "ar" else name) if len(k) >= 2]
        skels.update((k, script, norm) for k in keys)
        if script == "ar":
            ar_skel.setdefault(gid, set()).update(keys)
    con.executemany(
        "INSERT INTO names VALUES (?,?,?,?,?) ON CONFLICT(norm, geonameid) "
        "DO UPDATE SET flags = flags | excluded.flags",
        names,
    )
    con.executemany("INSERT OR IGNORE INTO skeletons VALUES (?,?,?)", sorted(skels))
    con.executemany(
        "UPDATE places SET ar_skel = trim(ar_skel || ' ' || ?) WHERE geonameid = ?",
        [(" ".join(sorted(k)), gid) for gid, k in ar_skel.items()],
    )
    con.executemany(
        "UPDATE places SET name_ar = ? WHERE geonameid = ? AND name_ar = ''",
        [(v, gid) for gid, v in ar_display.items()],
    )
    pending.clear()


def _import_one(
    con: sqlite3.Connection,
    path: Path,
    source: str,
    *,
    countries: frozenset[str] | None,
    force: bool,
    progress: bool,
) -> ImportResult:
    size = path.stat().st_size
    row = con.execute(
        "SELECT format, size, rows_done, rows_used, complete FROM imports WHERE source=?",
        (source,),
    ).fetchone()
    if row and row[1] != size:
        row = None  # another file under the same name: start over
    if row and row[4] and not force:
        return ImportResult(source, row[0], row[2], row[3], skipped=True)
    done = 0 if (row is None or force) else int(row[2])
    used = 0 if (row is None or force) else int(row[3])
    lines = _lines(path, progress, path.name)
    first = next(lines, "")
    if not first:
        return ImportResult(source, "", 0, 0, error="empty file")
    fmt = _detect(first)
    w = _Writer(con)
    ids: set[int] = set()
    if fmt == "alternatenames":
        ids = {r[0] for r in con.execute("SELECT geonameid FROM places")}
    pending: list[tuple[Any, ...]] = []
    n = 0

    def commit(complete: bool) -> None:
        if fmt == "geoname":
            w.finish()
        else:
            _flush_alts(con, pending)
        con.execute(
            "INSERT OR REPLACE INTO imports VALUES (?,?,?,?,?,?,?)",
            (source, fmt, size, n, used, int(complete),
             time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
        )  # fmt: skip
        con.commit()

    for line in _chain(first, lines):
        n += 1
        if n <= done:
            continue  # committed by an earlier, interrupted run
        fields = line.rstrip("\n").split("\t")
        try:
            if fmt == "geoname":
                used += _place_rows(w, fields, countries)
            else:
                used += _alt_row(fields, ids, pending)
        except (ValueError, IndexError) as exc:  # fail per row, not per file
            log.debug("skipping malformed row %d of %s: %s", n, source, exc)
        if n % BATCH_ROWS == 0:
            commit(False)
    commit(True)
    return ImportResult(source, fmt, n, used)


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def import_geonames(
    sources: Sequence[str | Path],
    *,
    layers_dir: Path | None = None,
    countries: Sequence[str] = (),
    force: bool = False,
    progress: bool = True,
) -> list[ImportResult]:
    """Import GeoNames dumps (files or URLs) into the GeoNames gazetteer layer.

    Parameters
    ----------
    sources
        ``XX.zip``, ``allCountries.zip``, ``alternateNamesV2.zip`` (or the ``.txt``
        inside), as paths or ``http(s)`` URLs. Place dumps are imported before
        alternate-name files whatever the order given.
    layers_dir
        Folder of the layer file; default the one next to the default gazetteer.
    countries
        Only import places of these ISO codes (useful with ``allCountries.zip``).
    force
        Re-import inputs that were imported completely before.
    progress
        Show progress bars.

    Returns
    -------
    list of ImportResult
        One per input; a failing input is reported with ``error`` and the others go on.
    """
    path = layer_path(layers_dir)
    con = open_layer(path)
    wanted = frozenset(c.upper() for c in countries) or None
    results: list[ImportResult] = []
    resolved: list[tuple[str, Path | None, str]] = []
    for src in sources:
        s = str(src)
        try:
            local = download(s, progress=progress) if s.startswith(("http://", "https://")) else Path(s)
            if not local.is_file():
                raise GazetteerError(f"no such file: {local}", code="W311")
            resolved.append((s, local, ""))
        except GazetteerError as exc:
            resolved.append((s, None, str(exc)))
    # Places first, so that alternate names find their places.
    resolved.sort(key=lambda t: "alternate" in t[0].lower())
    try:
        for s, p, err in resolved:
            if p is None:
                results.append(ImportResult(s, "", 0, 0, error=err))
                continue
            try:
                results.append(
                    _import_one(
                        con,
                        p,
                        p.name if not s.startswith("http") else s,
                        countries=wanted,
                        force=force,
                        progress=progress,
                    )
                )
            except (GazetteerError, OSError, zipfile.BadZipFile, UnicodeDecodeError) as exc:
                con.rollback()
                results.append(ImportResult(s, "", 0, 0, error=str(exc)))
        counts = dict(con.execute("SELECT kind, COUNT(*) FROM places GROUP BY kind").fetchall())
        con.executemany(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)",
            [(f"count_{k}", json.dumps(v)) for k, v in counts.items()],
        )
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_hash', ?)", (json.dumps(SCHEMA_HASH),))
        con.commit()
    finally:
        con.close()
    return results

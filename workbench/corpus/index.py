"""The corpus index: a SQLite file (FTS5) over the outputs of ``workbench batch``.

Tables: ``articles`` (original text and metadata), ``articles_fts`` (the
:func:`~workbench.articles.normalize_key`-normalized title and text, trigram
tokenizer), ``entities`` and ``places`` (with normalized text and coordinates). The
pure parts (query parsing, spans, snippets, distances, timelines) are in
:mod:`workbench.corpus.queries`; this module only runs SQL and shapes rows into
:mod:`workbench.corpus.model` results.

>>> idx = build_index("out/places.gpkg", "out/corpus.sqlite")   # doctest: +SKIP
>>> [h.title for h in idx.search("دمشق")][:3]                    # doctest: +SKIP
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.articles.normalize import normalize_key
from workbench.corpus import queries as q
from workbench.corpus.model import ArticleRef, EntityCount, PlaceCount, PlaceMention, SearchHit
from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    import pandas as pd

    from workbench.geo.gazetteer import Gazetteer

__all__ = ["INDEX_FORMAT", "CorpusIndex", "build_index"]

INDEX_FORMAT = "workbench-corpus-index-v1"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE articles(
    rid INTEGER PRIMARY KEY, article_id TEXT UNIQUE NOT NULL, title TEXT, url TEXT,
    published TEXT, day TEXT, source TEXT, text TEXT NOT NULL);
CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, tokenize='trigram');
CREATE TABLE entities(rid INTEGER NOT NULL, start INTEGER, "end" INTEGER, text TEXT, norm TEXT, label TEXT);
CREATE TABLE places(
    rid INTEGER NOT NULL, start INTEGER, "end" INTEGER, text TEXT, norm TEXT, name TEXT, name_ar TEXT,
    geonameid INTEGER, country_code TEXT, admin1_code TEXT, feature TEXT, kind TEXT,
    latitude REAL, longitude REAL, confidence REAL, resolved INTEGER);
"""
_INDEXES = """
CREATE INDEX articles_day ON articles(day);
CREATE INDEX entities_norm ON entities(norm, label);
CREATE INDEX entities_rid ON entities(rid);
CREATE INDEX places_geonameid ON places(geonameid);
CREATE INDEX places_latlon ON places(latitude, longitude);
CREATE INDEX places_admin ON places(country_code, admin1_code);
CREATE INDEX places_rid ON places(rid);
CREATE INDEX places_norm ON places(norm);
"""


def _none(v: Any) -> Any:
    """Pandas missing values (NaN, NA, NaT) as ``None``."""
    if v is None:
        return None
    try:
        if v != v:  # NaN
            return None
    except (TypeError, ValueError):
        return v
    import pandas as pd

    return None if v is pd.NA else v


def _day(published: Any) -> str | None:
    p = _none(published)
    return p[:10] if isinstance(p, str) and _DAY.match(p) else None


_MENTION_FIELDS = (
    "article_id", "title", "published", "start", "end", "text", "name", "geonameid", "country_code",
    "latitude", "longitude",
)  # fmt: skip


def _mention(row: Sequence[Any], distance_km: float | None = None) -> PlaceMention:
    """A :class:`PlaceMention` from a row of ``CorpusIndex._PLACE_SELECT``."""
    return PlaceMention(**dict(zip(_MENTION_FIELDS, row, strict=True)), distance_km=distance_km)


def build_index(batch_output: Path | str, db_path: Path | str) -> CorpusIndex:
    """Build (or rebuild) the index of a batch output.

    Parameters
    ----------
    batch_output
        The places file written by ``workbench batch`` (``.gpkg`` or ``.parquet``); the
        entities and articles files next to it are read too.
    db_path
        The SQLite file to write; replaced atomically when it exists.

    Returns
    -------
    CorpusIndex
        The new index, open.
    """
    from workbench.batch.writers import read_batch_output

    articles, places, entities = read_batch_output(batch_output)
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = db_path.with_name(db_path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript(_SCHEMA)
        rid_of: dict[str, int] = {}
        rows = []
        fts = []
        for rid, a in enumerate(articles.itertuples(index=False), start=1):
            rid_of[a.article_id] = rid
            title, text = _none(a.title), a.text
            rows.append((rid, a.article_id, title, _none(a.url), _none(a.published), _day(a.published),
                         _none(a.source), text))  # fmt: skip
            fts.append((rid, normalize_key(title or ""), normalize_key(text)))
        con.executemany("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?)", rows)
        con.executemany("INSERT INTO articles_fts(rowid, title, body) VALUES (?,?,?)", fts)
        con.executemany(
            "INSERT INTO entities VALUES (?,?,?,?,?,?)",
            [
                (rid_of[e.article_id], int(e.start), int(e.end), e.text, normalize_key(e.text), e.label)
                for e in entities.itertuples(index=False)
                if e.article_id in rid_of
            ],
        )
        con.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    rid_of[p.article_id],
                    int(p.start),
                    int(p.end),
                    p.text,
                    normalize_key(p.text),
                    _none(p.name),
                    _none(p.name_ar),
                    None if _none(p.geonameid) is None else int(p.geonameid),
                    _none(p.country_code),
                    _none(p.admin1_code),
                    _none(p.feature),
                    _none(p.kind),
                    _none(p.latitude),
                    _none(p.longitude),
                    _none(p.confidence),
                    int(bool(p.resolved)),
                )
                for p in places.drop(columns="geometry").itertuples(index=False)
                if p.article_id in rid_of
            ],
        )
        con.executescript(_INDEXES)
        con.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [("format", INDEX_FORMAT), ("source", str(Path(batch_output).resolve()))],
        )
        con.commit()
    finally:
        con.close()
    os.replace(tmp, db_path)
    return CorpusIndex(db_path).open()


class CorpusIndex:
    """Queries over an index file built by :func:`build_index`.

    Parameters
    ----------
    path
        The SQLite file. Nothing is read until :meth:`open`.

    Notes
    -----
    Connections are read-only and per thread, like the gazetteer's.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._opened = False

    def open(self) -> CorpusIndex:
        """Check that the file is a corpus index and get ready to query it.

        Raises
        ------
        WorkbenchError
            ``W140`` the file is missing, ``W141`` it is not a corpus index.
        """
        if not self.path.is_file():
            raise WorkbenchError(
                f"no corpus index at {self.path}; build it with "
                f"`workbench corpus index OUT.gpkg --db {self.path}`",
                code="W140",
            )
        self._opened = True
        try:
            fmt = self._con().execute("SELECT value FROM meta WHERE key='format'").fetchone()
        except sqlite3.DatabaseError as exc:
            fmt = None
            self.close()
            self._opened = False
            raise WorkbenchError(
                f"{self.path} is not a corpus index ({exc}); rebuild it", code="W141"
            ) from exc
        if not fmt or fmt[0] != INDEX_FORMAT:
            self._opened = False
            raise WorkbenchError(
                f"{self.path} is not a corpus index of this version; rebuild it", code="W141"
            )
        return self

    def close(self) -> None:
        """Close this thread's connection."""
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
        self._local.con = None

    def __enter__(self) -> CorpusIndex:
        return self if self._opened else self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            if not self._opened:
                raise WorkbenchError(
                    "the corpus index is not open; call CorpusIndex(path).open()", code="W142"
                )
            con = sqlite3.connect(
                f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
            )
            self._local.con = con
        return con

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._con().execute(sql, params).fetchall()

    # -- articles ---------------------------------------------------------------------------

    def __len__(self) -> int:
        return int(self._rows("SELECT COUNT(*) FROM articles")[0][0])

    def article(self, article_id: str) -> dict[str, Any] | None:
        """An article's metadata and original text, or ``None``."""
        rows = self._rows(
            "SELECT article_id, title, url, published, source, text FROM articles WHERE article_id=?",
            (article_id,),
        )
        if not rows:
            return None
        return dict(zip(("article_id", "title", "url", "published", "source", "text"), rows[0], strict=True))

    def date_range(self) -> tuple[str | None, str | None]:
        """First and last publication day in the corpus."""
        row = self._rows("SELECT MIN(day), MAX(day) FROM articles")[0]
        return row[0], row[1]

    @staticmethod
    def _date_sql(alias: str, date_from: str | None, date_to: str | None) -> tuple[str, list[Any]]:
        sql, params = "", []
        if date_from:
            sql += f" AND {alias}.day >= ?"
            params.append(date_from[:10])
        if date_to:
            sql += f" AND {alias}.day <= ?"
            params.append(date_to[:10])
        return sql, params

    # -- full text ---------------------------------------------------------------------------

    def _matching(
        self, query: str, limit: int | None, date_from: str | None, date_to: str | None
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        terms = q.parse_query(query)
        if not terms:
            return terms, []
        expr = q.fts_expression(terms)
        where, params = [], []
        if expr is not None:
            where.append("articles_fts MATCH ?")
            params.append(expr)
        for t in terms:
            if len(t) < q.MIN_FTS_TERM:
                where.append("(articles_fts.body LIKE ? OR articles_fts.title LIKE ?)")
                like = "%" + t.replace("%", "").replace("_", "") + "%"
                params += [like, like]
        dates, dparams = self._date_sql("a", date_from, date_to)
        sql = (
            "SELECT a.article_id, a.title, a.published, a.day, a.text, "
            "-bm25(articles_fts, 2.0, 1.0) AS score "
            "FROM articles_fts JOIN articles a ON a.rid = articles_fts.rowid "
            f"WHERE {' AND '.join(where)}{dates} ORDER BY score DESC, a.article_id"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return terms, self._rows(sql, [*params, *dparams])

    def search(
        self,
        query: str,
        *,
        limit: int | None = 20,
        date_from: str | None = None,
        date_to: str | None = None,
        snippet_width: int = 160,
    ) -> list[SearchHit]:
        """Articles containing every term of ``query``, best first.

        Matching is on normalized text (diacritics, tatweel, alef/hamza/ya/ta marbuta
        forms and case ignored) and by substring, so clitics do not hide a word;
        ``"quoted phrases"`` match as a whole. Terms shorter than three letters are
        matched with a slower scan.

        Parameters
        ----------
        query
            Words and quoted phrases, in any script.
        limit
            Most hits returned (``None`` for all).
        date_from, date_to
            Inclusive ISO dates on the publication day.
        snippet_width
            Characters of context in each snippet.

        Returns
        -------
        list of SearchHit
            Spans and snippets index the original article text.
        """
        terms, rows = self._matching(query, limit, date_from, date_to)
        hits = []
        for article_id, title, published, _day, text, score in rows:
            spans = q.find_spans(text, terms)
            hits.append(
                SearchHit(
                    article_id,
                    title,
                    published,
                    float(score),
                    tuple(spans),
                    q.make_snippet(text, spans, snippet_width),
                )
            )
        return hits

    # -- entities ----------------------------------------------------------------------------

    def articles_mentioning(
        self,
        entity: str,
        *,
        label: str | None = None,
        limit: int | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> list[ArticleRef]:
        """Articles in which ``entity`` (any spelling with the same normalized form) was found.

        Parameters
        ----------
        entity
            The entity text («الأمم المتحدة», «دِمَشق»...).
        label
            Restrict to one label (``PER``, ``LOC``, ``ORG``, ``MISC``).
        limit
            Most articles returned.
        date_from, date_to
            Inclusive ISO dates.

        Returns
        -------
        list of ArticleRef
            Most mentions first, then newest.
        """
        dates, dparams = self._date_sql("a", date_from, date_to)
        sql = (
            "SELECT a.article_id, a.title, a.published, COUNT(*) AS n FROM entities e "
            f"JOIN articles a ON a.rid = e.rid WHERE e.norm = ?{' AND e.label = ?' if label else ''}{dates} "
            "GROUP BY a.rid ORDER BY n DESC, a.day DESC, a.article_id"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        params = [normalize_key(entity), *([label] if label else []), *dparams]
        return [ArticleRef(*r) for r in self._rows(sql, params)]

    def cooccurring(self, entity: str, *, label: str | None = None, limit: int = 20) -> list[EntityCount]:
        """Entities found in the same articles as ``entity``, by number of shared articles.

        Returns
        -------
        list of EntityCount
            ``text`` is the most frequent spelling; ``articles`` the number of articles
            shared with ``entity``; ``mentions`` the other entity's mentions in them.
        """
        norm = normalize_key(entity)
        rows = self._rows(
            "WITH hit AS (SELECT DISTINCT rid FROM entities WHERE norm = ?"
            f"{' AND label = ?' if label else ''}) "
            "SELECT e.norm, e.label, e.text, COUNT(*), COUNT(DISTINCT e.rid) FROM entities e "
            "JOIN hit ON hit.rid = e.rid WHERE e.norm != ? GROUP BY e.norm, e.label, e.text",
            [norm, *([label] if label else []), norm],
        )
        spellings: dict[tuple[str, str], Counter[str]] = {}
        mentions: Counter[tuple[str, str]] = Counter()
        for n, lab, text, count, _ in rows:
            spellings.setdefault((n, lab), Counter())[text] += count
            mentions[(n, lab)] += count
        arts = dict(
            ((n, lab), c)
            for n, lab, c in self._rows(
                "WITH hit AS (SELECT DISTINCT rid FROM entities WHERE norm = ?"
                f"{' AND label = ?' if label else ''}) "
                "SELECT e.norm, e.label, COUNT(DISTINCT e.rid) FROM entities e JOIN hit ON hit.rid = e.rid "
                "WHERE e.norm != ? GROUP BY e.norm, e.label",
                [norm, *([label] if label else []), norm],
            )
        )
        out = [
            EntityCount(spellings[k].most_common(1)[0][0], k[1], arts.get(k, 0), mentions[k])
            for k in spellings
        ]
        out.sort(key=lambda e: (-e.articles, -e.mentions, e.text, e.label))
        return out[:limit]

    # -- places ------------------------------------------------------------------------------

    _PLACE_SELECT = (
        'SELECT a.article_id, a.title, a.published, p.start, p."end", p.text, p.name, p.geonameid, '
        "p.country_code, p.latitude, p.longitude FROM places p JOIN articles a ON a.rid = p.rid "
        "WHERE p.latitude IS NOT NULL"
    )

    @staticmethod
    def _bbox_sql(south: float, west: float, north: float, east: float) -> tuple[str, list[Any]]:
        sql = " AND p.latitude BETWEEN ? AND ?"
        params: list[Any] = [south, north]
        if east - west >= 360:
            return sql, params
        w = (west + 180) % 360 - 180
        e = (east + 180) % 360 - 180
        if w <= e:
            return sql + " AND p.longitude BETWEEN ? AND ?", [*params, w, e]
        return sql + " AND (p.longitude >= ? OR p.longitude <= ?)", [*params, w, e]  # crosses 180°

    def places_near(
        self,
        latitude: float,
        longitude: float,
        km: float,
        *,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> list[PlaceMention]:
        """Resolved place mentions within ``km`` kilometres of a point, nearest first."""
        box, params = self._bbox_sql(*q.bbox_around(latitude, longitude, km))
        dates, dparams = self._date_sql("a", date_from, date_to)
        out = []
        for r in self._rows(self._PLACE_SELECT + box + dates, [*params, *dparams]):
            d = q.haversine_km(latitude, longitude, r[9], r[10])
            if d <= km:
                out.append(_mention(r, round(d, 3)))
        out.sort(key=lambda m: (m.distance_km, m.article_id, m.start))
        return out

    def places_in(
        self,
        *,
        bbox: tuple[float, float, float, float] | None = None,
        region: str | None = None,
        gazetteer: Gazetteer | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> list[PlaceMention]:
        """Resolved place mentions inside a box or a region.

        Parameters
        ----------
        bbox
            ``(south, west, north, east)`` in degrees; ``west > east`` crosses 180°.
        region
            An admin-1 region («محافظة حلب», «Kursk Oblast») or a country, looked up in
            the gazetteer; places count as inside when they carry its admin-1 (or
            country) code.
        gazetteer
            For ``region``; the default gazetteer otherwise.
        date_from, date_to
            Inclusive ISO dates.

        Raises
        ------
        WorkbenchError
            ``W143`` neither or both of ``bbox`` and ``region`` given, ``W144`` the
            region is unknown.
        """
        if (bbox is None) == (region is None):
            raise WorkbenchError("give either bbox=(south, west, north, east) or region=NAME", code="W143")
        dates, dparams = self._date_sql("a", date_from, date_to)
        params: list[Any]
        if bbox is not None:
            where, params = self._bbox_sql(*bbox)
        else:
            assert region is not None
            if gazetteer is None:
                from workbench.geo.gazetteer import default_gazetteer

                gazetteer = default_gazetteer()
            codes = q.region_codes(gazetteer.lookup(region))
            if codes is None:
                raise WorkbenchError(
                    f"no region or country named {region!r} in the gazetteer; try its Arabic or English name",
                    code="W144",
                )
            cc, a1 = codes
            where, params = " AND p.country_code = ?", [cc]
            if a1 is not None:
                where += " AND p.admin1_code = ?"
                params.append(a1)
        rows = self._rows(
            self._PLACE_SELECT + where + dates + " ORDER BY a.article_id, p.start", [*params, *dparams]
        )
        return [_mention(r) for r in rows]

    def place_counts(self, *, date_from: str | None = None, date_to: str | None = None) -> list[PlaceCount]:
        """Every resolved gazetteer place with its mentions and articles (the corpus map)."""
        dates, dparams = self._date_sql("a", date_from, date_to)
        rows = self._rows(
            "SELECT p.geonameid, MIN(p.name), MIN(p.name_ar), MIN(p.country_code), MIN(p.latitude), "
            "MIN(p.longitude), COUNT(*), COUNT(DISTINCT p.rid), GROUP_CONCAT(DISTINCT p.text) "
            "FROM places p JOIN articles a ON a.rid = p.rid WHERE p.geonameid IS NOT NULL"
            f"{dates} GROUP BY p.geonameid ORDER BY COUNT(*) DESC, p.geonameid",
            dparams,
        )
        fields = (
            "geonameid",
            "name",
            "name_ar",
            "country_code",
            "latitude",
            "longitude",
            "mentions",
            "articles",
        )
        return [
            PlaceCount(
                **dict(zip(fields, r[:8], strict=True)), surface=tuple(sorted((r[8] or "").split(",")))
            )
            for r in rows
        ]

    def articles_at(
        self, geonameid: int, *, date_from: str | None = None, date_to: str | None = None
    ) -> list[ArticleRef]:
        """Articles that mention the gazetteer place ``geonameid``, most mentions first."""
        dates, dparams = self._date_sql("a", date_from, date_to)
        rows = self._rows(
            "SELECT a.article_id, a.title, a.published, COUNT(*) AS n FROM places p JOIN articles a "
            f"ON a.rid = p.rid WHERE p.geonameid = ?{dates} GROUP BY a.rid ORDER BY n DESC, a.day DESC, "
            "a.article_id",
            [geonameid, *dparams],
        )
        return [ArticleRef(*r) for r in rows]

    # -- timeline ----------------------------------------------------------------------------

    def timeline(
        self,
        *,
        entity: str | None = None,
        label: str | None = None,
        query: str | None = None,
        geonameid: int | None = None,
        freq: str = "D",
    ) -> pd.DataFrame:
        """Mentions and articles by publication date, for an entity, a query or a place.

        Exactly one of ``entity``, ``query`` and ``geonameid``. For a query, ``mentions``
        counts the matches in each article's text.

        Returns
        -------
        pandas.DataFrame
            See :func:`workbench.corpus.queries.timeline_frame`.
        """
        if sum(x is not None for x in (entity, query, geonameid)) != 1:
            raise WorkbenchError("timeline takes exactly one of entity=, query= or geonameid=", code="W145")
        if entity is not None:
            rows = self._rows(
                "SELECT a.day, COUNT(*) FROM entities e JOIN articles a ON a.rid = e.rid "
                f"WHERE e.norm = ?{' AND e.label = ?' if label else ''} GROUP BY a.rid",
                [normalize_key(entity), *([label] if label else [])],
            )
        elif geonameid is not None:
            rows = self._rows(
                "SELECT a.day, COUNT(*) FROM places p JOIN articles a ON a.rid = p.rid "
                "WHERE p.geonameid = ? GROUP BY a.rid",
                [geonameid],
            )
        else:
            assert query is not None
            terms, matched = self._matching(query, None, None, None)
            rows = [(r[3], len(q.find_spans(r[4], terms))) for r in matched]
        return q.timeline_frame(rows, freq)

"""Storage backends of the findings store: the interface, the schema, SQLite.

:class:`~workbench.annotations.store.FindingsStore` holds the logic (revisions,
diffs, stale-write checks) and talks to a backend through the small
:class:`Backend` / :class:`Transaction` interface below. Two backends implement
it: :class:`SQLiteBackend` here (one file, the embedded default) and
:class:`~workbench.annotations.postgres.PostgresBackend` (a team server). All
SQL lives in these two modules; the schema of both is the one migration list
:data:`MIGRATIONS`, each step written once per dialect side by side.

Schema (SQLite: ``PRAGMA user_version``; PostgreSQL: ``meta.schema_version``)
-----------------------------------------------------------------------------
``meta(key PRIMARY KEY, value)``
    ``app_id`` = :data:`APP_ID` (how a foreign database is recognised),
    ``created``, ``schema_v{n}`` = when each migration ran.
``articles(id PRIMARY KEY, text, metadata JSON, state JSON, revision, created, updated,``
``title, n_findings)``
    One row per article; ``state`` is ``ArticleState.to_dict()`` without the text.
    ``title``/``n_findings`` (v2) serve :meth:`Backend.list_articles` without parsing JSON.
``history(id INTEGER PRIMARY KEY, article_id, revision, analyst, at, change JSON,``
``before JSON, after JSON)``
    Append-only (an ``UPDATE`` trigger aborts); ``UNIQUE(article_id, revision)``.
``analyst_places(id, norm_name, name, latitude, longitude, country_code, analyst, at,``
``article_id, entity_id)``
    Places pinned by analysts, keyed by the normalized mention; index on ``norm_name`` (v2).

Migration *n* (1-based) brings the schema from version *n - 1* to *n*, all
steps in one transaction. Before an existing SQLite file is migrated, a copy is
saved next to it (``<name>.v{old}.bak``); on PostgreSQL the DDL is
transactional, so a failed migration leaves the old schema as it was.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from workbench.annotations.errors import (
    CorruptStoreError,
    StaleWriteError,
    StoreAccessError,
    StoreError,
    StoreVersionError,
)

__all__ = [
    "APP_ID",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "AnalystPlaceRow",
    "ArticleRow",
    "Backend",
    "HistoryRow",
    "Migration",
    "SQLiteBackend",
    "Transaction",
]

APP_ID = "arabic-osint-workbench/findings"
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One ``articles`` row; JSON columns already decoded."""

    id: str
    text: str
    metadata: dict[str, Any]
    state: dict[str, Any]
    revision: int
    created: str
    updated: str
    title: str = ""
    n_findings: int = 0

    def values(self, encode_json: Callable[[dict[str, Any]], Any]) -> tuple[Any, ...]:
        """The row's values in column order, JSON columns encoded the backend's way."""
        return (
            self.id,
            self.text,
            encode_json(self.metadata),
            encode_json(self.state),
            self.revision,
            self.created,
            self.updated,
            self.title,
            self.n_findings,
        )


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One ``history`` row; JSON columns already decoded."""

    id: int
    article_id: str
    revision: int
    analyst: str
    at: str
    change: dict[str, Any]
    before: dict[str, Any]
    after: dict[str, Any]


@dataclass(frozen=True, slots=True)
class AnalystPlaceRow:
    """One ``analyst_places`` row."""

    norm_name: str
    name: str
    latitude: float
    longitude: float
    country_code: str
    analyst: str
    at: str
    article_id: str
    entity_id: str

    def values(self) -> tuple[Any, ...]:
        """The row's values in column order (the order of the INSERT statements)."""
        return (
            self.norm_name,
            self.name,
            self.latitude,
            self.longitude,
            self.country_code,
            self.analyst,
            self.at,
            self.article_id,
            self.entity_id,
        )


class Transaction(Protocol):
    """Operations inside one write transaction (all or nothing)."""

    def get_article(self, article_id: str) -> ArticleRow | None:
        """The article row, read inside the transaction and locked until it ends."""

    def insert_article(self, row: ArticleRow) -> bool:
        """Insert unless present; whether it was inserted."""

    def update_article(
        self,
        article_id: str,
        state: dict[str, Any],
        revision: int,
        updated: str,
        title: str,
        n_findings: int,
    ) -> None:
        """Replace the state of an article stored at ``revision - 1``.

        Raises
        ------
        StaleWriteError
            The stored revision is not ``revision - 1`` (checked in the ``UPDATE`` itself).
        """

    def insert_history(self, row: HistoryRow) -> int:
        """Append a history row; its id."""

    def set_analyst_places(self, article_id: str, entity_id: str, rows: list[AnalystPlaceRow]) -> None:
        """Replace the analyst places that came from one entity of one article."""

    def delete_article(self, article_id: str) -> bool:
        """Delete an article, its history and its analyst places; whether it existed."""


class Backend(Protocol):
    """What :class:`~workbench.annotations.store.FindingsStore` needs from a database."""

    location: str
    dialect: str

    def open(self) -> None:
        """Connect, check the file is ours and intact, migrate to the current schema."""

    def close(self) -> None:
        """Release the connection (idempotent)."""

    def schema_version(self) -> int:
        """The schema version of the open store."""

    def write(self) -> Any:
        """Context manager yielding a :class:`Transaction`: committed on success, rolled back on error.

        Two transactions that read the same article with
        :meth:`Transaction.get_article` never interleave: the second waits for
        the first and then reads what it committed.
        """

    def get_article(self, article_id: str) -> ArticleRow | None:
        """The article row or ``None``."""

    def list_articles(self) -> list[ArticleRow]:
        """All article rows without text and state (empty dicts), newest update first."""

    def history(self, article_id: str) -> list[HistoryRow]:
        """History rows of an article in revision order."""

    def history_row(self, article_id: str, history_id: int) -> HistoryRow | None:
        """One history row."""

    def analyst_places(self, norm_name: str | None = None) -> list[AnalystPlaceRow]:
        """Analyst places, all or those of one normalized name, newest first."""


# ---------------------------------------------------------------------------
# Schema and migrations, one list for both dialects


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema, written once per dialect.

    Attributes
    ----------
    version
        The schema version this step brings the database to.
    summary
        What the step does, for people reading ``meta`` or the docs.
    sqlite
        Runs the step on a SQLite connection (inside the migration transaction).
    postgresql
        Statements that do the same on PostgreSQL (inside the migration transaction).
    """

    version: int
    summary: str
    sqlite: Callable[[sqlite3.Connection], None]
    postgresql: tuple[str, ...]


def _migrate_v1(conn: sqlite3.Connection) -> None:
    for sql in (
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            text TEXT NOT NULL,
            metadata TEXT NOT NULL,
            state TEXT NOT NULL,
            revision INTEGER NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL)""",
        """CREATE TABLE history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            revision INTEGER NOT NULL,
            analyst TEXT NOT NULL,
            at TEXT NOT NULL,
            change TEXT NOT NULL,
            before TEXT NOT NULL,
            after TEXT NOT NULL,
            UNIQUE (article_id, revision))""",
        """CREATE TRIGGER history_append_only BEFORE UPDATE ON history
            BEGIN SELECT RAISE(ABORT, 'history is append-only'); END""",
        """CREATE TABLE analyst_places (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            norm_name TEXT NOT NULL,
            name TEXT NOT NULL,
            latitude REAL NOT NULL,
            longitude REAL NOT NULL,
            country_code TEXT NOT NULL DEFAULT '',
            analyst TEXT NOT NULL,
            at TEXT NOT NULL,
            article_id TEXT NOT NULL,
            entity_id TEXT NOT NULL)""",
    ):
        conn.execute(sql)
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('app_id', ?)", (APP_ID,))
    conn.execute("INSERT OR IGNORE INTO meta VALUES ('created', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))")


def _migrate_v2(conn: sqlite3.Connection) -> None:
    # Listing articles parsed every state JSON; keep title and finding count in columns.
    conn.execute("ALTER TABLE articles ADD COLUMN title TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE articles ADD COLUMN n_findings INTEGER NOT NULL DEFAULT 0")
    conn.execute(
        """UPDATE articles SET
            title = coalesce(json_extract(metadata, '$.title'), ''),
            n_findings = coalesce(json_array_length(state, '$.findings'), 0)"""
    )
    conn.execute("CREATE INDEX articles_updated ON articles(updated)")
    # lookup_analyst_place() searches by normalized name in every new article.
    conn.execute("CREATE INDEX analyst_places_norm ON analyst_places(norm_name)")
    conn.execute("CREATE INDEX analyst_places_source ON analyst_places(article_id, entity_id)")


_PG_V1 = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        metadata JSON NOT NULL,
        state JSON NOT NULL,
        revision INTEGER NOT NULL,
        created TEXT NOT NULL,
        updated TEXT NOT NULL)""",
    """CREATE TABLE history (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        analyst TEXT NOT NULL,
        at TEXT NOT NULL,
        change JSON NOT NULL,
        before JSON NOT NULL,
        after JSON NOT NULL,
        UNIQUE (article_id, revision))""",
    """CREATE FUNCTION history_append_only() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN RAISE EXCEPTION 'history is append-only'; END $$""",
    """CREATE TRIGGER history_append_only BEFORE UPDATE ON history
        FOR EACH ROW EXECUTE FUNCTION history_append_only()""",
    """CREATE TABLE analyst_places (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        norm_name TEXT NOT NULL,
        name TEXT NOT NULL,
        latitude DOUBLE PRECISION NOT NULL,
        longitude DOUBLE PRECISION NOT NULL,
        country_code TEXT NOT NULL DEFAULT '',
        analyst TEXT NOT NULL,
        at TEXT NOT NULL,
        article_id TEXT NOT NULL,
        entity_id TEXT NOT NULL)""",
    f"""INSERT INTO meta VALUES ('app_id', '{APP_ID}')
        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value""",
    """INSERT INTO meta VALUES ('created',
        to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
        ON CONFLICT (key) DO NOTHING""",
)

_PG_V2 = (
    "ALTER TABLE articles ADD COLUMN title TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE articles ADD COLUMN n_findings INTEGER NOT NULL DEFAULT 0",
    """UPDATE articles SET
        title = coalesce(metadata->>'title', ''),
        n_findings = CASE json_typeof(state->'findings')
            WHEN 'array' THEN json_array_length(state->'findings') ELSE 0 END""",
    "CREATE INDEX articles_updated ON articles(updated)",
    "CREATE INDEX analyst_places_norm ON analyst_places(norm_name)",
    "CREATE INDEX analyst_places_source ON analyst_places(article_id, entity_id)",
)

MIGRATIONS: list[Migration] = [
    Migration(1, "meta, articles, append-only history, analyst places", _migrate_v1, _PG_V1),
    Migration(2, "articles.title and n_findings; indexes for listing and lookup", _migrate_v2, _PG_V2),
]
SCHEMA_VERSION = len(MIGRATIONS)


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def stale_write(article_id: str, expected: int, actual: int) -> StaleWriteError:
    """The :class:`StaleWriteError` of a change based on ``expected`` when the store is at ``actual``."""
    return StaleWriteError(
        f"article {article_id} was changed elsewhere: it is at revision {actual}, your "
        f"change was based on revision {expected} (another notebook, kernel or analyst "
        "saved in between). Nothing was saved; reload with store.load(article_id), check, "
        "and apply again.",
        article_id=article_id,
        expected_revision=expected,
        actual_revision=actual,
    )


# ---------------------------------------------------------------------------
# SQLite backend


class _SQLiteTx:
    def __init__(self, conn: sqlite3.Connection, backend: SQLiteBackend) -> None:
        self._c = conn
        self._b = backend

    def get_article(self, article_id: str) -> ArticleRow | None:
        return self._b._get_article(self._c, article_id)

    def insert_article(self, row: ArticleRow) -> bool:
        cur = self._c.execute(
            "INSERT OR IGNORE INTO articles (id, text, metadata, state, revision, created,"
            " updated, title, n_findings) VALUES (?,?,?,?,?,?,?,?,?)",
            row.values(_dumps),
        )
        return cur.rowcount == 1

    def update_article(
        self,
        article_id: str,
        state: dict[str, Any],
        revision: int,
        updated: str,
        title: str,
        n_findings: int,
    ) -> None:
        cur = self._c.execute(
            "UPDATE articles SET state=?, revision=?, updated=?, title=?, n_findings=?"
            " WHERE id=? AND revision=?",
            (_dumps(state), revision, updated, title, n_findings, article_id, revision - 1),
        )
        if cur.rowcount != 1:
            raise stale_write(article_id, revision - 1, self._b._revision(self._c, article_id))

    def insert_history(self, row: HistoryRow) -> int:
        cur = self._c.execute(
            "INSERT INTO history (article_id, revision, analyst, at, change, before, after)"
            " VALUES (?,?,?,?,?,?,?)",
            (
                row.article_id,
                row.revision,
                row.analyst,
                row.at,
                _dumps(row.change),
                _dumps(row.before),
                _dumps(row.after),
            ),
        )
        return int(cur.lastrowid or 0)

    def set_analyst_places(self, article_id: str, entity_id: str, rows: list[AnalystPlaceRow]) -> None:
        self._c.execute(
            "DELETE FROM analyst_places WHERE article_id=? AND entity_id=?",
            (article_id, entity_id),
        )
        self._c.executemany(
            "INSERT INTO analyst_places (norm_name, name, latitude, longitude, country_code,"
            " analyst, at, article_id, entity_id) VALUES (?,?,?,?,?,?,?,?,?)",
            [r.values() for r in rows],
        )

    def delete_article(self, article_id: str) -> bool:
        self._c.execute("DELETE FROM history WHERE article_id=?", (article_id,))
        self._c.execute("DELETE FROM analyst_places WHERE article_id=?", (article_id,))
        cur = self._c.execute("DELETE FROM articles WHERE id=?", (article_id,))
        return cur.rowcount == 1


class SQLiteBackend:
    """A findings store in one SQLite file (WAL mode, FULL sync, busy timeout).

    Parameters
    ----------
    path
        The database file; created (with its folder) on first :meth:`open`.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path).expanduser()
        self.location = str(self.path)
        self.dialect = "sqlite"
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.RLock()

    # -- opening ---------------------------------------------------------------

    def _fix(self) -> str:
        return (
            f"Move {self.path} away (do not delete it if it holds findings) or set "
            "WORKBENCH_DB to another file, then open the store again."
        )

    def _check_header(self) -> None:
        try:
            with self.path.open("rb") as fh:
                head = fh.read(len(SQLITE_MAGIC))
        except PermissionError:
            raise StoreAccessError(
                f"cannot read the findings store {self.path}: permission denied; "
                "fix its permissions or set WORKBENCH_DB to a file you own"
            ) from None
        if head and head != SQLITE_MAGIC:
            raise CorruptStoreError(
                f"{self.path} is not a SQLite database (it starts with {head[:8]!r}), "
                f"so it is not a findings store; it was left untouched. {self._fix()}"
            )

    def _connect(self) -> sqlite3.Connection:
        exists = self.path.exists()
        if exists and self.path.is_dir():
            raise StoreAccessError(
                f"{self.path} is a folder; set WORKBENCH_DB to a file path such as "
                f"{self.path / 'findings.sqlite'}"
            )
        if exists:
            self._check_header()
        else:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreAccessError(
                    f"cannot create the folder of the findings store {self.path}: "
                    f"{exc.strerror or exc}; set WORKBENCH_DB to a writable location"
                ) from None
            if not os.access(self.path.parent, os.W_OK):
                raise StoreAccessError(
                    f"cannot create the findings store in {self.path.parent}: the folder is "
                    "read-only; set WORKBENCH_DB to a writable location"
                )
        uri = f"{self.path.resolve().as_uri()}?mode={'rw' if exists else 'rwc'}"
        try:
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=10.0)
        except sqlite3.OperationalError as exc:
            raise StoreAccessError(
                f"cannot open the findings store {self.path} for writing ({exc}); check it "
                "is on a writable disk with write permission, or set WORKBENCH_DB elsewhere"
            ) from None
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return conn

    def _inspect(self, conn: sqlite3.Connection) -> int:
        """Check the file is an intact findings store (reads only); its schema version."""
        try:
            check = [r[0] for r in conn.execute("PRAGMA quick_check(5)")]
            if check != ["ok"]:
                raise CorruptStoreError(
                    f"the findings store {self.path} is damaged ({'; '.join(check)}); it was "
                    f"left untouched. Restore a backup or recover it with `sqlite3 "
                    f"{self.path.name} .recover`. {self._fix()}"
                )
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if version == 0 and not tables:
                return 0  # a new (or empty) file: ours to initialise
            app = None
            if "meta" in tables:
                row = conn.execute("SELECT value FROM meta WHERE key='app_id'").fetchone()
                app = row[0] if row else None
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise StoreError(
                    f"the findings store {self.path} is locked by another program for too "
                    "long; close other notebooks using it and try again"
                ) from None
            raise CorruptStoreError(
                f"the findings store {self.path} cannot be read ({exc}); it was left untouched. {self._fix()}"
            ) from None
        if app != APP_ID:
            raise CorruptStoreError(
                f"{self.path} is a SQLite database of another program (tables: "
                f"{', '.join(sorted(tables)) or 'none'}), not a findings store; it was left "
                f"untouched. {self._fix()}"
            )
        if version > SCHEMA_VERSION:
            raise StoreVersionError(
                f"the findings store {self.path} has schema v{version}, written by a newer "
                f"workbench (this one knows v{SCHEMA_VERSION}); upgrade the workbench, or set "
                "WORKBENCH_DB to another file"
            )
        return version

    def open(self, *, target_version: int = SCHEMA_VERSION) -> None:
        """Connect, check and migrate (to ``target_version``; lower only in tests)."""
        with self._lock:
            if self._conn is not None:
                return
            conn = self._connect()
            try:
                version = self._inspect(conn)
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if mode.lower() != "wal":  # e.g. some network file systems; still correct
                    conn.execute("PRAGMA journal_mode = DELETE")
                conn.execute("PRAGMA synchronous = FULL")
                conn.execute("PRAGMA foreign_keys = ON")
                if version < target_version:
                    if version > 0:
                        self._backup(conn, version)
                    self._migrate(conn, target_version)
            except sqlite3.OperationalError as exc:
                conn.close()
                if "readonly" in str(exc) or "read-only" in str(exc):
                    raise StoreAccessError(
                        f"the findings store {self.path} is read-only ({exc}); make it "
                        "writable or set WORKBENCH_DB to a writable file"
                    ) from None
                raise StoreError(f"cannot open the findings store {self.path}: {exc}") from None
            except BaseException:
                conn.close()
                raise
            self._conn = conn

    def _backup(self, conn: sqlite3.Connection, version: int) -> None:
        dst = self.path.with_name(f"{self.path.name}.v{version}.bak")
        n = 1
        while dst.exists():
            n += 1
            dst = self.path.with_name(f"{self.path.name}.v{version}.{n}.bak")
        with sqlite3.connect(dst) as out:
            conn.backup(out)
        out.close()

    def _migrate(self, conn: sqlite3.Connection, target: int) -> None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the lock: another process may have migrated meanwhile.
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            for n in range(version + 1, target + 1):
                MIGRATIONS[n - 1].sqlite(conn)
                conn.execute(
                    "INSERT OR REPLACE INTO meta VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
                    (f"schema_v{n}",),
                )
                conn.execute(f"PRAGMA user_version = {n}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    # -- helpers ---------------------------------------------------------------

    @property
    def conn(self) -> sqlite3.Connection:
        """The open connection; :class:`StoreError` if :meth:`open` was not called."""
        if self._conn is None:
            raise StoreError("the findings store is not open; call store.open() first")
        return self._conn

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.OperationalError as exc:
            msg = str(exc)
            if "locked" in msg or "busy" in msg:
                raise StoreError(
                    f"the findings store {self.path} stayed locked for "
                    f"{BUSY_TIMEOUT_MS // 1000} s by another writer; nothing was saved, "
                    "try again"
                ) from None
            if "readonly" in msg:
                raise StoreAccessError(
                    f"the findings store {self.path} became read-only ({msg}); nothing was "
                    "saved; make it writable or set WORKBENCH_DB elsewhere"
                ) from None
            raise StoreError(f"findings store {self.path}: {msg}") from None
        except sqlite3.DatabaseError as exc:
            raise CorruptStoreError(
                f"the findings store {self.path} is damaged ({exc}). {self._fix()}"
            ) from None

    def schema_version(self) -> int:
        """``PRAGMA user_version``."""
        with self._lock, self._errors():
            return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def write(self) -> Iterator[Transaction]:
        """One ``BEGIN IMMEDIATE`` transaction: committed on success, rolled back on error."""
        with self._lock, self._errors():
            conn = self.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield _SQLiteTx(conn, self)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    # -- reads -----------------------------------------------------------------

    def _get_article(self, conn: sqlite3.Connection, article_id: str) -> ArticleRow | None:
        r = conn.execute(
            "SELECT id, text, metadata, state, revision, created, updated, title, n_findings"
            " FROM articles WHERE id=?",
            (article_id,),
        ).fetchone()
        if r is None:
            return None
        return ArticleRow(r[0], r[1], json.loads(r[2]), json.loads(r[3]), int(r[4]), r[5], r[6], r[7], r[8])

    @staticmethod
    def _revision(conn: sqlite3.Connection, article_id: str) -> int:
        r = conn.execute("SELECT revision FROM articles WHERE id=?", (article_id,)).fetchone()
        return -1 if r is None else int(r[0])

    def get_article(self, article_id: str) -> ArticleRow | None:
        """The article row or ``None``."""
        with self._lock, self._errors():
            return self._get_article(self.conn, article_id)

    def list_articles(self) -> list[ArticleRow]:
        """All articles (``text``/``state`` left empty), most recently updated first."""
        with self._lock, self._errors():
            rows = self.conn.execute(
                "SELECT id, metadata, revision, created, updated, title, n_findings"
                " FROM articles ORDER BY updated DESC, id"
            ).fetchall()
        return [
            ArticleRow(r[0], "", json.loads(r[1]), {}, int(r[2]), r[3], r[4], r[5], int(r[6])) for r in rows
        ]

    @staticmethod
    def _history_row(r: tuple[Any, ...]) -> HistoryRow:
        return HistoryRow(
            int(r[0]),
            r[1],
            int(r[2]),
            r[3],
            r[4],
            json.loads(r[5]),
            json.loads(r[6]),
            json.loads(r[7]),
        )

    def history(self, article_id: str) -> list[HistoryRow]:
        """History of one article in revision order."""
        with self._lock, self._errors():
            rows = self.conn.execute(
                "SELECT id, article_id, revision, analyst, at, change, before, after"
                " FROM history WHERE article_id=? ORDER BY revision",
                (article_id,),
            ).fetchall()
        return [self._history_row(r) for r in rows]

    def history_row(self, article_id: str, history_id: int) -> HistoryRow | None:
        """One history row of an article."""
        with self._lock, self._errors():
            r = self.conn.execute(
                "SELECT id, article_id, revision, analyst, at, change, before, after"
                " FROM history WHERE article_id=? AND id=?",
                (article_id, int(history_id)),
            ).fetchone()
        return None if r is None else self._history_row(r)

    def analyst_places(self, norm_name: str | None = None) -> list[AnalystPlaceRow]:
        """Analyst places (all, or those of one normalized name), newest first."""
        sql = (
            "SELECT norm_name, name, latitude, longitude, country_code, analyst, at,"
            " article_id, entity_id FROM analyst_places"
        )
        args: tuple[Any, ...] = ()
        if norm_name is not None:
            sql += " WHERE norm_name=?"
            args = (norm_name,)
        with self._lock, self._errors():
            rows = self.conn.execute(sql + " ORDER BY at DESC, id DESC", args).fetchall()
        return [AnalystPlaceRow(*r) for r in rows]

    def integrity_check(self) -> list[str]:
        """``PRAGMA integrity_check`` lines (``["ok"]`` when intact)."""
        with self._lock, self._errors():
            return [r[0] for r in self.conn.execute("PRAGMA integrity_check")]

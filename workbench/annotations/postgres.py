"""The findings store on a PostgreSQL server, for a team of analysts.

Selected by a URL: ``FindingsStore("postgresql://amal@db.example.org/findings")`` or
``WORKBENCH_DB=postgresql://...``. Any libpq connection URL works (``?sslmode=require``,
``?options=-csearch_path%3Dteam_a`` to keep the tables in their own schema); keep the
password out of the URL, in ``PGPASSWORD`` or ``~/.pgpass``.

Same schema and migrations as SQLite (:data:`~workbench.annotations.backend.MIGRATIONS`,
their ``postgresql`` statements), with ``JSON`` columns and identity keys; the schema
version is ``meta.schema_version``. Needs ``psycopg`` 3 (``pip install "psycopg[binary]"``),
imported on :meth:`PostgresBackend.open` only, so SQLite users never load it.

Concurrency
-----------
One connection per store object, in autocommit mode: every read sees what other
analysts committed before it. A write is one ``READ COMMITTED`` transaction that
reads the article with ``SELECT ... FOR UPDATE``; a second writer of the same
article waits for the first to commit and then reads its revision, so the store's
revision check turns the later write into a
:class:`~workbench.annotations.errors.StaleWriteError` instead of a lost update.
The ``UPDATE`` also carries ``WHERE revision = <expected>`` as a second guard, and
``history`` keeps ``UNIQUE(article_id, revision)``. Row locks wait at most
:data:`LOCK_TIMEOUT_S` seconds.
"""

from __future__ import annotations

import os
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from workbench.annotations.backend import (
    APP_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    AnalystPlaceRow,
    ArticleRow,
    HistoryRow,
    _dumps,
    stale_write,
)
from workbench.annotations.errors import (
    CorruptStoreError,
    StaleWriteError,
    StoreAccessError,
    StoreError,
    StoreVersionError,
)

if TYPE_CHECKING:
    import psycopg

__all__ = ["LOCK_TIMEOUT_S", "URL_SCHEMES", "PostgresBackend", "redact_url"]

URL_SCHEMES = ("postgresql", "postgres")
LOCK_TIMEOUT_S = 10
CONNECT_TIMEOUT_S = 10
# Serialises schema migrations of all processes opening the same database.
_MIGRATION_LOCK = zlib.crc32(APP_ID.encode()) & 0x7FFFFFFF
_OUR_TABLES = ("articles", "history", "analyst_places")
_NOW_SQL = """to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')"""
# Connections inherited through fork(): kept referenced so that the child never
# finalises them (which would close the parent's socket).
_INHERITED: list[Any] = []

_ARTICLE_COLS = "id, text, metadata, state, revision, created, updated, title, n_findings"
_HISTORY_COLS = "id, article_id, revision, analyst, at, change, before, after"


def redact_url(url: str) -> str:
    """``url`` with any password replaced by ``***`` (for messages and display)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "postgresql://(unparsable URL)"
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        if ":" in userinfo:
            netloc = f"{userinfo.split(':', 1)[0]}:***@{host}"
    query = parts.query
    if "password" in query:
        pairs = [(k, "***" if k == "password" else v) for k, v in parse_qsl(query, keep_blank_values=True)]
        query = urlencode(pairs, safe="*")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _import_psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise StoreError(
            "a PostgreSQL findings store needs psycopg 3: pip install 'psycopg[binary]' "
            "(conda: psycopg), or set WORKBENCH_DB to a SQLite file path"
        ) from None
    return psycopg


class _PostgresTx:
    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    def get_article(self, article_id: str) -> ArticleRow | None:
        # FOR UPDATE: a concurrent writer of this article waits until we commit.
        return _fetch_article(self._c, article_id, lock=True)

    def insert_article(self, row: ArticleRow) -> bool:
        from psycopg.types.json import Json

        cur = self._c.execute(
            f"INSERT INTO articles ({_ARTICLE_COLS}) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s)"
            " ON CONFLICT (id) DO NOTHING",
            row.values(lambda value: Json(value, dumps=_dumps)),
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
        from psycopg.types.json import Json

        cur = self._c.execute(
            "UPDATE articles SET state=%s, revision=%s, updated=%s, title=%s, n_findings=%s"
            " WHERE id=%s AND revision=%s",
            (Json(state, dumps=_dumps), revision, updated, title, n_findings, article_id, revision - 1),
        )
        if cur.rowcount != 1:
            r = self._c.execute("SELECT revision FROM articles WHERE id=%s", (article_id,)).fetchone()
            raise stale_write(article_id, revision - 1, -1 if r is None else int(r[0]))

    def insert_history(self, row: HistoryRow) -> int:
        from psycopg.types.json import Json

        r = self._c.execute(
            "INSERT INTO history (article_id, revision, analyst, at, change, before, after)"
            " VALUES (%s,%s,%s,%s,%s,%s,%s) RETURNING id",
            (
                row.article_id,
                row.revision,
                row.analyst,
                row.at,
                Json(row.change, dumps=_dumps),
                Json(row.before, dumps=_dumps),
                Json(row.after, dumps=_dumps),
            ),
        ).fetchone()
        assert r is not None
        return int(r[0])

    def set_analyst_places(self, article_id: str, entity_id: str, rows: list[AnalystPlaceRow]) -> None:
        self._c.execute(
            "DELETE FROM analyst_places WHERE article_id=%s AND entity_id=%s", (article_id, entity_id)
        )
        if rows:
            with self._c.cursor() as cur:
                cur.executemany(
                    "INSERT INTO analyst_places (norm_name, name, latitude, longitude, country_code,"
                    " analyst, at, article_id, entity_id) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                    [r.values() for r in rows],
                )

    def delete_article(self, article_id: str) -> bool:
        self._c.execute("DELETE FROM history WHERE article_id=%s", (article_id,))
        self._c.execute("DELETE FROM analyst_places WHERE article_id=%s", (article_id,))
        cur = self._c.execute("DELETE FROM articles WHERE id=%s", (article_id,))
        return cur.rowcount == 1


def _fetch_article(conn: psycopg.Connection[Any], article_id: str, *, lock: bool) -> ArticleRow | None:
    sql = f"SELECT {_ARTICLE_COLS} FROM articles WHERE id=%s" + (" FOR UPDATE" if lock else "")
    r = conn.execute(sql, (article_id,)).fetchone()
    if r is None:
        return None
    return ArticleRow(r[0], r[1], r[2], r[3], int(r[4]), r[5], r[6], r[7], int(r[8]))


def _history_row(r: tuple[Any, ...]) -> HistoryRow:
    return HistoryRow(int(r[0]), r[1], int(r[2]), r[3], r[4], r[5], r[6], r[7])


class PostgresBackend:
    """A findings store in a PostgreSQL database (version 12 or later).

    Parameters
    ----------
    url
        A libpq connection URL, ``postgresql://[user[:password]@][host][:port][/dbname][?...]``.
        The database must exist and use the UTF8 encoding; the tables are created (or
        migrated) on the first :meth:`open`, in the first schema of the ``search_path``.

    Notes
    -----
    The constructor does no I/O and does not import psycopg. :attr:`location` is the
    URL without its password, safe to show.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.location = redact_url(url)
        self.dialect = "postgresql"
        self._conn: psycopg.Connection[Any] | None = None
        self._pid = 0
        self._lock = threading.RLock()

    # -- opening ---------------------------------------------------------------

    def _fix(self) -> str:
        return (
            "Point WORKBENCH_DB at an empty database of its own (createdb findings), or at a "
            "schema of its own (...?options=-csearch_path%3Dfindings), then open the store again."
        )

    def _connect(self) -> psycopg.Connection[Any]:
        psycopg = _import_psycopg()
        try:
            conn = psycopg.connect(
                self.url,
                autocommit=True,
                connect_timeout=CONNECT_TIMEOUT_S,
                application_name="arabic-osint-workbench",
            )
        except psycopg.Error as exc:
            raise StoreAccessError(
                f"cannot connect to the findings server {self.location}: {_first_line(exc)}. Check "
                "that the server runs and accepts TCP connections there, that the user and "
                "database in WORKBENCH_DB exist (createdb), and the password (PGPASSWORD or "
                "~/.pgpass)"
            ) from None
        except ValueError as exc:  # a malformed URL, found before connecting
            raise StoreAccessError(f"bad findings server URL {self.location}: {exc}") from None
        try:
            conn.execute(f"SET lock_timeout = '{LOCK_TIMEOUT_S}s'")
            conn.execute("SET client_encoding = 'UTF8'")
        except psycopg.Error as exc:
            conn.close()
            raise StoreError(f"findings server {self.location}: {_first_line(exc)}") from None
        self._pid = os.getpid()
        return conn

    def _inspect(self, conn: psycopg.Connection[Any]) -> int:
        """Check the database is a findings store (reads only); its schema version."""
        enc = conn.execute("SHOW server_encoding").fetchone()
        if enc is None or enc[0].upper() not in ("UTF8", "UTF-8"):
            raise StoreAccessError(
                f"the database of {self.location} uses the {enc[0] if enc else '?'} encoding, "
                "which cannot hold Arabic text; create one with ENCODING 'UTF8' (createdb -E UTF8 "
                "-T template0 findings) and point WORKBENCH_DB at it"
            )
        names = ("meta", *_OUR_TABLES)
        found = conn.execute(
            "SELECT " + ", ".join(f"to_regclass('{n}') IS NOT NULL" for n in names)
        ).fetchone()
        assert found is not None
        present = {n for n, ok in zip(names, found, strict=True) if ok}
        if "meta" not in present:
            if present:
                raise CorruptStoreError(
                    f"{self.location} has tables named {', '.join(sorted(present))} that are not "
                    f"a findings store; they were left untouched. {self._fix()}"
                )
            return 0
        rows = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('app_id', 'schema_version')"))
        if rows.get("app_id") != APP_ID:
            raise CorruptStoreError(
                f"{self.location} has a table 'meta' of another program, not a findings store; "
                f"it was left untouched. {self._fix()}"
            )
        version = int(rows.get("schema_version") or 0)
        if version > SCHEMA_VERSION:
            raise StoreVersionError(
                f"the findings store {self.location} has schema v{version}, written by a newer "
                f"workbench (this one knows v{SCHEMA_VERSION}); upgrade the workbench on this "
                "machine (every analyst of a team must run a version that knows the schema)"
            )
        return version

    @staticmethod
    def _version(conn: psycopg.Connection[Any]) -> int:
        exists = conn.execute("SELECT to_regclass('meta') IS NOT NULL").fetchone()
        if not exists or not exists[0]:
            return 0
        r = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return int(r[0]) if r else 0

    def _migrate(self, conn: psycopg.Connection[Any], target: int) -> None:
        # A session lock taken before the transaction (not pg_advisory_xact_lock inside it):
        # the transaction then starts after the previous holder's commit and sees its tables.
        conn.execute("SELECT pg_advisory_lock(%s)", (_MIGRATION_LOCK,))
        try:
            with conn.transaction():
                # Re-read under the lock: another analyst's process may have migrated meanwhile.
                for n in range(self._version(conn) + 1, target + 1):
                    for sql in MIGRATIONS[n - 1].postgresql:
                        conn.execute(sql)
                    for key, value_sql in ((f"schema_v{n}", _NOW_SQL), ("schema_version", f"'{n}'")):
                        conn.execute(
                            f"INSERT INTO meta VALUES (%s, {value_sql})"
                            " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                            (key,),
                        )
        finally:
            if not conn.broken:
                conn.execute("SELECT pg_advisory_unlock(%s)", (_MIGRATION_LOCK,))

    def open(self, *, target_version: int = SCHEMA_VERSION) -> None:
        """Connect, check and migrate (to ``target_version``; lower only in tests).

        Raises
        ------
        StoreAccessError
            The server cannot be reached, the login is refused, the database is not
            UTF8, or the user may not create the tables.
        CorruptStoreError
            The database (schema) holds tables of another program.
        StoreVersionError
            The schema was written by a newer workbench.
        """
        with self._lock:
            if self._conn is not None:
                return
            conn = self._connect()
            try:
                with self._errors():
                    if self._inspect(conn) < target_version:
                        self._migrate(conn, target_version)
            except BaseException:
                conn.close()
                raise
            self._conn = conn

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with self._lock:
            if self._conn is not None:
                if self._pid == os.getpid():
                    self._conn.close()
                else:
                    _INHERITED.append(self._conn)
                self._conn = None

    # -- helpers ---------------------------------------------------------------

    @property
    def conn(self) -> psycopg.Connection[Any]:
        """The open connection; reconnects after a lost connection or in a forked child.

        Raises
        ------
        StoreError
            :meth:`open` was not called.
        """
        if self._conn is None:
            raise StoreError("the findings store is not open; call store.open() first")
        if self._pid != os.getpid():
            _INHERITED.append(self._conn)  # the parent's socket: never touch it here
            self._conn = self._connect()
        elif self._conn.closed or self._conn.broken:
            self._conn = self._connect()
        return self._conn

    @contextmanager
    def _errors(self, *, writing: bool = False) -> Iterator[None]:
        psycopg = _import_psycopg()
        pe = psycopg.errors

        try:
            yield
        except StaleWriteError:
            raise
        except pe.LockNotAvailable:
            raise StoreError(
                f"an article in the findings store {self.location} stayed locked for "
                f"{LOCK_TIMEOUT_S} s by another writer; nothing was saved, try again"
            ) from None
        except (pe.InsufficientPrivilege, pe.ReadOnlySqlTransaction) as exc:
            raise StoreAccessError(
                f"the findings server {self.location} refused: {_first_line(exc)}. Connect as a "
                "user with write access to the tables (the first open creates them, which needs "
                "CREATE on the schema), and to the primary server, not a read-only replica"
            ) from None
        except pe.UniqueViolation as exc:
            # e.g. history(article_id, revision): two writers of one revision.
            raise StoreError(
                f"the findings store {self.location} refused the save ({_first_line(exc)}); "
                "nothing was saved: reload and apply again"
            ) from None
        except psycopg.OperationalError as exc:
            if writing:
                raise StoreError(
                    f"the connection to the findings server {self.location} was lost during a save "
                    f"({_first_line(exc)}); it may or may not have been saved. Apply it again with "
                    "the same expected_revision: if it was saved you get StaleWriteError"
                ) from None
            raise StoreError(
                f"the connection to the findings server {self.location} was lost "
                f"({_first_line(exc)}); try again (the store reconnects)"
            ) from None
        except psycopg.Error as exc:
            raise StoreError(f"findings server {self.location}: {_first_line(exc)}") from None

    def schema_version(self) -> int:
        """``meta.schema_version``."""
        with self._lock, self._errors():
            return self._version(self.conn)

    @contextmanager
    def write(self) -> Iterator[_PostgresTx]:
        """One transaction: committed on success, rolled back on error."""
        with self._lock, self._errors(writing=True):
            conn = self.conn
            with conn.transaction():
                yield _PostgresTx(conn)

    # -- reads -----------------------------------------------------------------

    def get_article(self, article_id: str) -> ArticleRow | None:
        """The article row or ``None``."""
        with self._lock, self._errors():
            return _fetch_article(self.conn, article_id, lock=False)

    def list_articles(self) -> list[ArticleRow]:
        """All articles (``text``/``state`` left empty), most recently updated first."""
        with self._lock, self._errors():
            rows = self.conn.execute(
                "SELECT id, metadata, revision, created, updated, title, n_findings"
                ' FROM articles ORDER BY updated COLLATE "C" DESC, id COLLATE "C"'
            ).fetchall()
        return [ArticleRow(r[0], "", r[1], {}, int(r[2]), r[3], r[4], r[5], int(r[6])) for r in rows]

    def history(self, article_id: str) -> list[HistoryRow]:
        """History of one article in revision order."""
        with self._lock, self._errors():
            rows = self.conn.execute(
                f"SELECT {_HISTORY_COLS} FROM history WHERE article_id=%s ORDER BY revision",
                (article_id,),
            ).fetchall()
        return [_history_row(r) for r in rows]

    def history_row(self, article_id: str, history_id: int) -> HistoryRow | None:
        """One history row of an article."""
        with self._lock, self._errors():
            r = self.conn.execute(
                f"SELECT {_HISTORY_COLS} FROM history WHERE article_id=%s AND id=%s",
                (article_id, int(history_id)),
            ).fetchone()
        return None if r is None else _history_row(r)

    def analyst_places(self, norm_name: str | None = None) -> list[AnalystPlaceRow]:
        """Analyst places (all, or those of one normalized name), newest first."""
        sql = (
            "SELECT norm_name, name, latitude, longitude, country_code, analyst, at,"
            " article_id, entity_id FROM analyst_places"
        )
        args: tuple[Any, ...] = ()
        if norm_name is not None:
            sql += " WHERE norm_name=%s"
            args = (norm_name,)
        with self._lock, self._errors():
            rows = self.conn.execute(sql + ' ORDER BY at COLLATE "C" DESC, id DESC', args).fetchall()
        return [AnalystPlaceRow(*r) for r in rows]

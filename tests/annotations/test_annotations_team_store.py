"""A team on one PostgreSQL store: URL selection, analysts seeing each other, migrations,
foreign or unreachable servers, and several writer processes losing nothing (both backends).

The PostgreSQL tests run against a throwaway cluster (``pg_fixtures``); they skip,
saying what to install, where no PostgreSQL server binaries exist.
"""

from __future__ import annotations

import multiprocessing as mp

import pytest
from annotation_fixtures import make_analysis
from pg_fixtures import ThrowawayCluster
from team_load import run_load, verify

from workbench.annotations import (
    AddFinding,
    ConfirmPlace,
    CorruptStoreError,
    FindingsStore,
    PinPlace,
    StaleWriteError,
    StoreAccessError,
    StoreError,
    StoreVersionError,
    UpdateFinding,
    span_target,
)
from workbench.annotations.backend import SCHEMA_VERSION
from workbench.annotations.postgres import PostgresBackend, redact_url

fork = pytest.mark.skipif("fork" not in mp.get_all_start_methods(), reason="needs the fork start method")


def _sql(url: str, sql: str, params: tuple = ()) -> list[tuple]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        cur = conn.execute(sql, params)
        return cur.fetchall() if cur.description else []


# -- selecting the backend (no server needed) --------------------------------------------


def test_a_postgresql_url_selects_the_server_backend_and_hides_the_password(monkeypatch) -> None:
    store = FindingsStore("postgresql://amal:s3cret@db.example.org:5433/findings?sslmode=require")
    assert store.dialect == "postgresql"
    assert "s3cret" not in store.location and "s3cret" not in repr(store)
    assert store.location == "postgresql://amal:***@db.example.org:5433/findings?sslmode=require"
    with pytest.raises(StoreError, match="no file"):
        _ = store.path
    monkeypatch.setenv("WORKBENCH_DB", "postgres://bilal@10.0.0.5/team")
    assert FindingsStore().dialect == "postgresql"  # the constructor does no I/O
    assert redact_url("postgresql://u@h/db?password=x&sslmode=require") == (
        "postgresql://u@h/db?password=***&sslmode=require"
    )
    assert FindingsStore("sqlite:///tmp/x.sqlite").dialect == "sqlite"


def test_an_unreachable_server_says_what_to_check() -> None:
    import socket

    with socket.socket() as s:  # a port where nothing listens
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    store = FindingsStore(f"postgresql://amal:s3cret@127.0.0.1:{port}/findings")
    with pytest.raises(StoreAccessError, match="WORKBENCH_DB") as err:
        store.open()
    assert "s3cret" not in str(err.value) and str(port) in str(err.value)


# -- analysts on one server ---------------------------------------------------------------


def test_analysts_see_each_others_findings_after_load_and_stale_writes_are_refused(pg_url, ids) -> None:
    with FindingsStore(pg_url, analyst="amal") as amal, FindingsStore(pg_url, analyst="bilal") as bilal:
        a = amal.open_article(make_analysis())
        b = bilal.open_article(make_analysis())  # same text: the same record
        assert b == a
        a = amal.apply(a.article_id, AddFinding(span_target(0, 3), "رأيت الفيديو"), expected_revision=0)
        with pytest.raises(StaleWriteError) as err:  # bilal still looks at revision 0
            bilal.apply(b.article_id, ConfirmPlace(ids["كورسك"]), expected_revision=b.revision)
        assert (err.value.expected_revision, err.value.actual_revision) == (0, 1)
        b = bilal.load(b.article_id)  # refresh
        assert [(f.note, f.analyst) for f in b.findings] == [("رأيت الفيديو", "amal")]
        b = bilal.apply(b.article_id, ConfirmPlace(ids["كورسك"]), expected_revision=b.revision)
        b = bilal.apply(
            b.article_id, UpdateFinding(b.findings[0].id, status="resolved"), expected_revision=b.revision
        )
        seen = amal.load(a.article_id)
        assert seen == b and seen.place_for(ids["كورسك"]).status == "confirmed"
        assert [(h.revision, h.analyst) for h in amal.history(a.article_id)] == [
            (1, "amal"),
            (2, "bilal"),
            (3, "bilal"),
        ]
        bilal.apply(b.article_id, PinPlace(ids["مارينو"], 51.2, 35.4, "Marino"), expected_revision=3)
        assert [(p.name, p.analyst) for p in amal.lookup_analyst_place("مارينو")] == [("Marino", "bilal")]
        assert [s.revision for s in amal.articles()] == [4]


def test_history_is_append_only_on_the_server(pg_url) -> None:
    import psycopg

    with FindingsStore(pg_url, analyst="amal") as store:
        st = store.open_article(make_analysis())
        store.apply(st.article_id, AddFinding(span_target(0, 3), "x"), expected_revision=0)
    with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
        _sql(pg_url, "UPDATE history SET analyst='mallory'")


def test_the_store_reconnects_after_losing_its_connection(pg_url, pg_cluster) -> None:
    with FindingsStore(pg_url, analyst="amal") as store:
        st = store.open_article(make_analysis())
        _sql(
            pg_cluster.url(),
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE application_name='arabic-osint-workbench'",
        )
        with pytest.raises(StoreError, match=r"connection .* was lost"):
            store.load(st.article_id)
        assert store.load(st.article_id) == st  # the next call reconnects
        store.apply(st.article_id, AddFinding(span_target(0, 3), "after"), expected_revision=0)


def test_a_read_only_login_is_told_it_cannot_write_and_the_documented_grants_let_it(
    pg_url, pg_cluster
) -> None:
    with FindingsStore(pg_url, analyst="owner") as store:
        st = store.open_article(make_analysis())
    schema = pg_url.rsplit("%3D", 1)[1]
    role = f"amal_{schema}"
    pg_cluster.admin(f"CREATE ROLE {role} LOGIN")
    pg_cluster.admin(f"GRANT USAGE ON SCHEMA {schema} TO {role}")
    pg_cluster.admin(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role}")
    url = pg_url.replace("postgres@", f"{role}@")
    with FindingsStore(url, analyst="amal") as ro:
        assert ro.load(st.article_id) == st  # reading works
        with pytest.raises(StoreAccessError, match="write access"):
            ro.apply(st.article_id, AddFinding(span_target(0, 3), "x"), expected_revision=0)
        assert ro.load(st.article_id).revision == 0
    # the grants of docs/team_store.md
    pg_cluster.admin(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role}")
    pg_cluster.admin(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {role}")
    with FindingsStore(url, analyst="amal") as rw:
        st = rw.apply(st.article_id, AddFinding(span_target(0, 3), "x"), expected_revision=0)
        rw.apply(st.article_id, PinPlace(st.entities[0].id, 51.2, 35.4, "Marino"), expected_revision=1)
        assert [h.analyst for h in rw.history(st.article_id)] == ["amal", "amal"]


@fork
def test_a_store_carried_into_a_forked_child_leaves_the_parents_connection_alone(pg_url) -> None:
    with FindingsStore(pg_url, analyst="amal") as store:
        st = store.open_article(make_analysis())
        session = store._backend.conn.info.backend_pid
        p = mp.get_context("fork").Process(target=_apply_in_child, args=(store, st.article_id))
        p.start()
        for _ in range(100):  # at the same time as the child: one shared socket would mix replies
            assert store.load(st.article_id).article_id == st.article_id
        p.join(timeout=60)
        assert p.exitcode == 0
        assert len(store.load(st.article_id).findings) == 20
        assert store._backend.conn.info.backend_pid == session  # the parent's session survived


def _apply_in_child(store: FindingsStore, article_id: str) -> None:
    for i in range(20):
        store.apply(article_id, AddFinding(span_target(0, 3), f"child {i}"), expected_revision=i)
    store.close()


# -- schema: migration, foreign and newer databases ----------------------------------------


def test_migrating_a_v1_postgresql_schema_keeps_everything(pg_cluster, ids) -> None:
    v1_url, src_url = pg_cluster.create_schema(), pg_cluster.create_schema()
    v1 = PostgresBackend(v1_url)
    v1.open(target_version=1)
    assert v1.schema_version() == 1
    v1.close()
    v1_schema, src_schema = v1_url.rsplit("%3D", 1)[1], src_url.rsplit("%3D", 1)[1]
    cols = {r[0] for r in _sql(pg_cluster.url(), "SELECT column_name FROM information_schema.columns"
                               " WHERE table_schema=%s AND table_name='articles'", (v1_schema,))}  # fmt: skip
    assert "title" not in cols and "n_findings" not in cols
    # data made by the current store, copied into the v1 schema's columns
    with FindingsStore(src_url, analyst="amal") as store:
        st = store.open_article(make_analysis())
        st = store.apply(st.article_id, ConfirmPlace(ids["كورسك"]), expected_revision=0)
        st = store.apply(st.article_id, PinPlace(ids["مارينو"], 51.2, 35.4, "Marino"), expected_revision=1)
        st = store.apply(st.article_id, AddFinding(span_target(0, 3), "ملاحظة"), expected_revision=2)
        hist = store.history(st.article_id)
    for table, columns in (
        ("articles", "id, text, metadata, state, revision, created, updated"),
        ("history", "id, article_id, revision, analyst, at, change, before, after"),
        ("analyst_places", "id, norm_name, name, latitude, longitude, country_code, analyst, at,"
                           " article_id, entity_id"),
    ):  # fmt: skip
        _sql(
            pg_cluster.url(),
            f"INSERT INTO {v1_schema}.{table} ({columns}) SELECT {columns} FROM {src_schema}.{table}",
        )
    for table in ("history", "analyst_places"):  # rows copied with their ids: move the counters on
        _sql(v1_url, f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    with FindingsStore(v1_url) as store:
        assert store.schema_version == SCHEMA_VERSION == 2
        assert store.load(st.article_id) == st
        assert store.history(st.article_id) == hist
        assert [(s.title, s.n_findings, s.revision) for s in store.articles()] == [("مارينو", 1, 3)]
        assert [p.name for p in store.lookup_analyst_place("مارينو")] == ["Marino"]
        st = store.apply(st.article_id, AddFinding(span_target(0, 3), "بعد"), expected_revision=3)
        assert store.articles()[0].n_findings == 2
    meta = dict(_sql(v1_url, "SELECT key, value FROM meta"))
    assert {"schema_v1", "schema_v2", "created"} <= set(meta) and meta["schema_version"] == "2"


@fork
def test_processes_opening_a_new_database_at_once_migrate_it_once(pg_cluster) -> None:
    url = pg_cluster.create_database()
    ctx = mp.get_context("fork")
    procs = [ctx.Process(target=_open_and_close, args=(url,)) for _ in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    meta = dict(_sql(url, "SELECT key, value FROM meta"))
    assert meta["schema_version"] == str(SCHEMA_VERSION)


def _open_and_close(url: str) -> None:
    with FindingsStore(url) as store:
        assert store.schema_version == SCHEMA_VERSION


def test_tables_of_another_program_are_left_untouched(pg_cluster) -> None:
    url = pg_cluster.create_schema()
    _sql(url, "CREATE TABLE articles (id int, body text)")
    with pytest.raises(CorruptStoreError, match="not a findings store"):
        FindingsStore(url).open()
    url = pg_cluster.create_schema()
    _sql(url, "CREATE TABLE meta (key text PRIMARY KEY, value text)")
    _sql(url, "INSERT INTO meta VALUES ('app_id', 'some-other-app')")
    with pytest.raises(CorruptStoreError, match="another program"):
        FindingsStore(url).open()
    assert _sql(url, "SELECT value FROM meta") == [("some-other-app",)]


def test_a_schema_from_a_newer_workbench_is_refused(pg_url) -> None:
    FindingsStore(pg_url).open().close()
    _sql(pg_url, "UPDATE meta SET value='99' WHERE key='schema_version'")
    with pytest.raises(StoreVersionError, match="v99"):
        FindingsStore(pg_url).open()


def test_a_database_that_cannot_hold_arabic_is_refused(pg_cluster) -> None:
    url = pg_cluster.create_database(encoding="SQL_ASCII")
    with pytest.raises(StoreAccessError, match="UTF8"):
        FindingsStore(url).open()
    assert _sql(url, "SELECT to_regclass('meta')") == [(None,)]


# -- several writer processes (both backends) ----------------------------------------------


@fork
def test_concurrent_writer_processes_lose_no_acknowledged_change(location) -> None:
    result = run_load(location, writers=4, changes=50, articles=2, timeout=300)
    assert verify(result) == []
    assert result.n_acked == 4 * 50


def test_the_throwaway_cluster_listens_on_loopback_only(pg_cluster: ThrowawayCluster) -> None:
    addresses = _sql(pg_cluster.url(), "SHOW listen_addresses")
    assert addresses == [("127.0.0.1",)]

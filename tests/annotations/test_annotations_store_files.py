"""The store file: schema migration, damaged and foreign files, unwritable locations."""

from __future__ import annotations

import os
import sqlite3

import pytest
from annotation_fixtures import make_analysis

from workbench.annotations import (
    AddFinding,
    ConfirmPlace,
    CorruptStoreError,
    FindingsStore,
    PinPlace,
    StoreAccessError,
    StoreVersionError,
    span_target,
)
from workbench.annotations.backend import APP_ID, SCHEMA_VERSION, SQLiteBackend


def _fill(path, n_articles: int = 1):
    """A store with ``n_articles`` articles, each with a few changes; the first state."""
    with FindingsStore(path, analyst="t") as store:
        first = None
        for i in range(n_articles):
            st = store.open_article(make_analysis() if i == 0 else _other(i))
            st = store.apply(st.article_id, AddFinding(span_target(0, 3), "x" * 500),
                             expected_revision=st.revision)  # fmt: skip
            first = first or st
        return first


def _other(i: int):
    from workbench.articles.model import Article

    return Article(text=f"مقال رقم {i} " * 50)


def test_a_new_store_has_the_current_schema_wal_and_app_id(tmp_path) -> None:
    path = tmp_path / "sub" / "f.sqlite"
    with FindingsStore(path) as store:
        assert store.schema_version == SCHEMA_VERSION == 2
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT value FROM meta WHERE key='app_id'").fetchone()[0] == APP_ID
    conn.close()


def test_history_is_append_only(tmp_path) -> None:
    _fill(tmp_path / "f.sqlite")
    conn = sqlite3.connect(tmp_path / "f.sqlite")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE history SET analyst='mallory'")
    conn.close()


def test_migrating_a_v1_file_keeps_everything_and_backs_it_up(tmp_path, ids) -> None:
    path = tmp_path / "f.sqlite"
    v1 = SQLiteBackend(path)
    v1.open(target_version=1)
    assert v1.schema_version() == 1
    v1.close()
    conn = sqlite3.connect(path)
    cols = {r[1] for r in conn.execute("PRAGMA table_info(articles)")}
    assert "title" not in cols and "n_findings" not in cols
    conn.close()
    # data made by the current store, copied into the v1 file's columns
    src = tmp_path / "src.sqlite"
    with FindingsStore(src, analyst="t") as store:
        st = store.open_article(make_analysis())
        st = store.apply(st.article_id, ConfirmPlace(ids["كورسك"]), expected_revision=0)
        st = store.apply(st.article_id, PinPlace(ids["مارينو"], 51.2, 35.4, "Marino"),
                         expected_revision=1)  # fmt: skip
        st = store.apply(st.article_id, AddFinding(span_target(0, 3), "ملاحظة"),
                         expected_revision=2)  # fmt: skip
    conn = sqlite3.connect(path)
    conn.execute("ATTACH ? AS src", (str(src),))
    for table, columns in [
        ("articles", "id, text, metadata, state, revision, created, updated"),
        ("history", "id, article_id, revision, analyst, at, change, before, after"),
        ("analyst_places", "id, norm_name, name, latitude, longitude, country_code, analyst,"
                           " at, article_id, entity_id"),
    ]:  # fmt: skip
        conn.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM src.{table}")
    conn.commit()
    conn.close()

    with FindingsStore(path) as store:
        assert store.schema_version == 2
        assert store.load(st.article_id) == st
        assert len(store.history(st.article_id)) == 3
        [summary] = store.articles()
        assert (summary.title, summary.n_findings) == ("مارينو", 1)  # backfilled columns
        assert store.lookup_analyst_place("مارينو")[0].name == "Marino"
        st = store.apply(st.article_id, ConfirmPlace(ids["مارينو"]), expected_revision=3)
    backup = path.with_name("f.sqlite.v1.bak")
    assert backup.exists()
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    conn.close()
    indexes = {r[0] for r in sqlite3.connect(path).execute(
        "SELECT name FROM sqlite_master WHERE type='index'")}  # fmt: skip
    assert {"analyst_places_norm", "articles_updated"} <= indexes


def _assert_untouched(path, before: bytes, info) -> None:
    assert path.read_bytes() == before
    msg = str(info.value)
    assert info.value.code == "W412"
    assert ("WORKBENCH_DB" in msg and "untouched" in msg) or "damaged" in msg


def test_random_bytes_are_refused_and_left_alone(tmp_path) -> None:
    path = tmp_path / "f.sqlite"
    data = os.urandom(8192)
    path.write_bytes(data)
    with pytest.raises(CorruptStoreError, match="not a SQLite database") as info:
        FindingsStore(path).open()
    _assert_untouched(path, data, info)


def test_a_truncated_store_is_reported_as_damaged(tmp_path) -> None:
    path = tmp_path / "f.sqlite"
    _fill(path, n_articles=40)
    size = path.stat().st_size
    assert size > 50_000 and not path.with_name("f.sqlite-wal").exists()
    with path.open("r+b") as fh:
        fh.truncate(size // 2)
    data = path.read_bytes()
    with pytest.raises(CorruptStoreError) as info:
        FindingsStore(path).open()
    _assert_untouched(path, data, info)
    assert "damaged" in str(info.value) or "cannot be read" in str(info.value)


def test_a_damaged_page_is_reported(tmp_path) -> None:
    path = tmp_path / "f.sqlite"
    _fill(path, n_articles=40)
    raw = bytearray(path.read_bytes())
    raw[4096 * 3 : 4096 * 6] = os.urandom(4096 * 3)  # garbage over a few b-tree pages
    path.write_bytes(bytes(raw))
    with pytest.raises(CorruptStoreError) as info:
        FindingsStore(path).open()
    _assert_untouched(path, bytes(raw), info)


def test_a_foreign_sqlite_database_is_refused(tmp_path) -> None:
    path = tmp_path / "f.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    conn.commit()
    conn.close()
    data = path.read_bytes()
    with pytest.raises(CorruptStoreError, match="another program") as info:
        FindingsStore(path).open()
    _assert_untouched(path, data, info)
    assert "moz_places" in str(info.value)


def test_a_store_from_a_newer_workbench_is_refused(tmp_path) -> None:
    path = tmp_path / "f.sqlite"
    _fill(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreVersionError, match="newer") as info:
        FindingsStore(path).open()
    assert info.value.code == "W414" and "upgrade" in str(info.value)


def test_an_empty_file_becomes_a_store(tmp_path) -> None:
    path = tmp_path / "f.sqlite"
    path.touch()
    with FindingsStore(path) as store:
        assert store.schema_version == SCHEMA_VERSION


def test_a_folder_is_not_a_store(tmp_path) -> None:
    with pytest.raises(StoreAccessError, match="folder") as info:
        FindingsStore(tmp_path).open()
    assert info.value.code == "W413"


def test_a_location_that_cannot_be_created(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreAccessError, match="WORKBENCH_DB"):
        FindingsStore(blocker / "sub" / "f.sqlite").open()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_folder(tmp_path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        with pytest.raises(StoreAccessError, match="WORKBENCH_DB"):
            FindingsStore(ro / "f.sqlite").open()
    finally:
        ro.chmod(0o755)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_file(tmp_path) -> None:
    path = tmp_path / "f.sqlite"
    _fill(path)
    path.chmod(0o444)
    try:
        with pytest.raises(StoreAccessError, match="WORKBENCH_DB"):
            FindingsStore(path).open()
    finally:
        path.chmod(0o644)


def test_the_store_can_be_opened_twice_in_one_process(tmp_path) -> None:
    path = tmp_path / "f.sqlite"
    first = _fill(path)
    with FindingsStore(path) as a, FindingsStore(path) as b:
        assert a.load(first.article_id) == b.load(first.article_id) == first


def test_a_read_only_folder_as_seen_by_the_process(tmp_path, monkeypatch) -> None:
    # Runs even as root: the check the store makes before creating a file.
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode, **kw: False if mode == os.W_OK else real_access(p, mode)
    )
    with pytest.raises(StoreAccessError, match="read-only") as info:
        FindingsStore(tmp_path / "f.sqlite").open()
    assert "WORKBENCH_DB" in str(info.value) and not (tmp_path / "f.sqlite").exists()

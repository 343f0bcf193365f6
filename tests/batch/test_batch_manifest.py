"""Resume state: the manifest and part numbering survive crashes."""

from __future__ import annotations

import pytest

from workbench.batch.engines import failed_batch
from workbench.batch.items import BatchItem, ItemError, ItemResult
from workbench.batch.manifest import Manifest
from workbench.batch.writers import BatchPaths, PartWriter, schemas
from workbench.errors import WorkbenchError


def test_recorded_parts_and_ids_are_read_back(tmp_path) -> None:
    m = Manifest(tmp_path / "o.manifest.jsonl")
    assert m.done_ids() == set() and m.parts() == []
    m.record("part-000001", ["a", "b"])
    m.record("part-000002", ["c"])
    assert Manifest(m.path).done_ids() == {"a", "b", "c"}
    assert m.parts() == ["part-000001", "part-000002"]


def test_a_torn_last_line_does_not_count_as_done(tmp_path) -> None:
    m = Manifest(tmp_path / "o.manifest.jsonl")
    m.record("part-000001", ["a"])
    with m.path.open("a", encoding="utf-8") as f:
        f.write('{"part": "part-000002", "ids": ["b", ')  # killed while writing
    assert m.done_ids() == {"a"} and m.parts() == ["part-000001"]


def test_a_foreign_file_is_not_taken_for_a_manifest(tmp_path) -> None:
    p = tmp_path / "o.manifest.jsonl"
    p.write_text('{"something": "else"}\n', encoding="utf-8")
    with pytest.raises(WorkbenchError) as e:
        Manifest(p).done_ids()
    assert e.value.code == "W123"


def test_part_numbers_never_reuse_an_orphan_file(tmp_path) -> None:
    parts = tmp_path / "o.parts"
    parts.mkdir()
    (parts / "part-000007.articles.parquet").write_bytes(b"")  # left by a crash, not in the manifest
    w = PartWriter(parts, existing=["part-000002"])
    result = ItemResult("a", {"article_id": "a", "text": "t", "n_entities": 0, "n_places": 0})
    assert w.write([result]) == "part-000008"
    assert {p.name for p in parts.glob("part-000008.*")} == {f"part-000008.{t}.parquet" for t in schemas()}


def test_output_paths_follow_the_places_file_and_other_suffixes_are_refused(tmp_path) -> None:
    p = BatchPaths.for_output(tmp_path / "run" / "places.gpkg")
    assert p.entities.name == "places.entities.parquet" and p.errors.name == "places.errors.jsonl"
    assert p.manifest.name == "places.manifest.jsonl" and p.parts.name == "places.parts"
    with pytest.raises(WorkbenchError) as e:
        BatchPaths.for_output(tmp_path / "places.csv")
    assert e.value.code == "W124"


def test_a_failed_batch_reports_every_article() -> None:
    items = [BatchItem("a", "t", "c.jsonl:1"), BatchItem("b", "t", "c.jsonl:2")]
    out = failed_batch(items, RuntimeError("boom"), "a worker process died")
    assert [(e.id, e.stage) for e in out.outcomes if isinstance(e, ItemError)] == [
        ("a", "worker"),
        ("b", "worker"),
    ]
    assert "rerun" in out.outcomes[0].message

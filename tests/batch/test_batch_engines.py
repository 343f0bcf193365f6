"""Local worker processes and a Dask cluster give the same tables as one process.

The pipeline and gazetteer are loaded once per worker: every batch outcome reports how
many pipelines its worker process has built.
"""

from __future__ import annotations

import pandas as pd
import pytest
from batch_fixtures import corpus_records, sorted_frames, write_jsonl

from workbench.batch import batch_analyze
from workbench.batch.engine_local import LocalEngine
from workbench.batch.items import BatchItem, ItemResult
from workbench.batch.worker import PipelineSpec

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_jsonl(tmp_path_factory.mktemp("corpus") / "c.jsonl", corpus_records(10, seed=5))


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory, gazetteer):
    out = tmp_path_factory.mktemp("ref") / "places.parquet"
    batch_analyze(corpus, out, workers=0, progress=False)
    return sorted_frames(out)


def _assert_same(frames, reference) -> None:
    for table in ("articles", "places", "entities"):
        pd.testing.assert_frame_equal(frames[table], reference[table], check_dtype=False)


def test_two_local_workers_load_once_each_and_match_one_process(corpus, reference, tmp_path) -> None:
    items = [BatchItem(f"x{i}", "قال مسؤولون إن انفجارا وقع في دمشق.", f"t:{i}") for i in range(6)]
    with LocalEngine(2, PipelineSpec()) as engine:
        outcomes = list(engine.run([items[i : i + 1] for i in range(6)]))
        assert all(o.extra["loads"] == 1 for o in outcomes)
        assert len({o.pid for o in outcomes}) <= 2
        assert all(isinstance(r, ItemResult) for o in outcomes for r in o.outcomes)
        s = batch_analyze(corpus, tmp_path / "p.gpkg", engine=engine, batch_size=2, progress=False)
    assert (s.processed, s.errors, s.engine, s.workers) == (10, 1, "local", 2)
    assert 0 < len(s.worker_rss) <= 2 and all(v > 50 * 2**20 for v in s.worker_rss.values())
    _assert_same(sorted_frames(tmp_path / "p.gpkg"), reference)


def test_a_dask_cluster_gives_the_same_tables(corpus, reference, tmp_path) -> None:
    distributed = pytest.importorskip("distributed")
    from workbench.batch import worker

    worker.loaded(PipelineSpec())  # the in-thread workers share this process's cache
    loads = worker.LOAD_COUNT
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        host="127.0.0.1",
        protocol="tcp://",
        dashboard_address=None,
    ) as cluster:
        s = batch_analyze(
            corpus, tmp_path / "p.parquet", engine="dask", scheduler=cluster.scheduler_address,
            batch_size=3, progress=False,
        )  # fmt: skip
    assert (s.processed, s.errors, s.engine, s.workers) == (10, 1, "dask", 2)
    assert loads == worker.LOAD_COUNT  # loaded once per worker process, not per task
    _assert_same(sorted_frames(tmp_path / "p.parquet"), reference)


def test_an_unreachable_scheduler_is_a_clear_error(corpus, tmp_path) -> None:
    pytest.importorskip("distributed")
    from workbench.batch.engine_dask import DaskEngine
    from workbench.errors import WorkbenchError

    with pytest.raises(WorkbenchError) as e:
        batch_analyze(corpus, tmp_path / "p.gpkg", engine=DaskEngine("tcp://127.0.0.1:9", connect_timeout=2))
    assert e.value.code == "W129" and "dask scheduler" in e.value.message

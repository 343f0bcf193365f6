"""Run a batch: read the input, skip what is done, dispatch to an engine, write parts, merge.

This is the orchestration layer; reading (:mod:`~workbench.batch.sources`), analysis
(:mod:`~workbench.batch.worker`), dispatch (:mod:`~workbench.batch.engines`) and files
(:mod:`~workbench.batch.writers`, :mod:`~workbench.batch.manifest`) live in their own
modules.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from workbench.batch.engines import Engine, make_engine
from workbench.batch.items import BatchItem, ItemError, ItemResult
from workbench.batch.manifest import Manifest
from workbench.batch.sources import count_items, iter_items
from workbench.batch.worker import PipelineSpec
from workbench.batch.writers import BatchPaths, PartWriter, merge_parts

__all__ = ["BatchSummary", "batch_analyze"]


@dataclass
class BatchSummary:
    """What a batch run did.

    Attributes
    ----------
    total
        Items in the input (lines or files).
    processed
        Articles analysed in this run.
    skipped
        Articles already processed by an earlier run (resume).
    duplicates
        Items whose id appeared earlier in the same input (analysed once).
    errors
        Items that failed in this run (listed in ``paths.errors``).
    seconds
        Wall time of the analysis (without the final merge).
    engine, workers
        The engine used and its number of workers.
    worker_rss
        Highest resident memory seen per worker process id, in bytes.
    rows
        Row counts of the merged outputs (empty when not merged).
    paths
        Every file of the output.
    """

    total: int
    processed: int
    skipped: int
    duplicates: int
    errors: int
    seconds: float
    engine: str
    workers: int
    paths: BatchPaths
    worker_rss: dict[int, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def articles_per_minute(self) -> float:
        """Analysed (or failed) articles per minute of wall time."""
        n = self.processed + self.errors
        return 60.0 * n / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view (printed by the CLI)."""
        return {
            "total": self.total,
            "processed": self.processed,
            "skipped": self.skipped,
            "duplicates": self.duplicates,
            "errors": self.errors,
            "seconds": round(self.seconds, 3),
            "articles_per_minute": round(self.articles_per_minute, 1),
            "engine": self.engine,
            "workers": self.workers,
            "worker_rss_mb": sorted(round(v / 2**20) for v in self.worker_rss.values()),
            "rows": self.rows,
            "outputs": {k: str(getattr(self.paths, k)) for k in ("places", "entities", "articles", "errors")},
        }


class _Run:
    """Mutable state of one run (counters, open files, buffer)."""

    def __init__(self, paths: BatchPaths, done: set[str], errors_file: IO[str], bar: Any) -> None:
        self.paths = paths
        self.done = done
        self.seen: set[str] = set()
        self.errors_file = errors_file
        self.bar = bar
        self.skipped = self.duplicates = self.errors = self.processed = 0

    def error(self, err: ItemError) -> None:
        self.errors += 1
        self.errors_file.write(json.dumps(err.to_dict(), ensure_ascii=False) + "\n")
        self.errors_file.flush()

    def batches(self, items: Iterator[BatchItem | ItemError], size: int) -> Iterator[list[BatchItem]]:
        batch: list[BatchItem] = []
        for item in items:
            if isinstance(item, ItemError):
                self.error(item)
                self.bar.update(1)
                continue
            if item.id in self.done or item.id in self.seen:
                if item.id in self.done:
                    self.skipped += 1
                else:
                    self.duplicates += 1
                # Not work of this run: shrink the bar so rate and ETA stay truthful (it
                # redraws on the next update; redrawing per skipped item would be slow).
                self.bar.total = max(self.bar.n, (self.bar.total or 1) - 1)
                continue
            self.seen.add(item.id)
            batch.append(item)
            if len(batch) >= size:
                yield batch
                batch = []
        if batch:
            yield batch


def batch_analyze(
    input: Path | str,
    out: Path | str,
    *,
    engine: Engine | str = "local",
    workers: int | None = None,
    scheduler: Any = None,
    spec: PipelineSpec | None = None,
    batch_size: int = 16,
    part_size: int = 500,
    progress: bool = True,
    merge: bool = True,
) -> BatchSummary:
    """Analyse every article of a corpus and write places, entities and articles tables.

    Articles already recorded in the output's manifest are skipped, so running the same
    command again after an interruption (or after adding articles to the input) only
    analyses what is new. An article that fails is written to ``OUT.errors.jsonl`` and
    the run goes on; the errors file lists the failures of the latest run, and failed
    articles are tried again by the next run.

    Parameters
    ----------
    input
        A folder of article files or a JSONL corpus (see :mod:`workbench.batch.sources`).
    out
        The places output: ``.gpkg`` (GeoPackage) or ``.parquet`` (GeoParquet). Entities
        and articles go next to it (:class:`~workbench.batch.writers.BatchPaths`).
    engine
        ``"local"``, ``"dask"`` or an :class:`~workbench.batch.engines.Engine` instance
        (which is then not closed here).
    workers
        Local worker processes (``0`` = this process); for Dask without a scheduler,
        the size of the local cluster.
    scheduler
        Dask scheduler address or ``distributed.Client``.
    spec
        How workers build the pipeline (default gazetteer and model).
    batch_size
        Articles per task sent to a worker.
    part_size
        Articles per part file (the unit of resumption).
    progress
        Show a tqdm progress bar (rate and ETA) on stderr.
    merge
        Merge the parts into the output files at the end.

    Returns
    -------
    BatchSummary
    """
    from tqdm.auto import tqdm

    paths = BatchPaths.for_output(out)
    manifest = Manifest(paths.manifest)
    done = manifest.done_ids()
    parts = manifest.parts()
    writer = PartWriter(paths.parts, parts)
    total = count_items(input)
    caller_owns_engine = not isinstance(engine, str)
    eng: Engine = (
        engine
        if not isinstance(engine, str)
        else make_engine(engine, workers=workers, scheduler=scheduler, spec=spec)
    )
    paths.errors.parent.mkdir(parents=True, exist_ok=True)
    buffer: list[ItemResult] = []
    worker_rss: dict[int, int] = {}
    new_parts = 0

    def flush() -> None:
        nonlocal new_parts
        if buffer:
            name = writer.write(buffer)
            manifest.record(name, [r.id for r in buffer])
            parts.append(name)
            new_parts += 1
            buffer.clear()

    t0 = time.perf_counter()
    with (
        paths.errors.open("w", encoding="utf-8") as errors_file,
        tqdm(total=total, unit="article", desc="batch", disable=not progress, smoothing=0.05) as bar,
    ):
        run = _Run(paths, done, errors_file, bar)
        try:
            for outcome in eng.run(run.batches(iter_items(input), batch_size)):
                if outcome.pid > 0:
                    worker_rss[outcome.pid] = max(worker_rss.get(outcome.pid, 0), outcome.rss)
                for o in outcome.outcomes:
                    if isinstance(o, ItemError):
                        run.error(o)
                    else:
                        run.processed += 1
                        buffer.append(o)
                bar.update(len(outcome.outcomes))
                bar.set_postfix(errors=run.errors, skipped=run.skipped, refresh=False)
                if len(buffer) >= part_size:
                    flush()
        finally:
            # Also on Ctrl-C: what is analysed is kept, the next run resumes after it.
            flush()
            if not caller_owns_engine:
                eng.close()
    seconds = time.perf_counter() - t0
    rows: dict[str, int] = {}
    if merge and (new_parts or not paths.places.exists()):
        rows = merge_parts(paths, parts)
    return BatchSummary(
        total=total,
        processed=run.processed,
        skipped=run.skipped,
        duplicates=run.duplicates,
        errors=run.errors,
        seconds=seconds,
        engine=eng.name,
        workers=eng.workers,
        paths=paths,
        worker_rss=worker_rss,
        rows=rows,
    )

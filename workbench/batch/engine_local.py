"""Local engine: worker processes on this machine (``concurrent.futures``).

Each worker process is started with ``spawn`` (no inherited threads or open SQLite
handles) and loads the pipeline and gazetteer once, in the pool initializer. If a
worker dies (out of memory, a crash in native code), the articles of the batches in
flight are reported as errors and a new pool is started, up to ``max_restarts`` times.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from workbench.batch.engines import failed_batch
from workbench.batch.items import BatchItem
from workbench.batch.worker import BatchOutcome, PipelineSpec, init_worker, process_batch
from workbench.errors import WorkbenchError

__all__ = ["LocalEngine"]


class LocalEngine:
    """A pool of ``workers`` processes, each with its own pipeline and gazetteer.

    Parameters
    ----------
    workers
        Number of processes (≥ 1).
    spec
        How each worker builds the pipeline.
    in_flight
        Batches queued per worker (bounds memory; 2 keeps every worker busy).
    max_restarts
        Pools started again after a worker died before the run gives up.
    """

    name = "local"

    def __init__(
        self, workers: int, spec: PipelineSpec | None = None, *, in_flight: int = 2, max_restarts: int = 3
    ) -> None:
        if workers < 1:
            raise ValueError("LocalEngine needs at least one worker (use InProcessEngine for 0)")
        self.workers = workers
        self.spec = spec or PipelineSpec()
        self.in_flight = in_flight
        self.max_restarts = max_restarts
        self._pool: ProcessPoolExecutor | None = None

    def _start(self) -> ProcessPoolExecutor:
        self._pool = ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=init_worker,
            initargs=(self.spec,),
        )
        return self._pool

    def run(self, batches: Iterable[list[BatchItem]]) -> Iterator[BatchOutcome]:
        """Analyse the batches on the pool; yield outcomes as batches finish."""
        pool = self._pool or self._start()
        restarts = 0
        pending: dict[Future[BatchOutcome], list[BatchItem]] = {}
        source = iter(batches)
        exhausted = False
        while True:
            while not exhausted and len(pending) < self.workers * self.in_flight:
                batch = next(source, None)
                if batch is None:
                    exhausted = True
                    break
                pending[pool.submit(process_batch, batch, self.spec)] = batch
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            broken = False
            for fut in done:
                items = pending.pop(fut)
                try:
                    yield fut.result()
                except BrokenProcessPool as exc:
                    broken = True
                    yield failed_batch(items, exc, "a worker process died")
            if broken:
                # Every batch still queued on the dead pool fails the same way.
                for items in pending.values():
                    yield failed_batch(items, BrokenProcessPool("pool restarted"), "a worker process died")
                pending.clear()
                restarts += 1
                pool.shutdown(wait=False, cancel_futures=True)
                if restarts > self.max_restarts:
                    raise WorkbenchError(
                        f"worker processes died {restarts} times; check memory (one worker needs "
                        "about 0.5 GB) or run with fewer --workers",
                        code="W127",
                    )
                pool = self._start()

    def close(self) -> None:
        """Stop the worker processes."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

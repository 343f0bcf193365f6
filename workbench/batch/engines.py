"""The engine interface and the in-process engine.

An engine takes batches of :class:`~workbench.batch.items.BatchItem` and yields one
:class:`~workbench.batch.worker.BatchOutcome` per batch as batches finish (not
necessarily in order). It keeps a bounded number of batches in flight, so a corpus of
millions of articles is never held in memory at once. A batch whose worker died comes
back as one :class:`~workbench.batch.items.ItemError` per article.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from workbench.batch.items import BatchItem, ItemError
from workbench.batch.worker import BatchOutcome, PipelineSpec, process_batch

__all__ = ["Engine", "InProcessEngine", "failed_batch", "make_engine"]


class Engine(Protocol):
    """What the runner needs from an engine."""

    name: str
    workers: int

    def run(self, batches: Iterable[list[BatchItem]]) -> Iterator[BatchOutcome]:
        """Analyse the batches; yield their outcomes as they finish."""
        ...

    def close(self) -> None:
        """Release workers and connections."""
        ...


def failed_batch(items: list[BatchItem], exc: BaseException, what: str) -> BatchOutcome:
    """Outcome of a batch whose worker failed as a whole (died, was killed, lost)."""
    message = f"{what}: {type(exc).__name__}: {exc}; rerun the same command to retry these articles"
    errors: list[Any] = [ItemError(i.id, i.origin, "worker", type(exc).__name__, message) for i in items]
    return BatchOutcome(errors, pid=-1, rss=0)


class InProcessEngine:
    """Runs batches in the calling process (``--workers 0``): for debugging and small runs.

    Parameters
    ----------
    spec
        The pipeline to load (once, on the first batch).
    """

    name = "inprocess"
    workers = 1

    def __init__(self, spec: PipelineSpec | None = None) -> None:
        self.spec = spec or PipelineSpec()

    def run(self, batches: Iterable[list[BatchItem]]) -> Iterator[BatchOutcome]:
        """Analyse each batch in turn."""
        for batch in batches:
            yield process_batch(batch, self.spec)

    def close(self) -> None:
        """Nothing to release (the pipeline stays cached for the session)."""

    def __enter__(self) -> InProcessEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def make_engine(
    engine: str = "local",
    *,
    workers: int | None = None,
    scheduler: Any = None,
    spec: PipelineSpec | None = None,
) -> Engine:
    """Build an engine by name.

    Parameters
    ----------
    engine
        ``"local"`` (processes on this machine) or ``"dask"`` (a Dask distributed cluster).
    workers
        Local worker processes; ``0`` runs in this process; default: CPU count.
    scheduler
        Dask scheduler address (``tcp://host:8786``), a ``distributed.Client``, or
        ``None`` for a local Dask cluster of ``workers`` processes.
    spec
        How workers build the pipeline.

    Returns
    -------
    Engine
    """
    spec = spec or PipelineSpec()
    if engine == "local":
        n = (os.cpu_count() or 1) if workers is None else workers
        if n <= 0:
            return InProcessEngine(spec)
        from workbench.batch.engine_local import LocalEngine

        return LocalEngine(n, spec)
    if engine == "dask":
        from workbench.batch.engine_dask import DaskEngine

        return DaskEngine(scheduler, spec=spec, workers=workers)
    from workbench.errors import WorkbenchError

    raise WorkbenchError(f"unknown engine {engine!r}; use --engine local or --engine dask", code="W126")

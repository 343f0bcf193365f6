"""Dask distributed engine: batches of articles as tasks on a Dask cluster.

Every worker loads the pipeline and gazetteer once: :class:`PipelinePlugin` loads them
when the worker starts (or joins), and the task function reuses the per-process cache
of :func:`workbench.batch.worker.loaded`. Workers need the workbench installed and
either the gazetteer at ``PipelineSpec.gazetteer_path`` or a writable cache to build
the default one. Run workers with one thread each (``dask worker --nthreads 1``):
analysis is CPU-bound Python, so one process per core is what scales.

Distributed is imported lazily; without it, the error says what to install.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from workbench.batch.engines import failed_batch
from workbench.batch.items import BatchItem
from workbench.batch.worker import BatchOutcome, PipelineSpec, loaded, process_batch
from workbench.errors import WorkbenchError

__all__ = ["DaskEngine", "PipelinePlugin"]


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise WorkbenchError(
            'the Dask engine needs Dask distributed: pip install "dask[distributed]"', code="W128"
        ) from exc
    return distributed


class PipelinePlugin:
    """Worker plugin that loads the pipeline and gazetteer once per worker.

    Parameters
    ----------
    spec
        How to build them.
    """

    name = "workbench-pipeline"

    def __init__(self, spec: PipelineSpec) -> None:
        self.spec = spec

    def setup(self, worker: Any) -> None:
        """Called by Dask on every current and future worker."""
        loaded(self.spec)

    def teardown(self, worker: Any) -> None:
        """Nothing to release: the cache dies with the worker process."""


def _as_worker_plugin(spec: PipelineSpec) -> Any:
    base = _distributed().WorkerPlugin

    class _Plugin(PipelinePlugin, base):  # type: ignore[misc, valid-type]
        pass

    return _Plugin(spec)


class DaskEngine:
    """Send batches to a Dask cluster and collect their outcomes as they finish.

    Parameters
    ----------
    scheduler
        Scheduler address (``tcp://10.0.0.5:8786``), an existing ``distributed.Client``
        (not closed by :meth:`close`), or ``None`` for a local cluster of ``workers``
        processes with one thread each.
    spec
        How workers build the pipeline.
    workers
        Size of the local cluster when ``scheduler`` is ``None``.
    in_flight
        Batches queued per worker thread (bounds memory on the client and the cluster).
    connect_timeout
        Seconds to wait for the scheduler.
    """

    name = "dask"

    def __init__(
        self,
        scheduler: Any = None,
        *,
        spec: PipelineSpec | None = None,
        workers: int | None = None,
        in_flight: int = 2,
        connect_timeout: float = 30.0,
    ) -> None:
        self.spec = spec or PipelineSpec()
        self._scheduler = scheduler
        self._n_local = workers
        self.in_flight = in_flight
        self.connect_timeout = connect_timeout
        self._client: Any = None
        self._cluster: Any = None
        self._owns_client = False
        self.workers = 0

    def _connect(self) -> Any:
        if self._client is not None:
            return self._client
        d = _distributed()
        if isinstance(self._scheduler, d.Client):
            self._client = self._scheduler
        else:
            if self._scheduler is None:
                self._cluster = d.LocalCluster(
                    n_workers=self._n_local or 2, threads_per_worker=1, dashboard_address=None
                )
                address = self._cluster.scheduler_address
            else:
                address = str(self._scheduler)
            import dask

            t = f"{self.connect_timeout}s"
            try:
                with dask.config.set({"distributed.comm.timeouts.connect": t}):
                    self._client = d.Client(address, timeout=t)
            except OSError as exc:
                raise WorkbenchError(
                    f"could not reach the Dask scheduler at {address} ({exc}); start it with "
                    "`dask scheduler` and workers with `dask worker ADDRESS --nthreads 1`",
                    code="W129",
                ) from exc
            self._owns_client = True
        self._client.register_plugin(_as_worker_plugin(self.spec), name=PipelinePlugin.name)
        info = self._client.scheduler_info()
        self.workers = len(info.get("workers", {})) or 1
        return self._client

    def run(self, batches: Iterable[list[BatchItem]]) -> Iterator[BatchOutcome]:
        """Submit batches (a bounded number at a time); yield outcomes as they finish."""
        d = _distributed()
        client = self._connect()
        threads = sum(client.nthreads().values()) or 1
        limit = max(2, threads * self.in_flight)
        source = iter(batches)
        items_of: dict[str, list[BatchItem]] = {}
        queue = d.as_completed()

        def submit() -> bool:
            batch = next(source, None)
            if batch is None:
                return False
            fut = client.submit(process_batch, batch, self.spec, pure=False)
            items_of[fut.key] = batch
            queue.add(fut)
            return True

        while len(items_of) < limit and submit():
            pass
        for fut in queue:
            items = items_of.pop(fut.key)
            try:
                yield fut.result()
            except Exception as exc:  # KilledWorker, a lost worker, a failed deserialization
                yield failed_batch(items, exc, "a Dask task failed")
            finally:
                fut.release()
            while len(items_of) < limit and submit():
                pass

    def close(self) -> None:
        """Close the client and local cluster this engine created."""
        if self._owns_client and self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

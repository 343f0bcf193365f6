"""What runs inside a worker: load the pipeline and gazetteer once, analyse batches.

The loaded adapters are cached per process and per :class:`PipelineSpec`, so a local
worker process (through the pool initializer), a Dask worker (through
:class:`~workbench.batch.engine_dask.PipelinePlugin` or its first task) and the main
process each load them exactly once. The default spec reuses
:func:`workbench.analysis.default_pipeline` and the default gazetteer, so an in-process
run shares them with the rest of the session.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workbench.batch.items import BatchItem, ItemError, Outcome
from workbench.batch.records import result_from_analysis

if TYPE_CHECKING:
    from spacy.language import Language

    from workbench.geo.gazetteer import Gazetteer

__all__ = ["BatchOutcome", "PipelineSpec", "init_worker", "loaded", "process_batch", "rss_bytes"]


@dataclass(frozen=True, slots=True)
class PipelineSpec:
    """How a worker builds its pipeline (small and picklable; sent to every worker).

    Attributes
    ----------
    gazetteer_path
        Gazetteer file; ``None`` for the default one (built on first use on that worker).
    model
        ``"default"``, ``"none"`` (rules only) or a model folder, as for
        :func:`workbench.nlp.load_pipeline`.
    """

    gazetteer_path: str | None = None
    model: str = "default"


@dataclass(slots=True)
class BatchOutcome:
    """Outcomes of one batch plus the worker's process id, resident memory and counters.

    ``extra["loads"]`` is how many pipelines the worker process has built so far
    (1 when the once-per-worker loading works).
    """

    outcomes: list[Outcome]
    pid: int
    rss: int
    extra: dict[str, float] = field(default_factory=dict)


_loaded: dict[PipelineSpec, tuple[Language, Gazetteer]] = {}
_load_lock = threading.Lock()
# One analysis at a time per process: spaCy components are not guaranteed thread-safe,
# and the work is CPU-bound Python, so threads would not run it faster anyway.
_run_lock = threading.Lock()
LOAD_COUNT = 0  # how many times this process built a pipeline (tests check "once per worker")


def loaded(spec: PipelineSpec) -> tuple[Language, Gazetteer]:
    """The pipeline and gazetteer of ``spec`` in this process, built on first call."""
    global LOAD_COUNT
    with _load_lock:
        got = _loaded.get(spec)
        if got is None:
            if spec == PipelineSpec():
                from workbench.analysis import default_pipeline
                from workbench.geo.gazetteer import default_gazetteer

                got = (default_pipeline(), default_gazetteer(progress=False))
            else:
                from workbench.geo.gazetteer import Gazetteer, default_gazetteer
                from workbench.nlp import load_pipeline

                gaz = (
                    Gazetteer(spec.gazetteer_path).load(progress=False)
                    if spec.gazetteer_path
                    else default_gazetteer(progress=False)
                )
                got = (load_pipeline("ar", gazetteer=gaz, model=spec.model), gaz)
            _loaded[spec] = got
            LOAD_COUNT += 1
        return got


def init_worker(spec: PipelineSpec) -> None:
    """Process-pool initializer: load the adapters before the first batch arrives."""
    loaded(spec)


def rss_bytes() -> int:
    """Resident set size of this process in bytes (0 when it cannot be measured)."""
    try:
        import psutil

        return int(psutil.Process().memory_info().rss)
    except Exception:  # psutil missing or the platform refuses: memory is informative only
        return 0


def process_batch(items: list[BatchItem], spec: PipelineSpec) -> BatchOutcome:
    """Analyse ``items``; a failing article becomes an :class:`ItemError`, the rest go on.

    Parameters
    ----------
    items
        Articles to analyse.
    spec
        The pipeline to use (loaded once per process).

    Returns
    -------
    BatchOutcome
        One outcome per item, in order.
    """
    from workbench.analysis import analyze
    from workbench.articles import article_from_text

    nlp, gaz = loaded(spec)
    outcomes: list[Outcome] = []
    for item in items:
        try:
            article = article_from_text(
                item.text,
                title=item.title,
                language=item.language,
                source=item.source or item.origin,
                url=item.url,
                published=item.published,
            )
        except Exception as exc:  # one bad article never stops the batch
            outcomes.append(ItemError.from_exception(item.id, item.origin, "read", exc))
            continue
        try:
            with _run_lock:
                analysis = analyze(article, nlp=nlp, gazetteer=gaz)
            outcomes.append(result_from_analysis(item, analysis))
        except Exception as exc:
            outcomes.append(ItemError.from_exception(item.id, item.origin, "analyze", exc))
    return BatchOutcome(outcomes, os.getpid(), rss_bytes(), {"loads": float(LOAD_COUNT)})

"""Batch analysis of corpora, on one machine or a Dask cluster.

>>> from workbench.batch import batch_analyze
>>> summary = batch_analyze("corpus.jsonl", "out/places.gpkg", workers=2)  # doctest: +SKIP
>>> summary.articles_per_minute                                             # doctest: +SKIP

Modules: :mod:`~.sources` (inputs), :mod:`~.worker` (per-worker pipeline and analysis),
:mod:`~.records` (result rows), :mod:`~.engines` / :mod:`~.engine_local` /
:mod:`~.engine_dask` (dispatch), :mod:`~.manifest` (resume state), :mod:`~.writers`
(part files and merged outputs), :mod:`~.runner` (orchestration), :mod:`~.cli`.
"""

from workbench.batch.items import BatchItem, ItemError, ItemResult, article_id
from workbench.batch.runner import BatchSummary, batch_analyze
from workbench.batch.worker import PipelineSpec
from workbench.batch.writers import BatchPaths, read_batch_output

__all__ = [
    "BatchItem",
    "BatchPaths",
    "BatchSummary",
    "ItemError",
    "ItemResult",
    "PipelineSpec",
    "article_id",
    "batch_analyze",
    "read_batch_output",
]

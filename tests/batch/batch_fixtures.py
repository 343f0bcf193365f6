"""Helpers of the batch tests (a uniquely named module, not ``conftest``)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from workbench.batch.engines import InProcessEngine
from workbench.batch.items import BatchItem
from workbench.batch.worker import BatchOutcome
from workbench.corpus.synthetic import synthetic_articles

BAD_LINE_ID = "empty-one"


def write_jsonl(path: Path, records: Iterable[Any]) -> Path:
    """Write records (dicts, or raw strings written as they are) one per line."""
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n")
    return path


def corpus_records(n: int = 12, seed: int = 3) -> list[dict[str, Any]]:
    """``n`` synthetic articles, then one with empty text and one repeating the first id."""
    recs = list(synthetic_articles(n, seed=seed))
    return [*recs, {"id": BAD_LINE_ID, "text": "   "}, dict(recs[0])]


def sorted_frames(out: Path) -> dict[str, pd.DataFrame]:
    """The three output tables, sorted and without the geometry column (comparable)."""
    from workbench.batch import read_batch_output

    articles, places, entities = read_batch_output(out)
    places = pd.DataFrame(places.drop(columns="geometry"))
    return {
        "articles": articles.sort_values("article_id").reset_index(drop=True),
        "places": places.sort_values(["article_id", "start"]).reset_index(drop=True),
        "entities": entities.sort_values(["article_id", "start"]).reset_index(drop=True),
    }


class InterruptingEngine(InProcessEngine):
    """Runs ``batches_before`` batches in process, then raises KeyboardInterrupt (Ctrl-C)."""

    def __init__(self, batches_before: int) -> None:
        super().__init__()
        self.batches_before = batches_before

    def run(self, batches: Iterable[list[BatchItem]]) -> Iterator[BatchOutcome]:
        for i, outcome in enumerate(super().run(batches)):
            if i == self.batches_before:
                raise KeyboardInterrupt
            yield outcome

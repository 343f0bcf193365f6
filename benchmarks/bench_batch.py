"""Batch throughput: articles/minute for 1 and 2 local workers and Dask with 2 workers.

    nice python benchmarks/bench_batch.py [--n 200] [--price 0.04]

Every figure is measured in the same run against single-process ``analyze()`` (the
baseline: one core, pipeline already loaded, no I/O). Engines are measured twice:
``cold`` includes starting the workers and loading the pipeline in each of them,
``warm`` is a second corpus on the same, already loaded workers (the steady state a
long run sees). Memory is the resident set size of each worker (psutil). The last lines
project the cost of one million articles from the warm 2-worker figure (see
docs/scaling.md for the assumptions).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("WORKBENCH_CACHE_DIR", str(ROOT / ".cache"))


def _per_min(n: int, seconds: float) -> float:
    return 60.0 * n / seconds if seconds > 0 else float("inf")


def _baseline(corpus: Path) -> tuple[float, int]:
    from workbench.analysis import analyze, default_pipeline
    from workbench.articles import article_from_text
    from workbench.batch.sources import iter_items
    from workbench.batch.worker import rss_bytes
    from workbench.geo.gazetteer import default_gazetteer

    nlp, gaz = default_pipeline(), default_gazetteer()
    items = list(iter_items(corpus))
    arts = [article_from_text(i.text, title=i.title, published=i.published) for i in items]
    analyze(arts[0], nlp=nlp, gazetteer=gaz)  # warm-up
    t0 = time.perf_counter()
    for a in arts:
        analyze(a, nlp=nlp, gazetteer=gaz)
    return _per_min(len(arts), time.perf_counter() - t0), rss_bytes()


def _run(label: str, make_engine, corpora: tuple[Path, Path], work: Path) -> tuple[float, float, list[int]]:
    from workbench.batch import batch_analyze

    engine = make_engine()
    try:
        cold = batch_analyze(corpora[0], work / f"{label}-cold.parquet", engine=engine, progress=False)
        warm = batch_analyze(corpora[1], work / f"{label}-warm.parquet", engine=engine, progress=False)
    finally:
        engine.close()
    rss = {
        pid: max(cold.worker_rss.get(pid, 0), warm.worker_rss.get(pid, 0))
        for pid in {**cold.worker_rss, **warm.worker_rss}
    }
    return cold.articles_per_minute, warm.articles_per_minute, sorted(v // 2**20 for v in rss.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="articles per corpus (default 200)")
    parser.add_argument("--price", type=float, default=0.04, help="cloud price per core-hour, USD")
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()
    with contextlib.suppress(OSError):
        os.nice(10)  # share the machine: workers inherit the niceness
    from workbench.batch.engine_local import LocalEngine
    from workbench.batch.worker import PipelineSpec
    from workbench.corpus.synthetic import write_synthetic_corpus

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpora = (
            write_synthetic_corpus(work / "a.jsonl", args.n, seed=1),
            write_synthetic_corpus(work / "b.jsonl", args.n, seed=2),
        )
        base, base_rss = _baseline(corpora[1])
        with corpora[1].open(encoding="utf-8") as f:
            words = [len(json.loads(line)["text"].split()) for line in f]
        mean_words = sum(words) / len(words)
        print(
            f"corpus: 2 x {args.n} synthetic articles, {mean_words:.0f} words each on average; "
            f"machine: {os.cpu_count()} cores (shared)"
        )
        print(f"{'engine':<22}{'cold art/min':>14}{'warm art/min':>14}{'warm/baseline':>15}  worker RSS MB")
        print(f"{'analyze() 1 process':<22}{'':>14}{base:>14,.0f}{1.0:>15.2f}  {base_rss // 2**20}")
        results = {}
        for workers in (1, 2):
            label = f"local --workers {workers}"
            cold, warm, rss = _run(
                f"local{workers}", lambda w=workers: LocalEngine(w, PipelineSpec()), corpora, work
            )
            results[label] = warm
            print(f"{label:<22}{cold:>14,.0f}{warm:>14,.0f}{warm / base:>15.2f}  {rss}")
        if not args.no_dask:
            from workbench.batch.engine_dask import DaskEngine

            cold, warm, rss = _run("dask2", lambda: DaskEngine(None, workers=2), corpora, work)
            results["dask 2 workers"] = warm
            print(f"{'dask 2 workers':<22}{cold:>14,.0f}{warm:>14,.0f}{warm / base:>15.2f}  {rss}")
        print(
            f"words/minute: baseline {base * mean_words:,.0f}, "
            f"1 worker {results['local --workers 1'] * mean_words:,.0f}"
        )
        for name, per_core_min in (
            ("per core (1 worker)", results["local --workers 1"]),
            ("per core (2 workers / 2)", results["local --workers 2"] / 2),
        ):
            per_core_hour = per_core_min * 60
            for words_per_article in (mean_words, 600):
                rate = per_core_hour * mean_words / words_per_article
                core_hours = 1_000_000 / rate
                print(
                    f"projection {name}, {words_per_article:.0f}-word articles: "
                    f"{rate:,.0f} articles/core-hour, "
                    f"1M articles = {core_hours:,.1f} core-hours = ${core_hours * args.price:,.2f} "
                    f"at ${args.price}/core-hour, {core_hours / 64:,.2f} h on 64 cores"
                )


if __name__ == "__main__":
    main()

"""Geocoding benchmark: resolution cost next to the NLP pipeline, lookup rates, accuracy.

Prints, on one core, for the sample articles of ``data/articles``:

- NLP pipeline time vs place-resolution time (the issue's target: resolution adds at
  most 20 % to the NLP time) and ``analyze()`` words/s;
- ``Gazetteer.candidates`` calls/s, warm (LRU hit) and cold (cache cleared each call);
- accuracy of ``tests/data/geo/news_dev.jsonl`` and, when ``../shared`` is present,
  IDRISI-D Arabic ``dev`` (gold mentions given).

Usage::

    nice .venv/bin/python benchmarks/bench_geo_eval.py [--repeat 20] [--no-eval]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAMES = ["كورسك", "روسيا", "طرابلس", "حماة", "الكويت", "غلوشكوفو", "سودجا", "ريلسك", "أوبويان",
         "مارينو", "زابوروجيا", "فالنسيا", "واشنطن", "باب الهوى", "بيروت", "دمشق"]  # fmt: skip


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv: list[str] | None = None) -> None:
    """Run and print the benchmark."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--no-eval", action="store_true")
    args = ap.parse_args(argv)

    from workbench.analysis import analyze, default_pipeline
    from workbench.articles import load_article
    from workbench.geo.gazetteer import default_gazetteer
    from workbench.geo.resolve import resolve_places

    gaz = default_gazetteer()
    nlp = default_pipeline()
    arts = [load_article(p) for p in sorted((ROOT / "data" / "articles").iterdir())]
    words = sum(len(a.text.split()) for a in arts)
    mentions = []
    for a in arts:
        doc = nlp(a.text)
        mentions.append([(e.start_char, e.end_char, "LOC") for e in doc.ents if e.label_ == "LOC"])
        resolve_places(a.text, mentions[-1], gaz)  # warm the candidate cache
    n_mentions = sum(map(len, mentions))

    t_nlp = _best(lambda: [nlp(a.text) for a in arts], args.repeat)
    t_res = _best(
        lambda: [resolve_places(a.text, m, gaz) for a, m in zip(arts, mentions, strict=True)],
        args.repeat,
    )
    t_an = _best(lambda: [analyze(a, nlp=nlp, gazetteer=gaz) for a in arts], args.repeat)
    print(f"sample articles: {len(arts)}, {words:,} words, {n_mentions} LOC mentions")
    print(f"NLP pipeline        {t_nlp * 1000:8.1f} ms  ({words / t_nlp:,.0f} words/s)")
    print(
        f"resolve_places      {t_res * 1000:8.1f} ms  (+{100 * t_res / t_nlp:.0f} % of NLP time, "
        f"{1e6 * t_res / n_mentions:,.0f} µs/mention)"
    )
    print(f"analyze()           {t_an * 1000:8.1f} ms  ({words / t_an:,.0f} words/s)")

    for n in NAMES:
        gaz.candidates(n)
    t0 = time.perf_counter()
    calls = 0
    while time.perf_counter() - t0 < 1.0:
        for n in NAMES:
            gaz.candidates(n)
        calls += len(NAMES)
    warm = calls / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for _ in range(3):
        for n in NAMES:
            gaz.clear_cache()
            gaz.candidates(n)
    cold = 3 * len(NAMES) / (time.perf_counter() - t0)
    print(f"candidates()  warm  {warm:10,.0f} /s   (LRU hit)")
    print(f"candidates()  cold  {cold:10,.0f} /s   (exact + same-Latin + skeleton translit/fuzzy)")
    size = gaz.path.stat().st_size / 1e6
    print(f"gazetteer file      {size:8.1f} MB  ({gaz.path.name}, layers: {len(gaz.layers)})")

    if args.no_eval:
        return
    from workbench.geo.evaluate import evaluate, format_report, read_dataset
    from workbench.paths import shared_dir

    news = evaluate(read_dataset(ROOT / "tests" / "data" / "geo" / "news_dev.jsonl"), gaz)
    print(format_report(news, title="news dev (tests/data/geo/news_dev.jsonl)"))
    idrisi = shared_dir() / "data" / "geo" / "idrisi-d-ar"
    if idrisi.is_dir():
        rep = evaluate(read_dataset(idrisi, split="dev"), gaz)
        print(format_report(rep, title="IDRISI-D Arabic dev"))


if __name__ == "__main__":
    main()

"""Speed of the core pipeline. Prints figures and ratios against baselines measured in the same run.

    python benchmarks/bench_pipeline.py [--repeat 20] [--skip-build]

Figures:
- analyze() words/second over a corpus made of the sample articles (one core, after load),
  against spaCy's blank Arabic tokenizer alone (the floor any pipeline pays);
- gazetteer lookups/second against a plain dict lookup of the same keys;
- cold start: `import workbench` + pipeline + gazetteer load, in a fresh process, gazetteer built;
- gazetteer build time and file size (built into a temporary directory).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _rate(n_items: int, seconds: float) -> float:
    return n_items / seconds if seconds > 0 else float("inf")


def bench_analyze(repeat: int) -> None:
    import spacy

    import workbench
    from workbench.analysis import analyze, default_pipeline
    from workbench.geo.gazetteer import default_gazetteer

    articles = [workbench.load_article(f"sample:{s}") for s in workbench.list_samples()]
    seed = (
        Path(os.environ.get("WORKBENCH_SHARED_DIR", ROOT.parent / "shared"))
        / "seeds"
        / "kursk_article_ar.txt"
    )
    if seed.exists():
        articles.append(workbench.load_article(seed))
    nlp, gaz = default_pipeline(), default_gazetteer()
    for a in articles:  # warm-up
        analyze(a, nlp=nlp, gazetteer=gaz)
    words = sum(a.n_words for a in articles) * repeat
    t0 = time.perf_counter()
    for _ in range(repeat):
        for a in articles:
            analyze(a, nlp=nlp, gazetteer=gaz)
    t_an = time.perf_counter() - t0
    blank = spacy.blank("ar")
    t0 = time.perf_counter()
    for _ in range(repeat):
        for a in articles:
            blank(a.text)
    t_tok = time.perf_counter() - t0
    print(f"corpus: {len(articles)} articles x {repeat} = {words:,} words")
    print(f"analyze():            {_rate(words, t_an):>12,.0f} words/s")
    print(
        f"baseline blank('ar'): {_rate(words, t_tok):>12,.0f} words/s  "
        f"(ratio analyze/baseline {t_tok / t_an:.3f})"
    )


def bench_lookups() -> None:
    from workbench.geo.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    names = [n for n, _ in gaz.arabic_names()][:5000]
    t0 = time.perf_counter()
    for n in names:
        gaz.lookup(n)
    t_db = time.perf_counter() - t0
    table = {n: i for i, n in enumerate(names)}
    t0 = time.perf_counter()
    for n in names:
        table.get(n)
    t_dict = time.perf_counter() - t0
    latin = ["Kursk", "Marino", "Sudzha", "Tripoli", "Valencia", "Hamilton", "Oboyan", "Lgov"] * 100
    t0 = time.perf_counter()
    for n in latin:
        gaz.lookup(n)
    t_lat = time.perf_counter() - t0
    translit = ["أوبويان", "غلوشكوفو", "سودجا", "ريلسك", "لغوف", "إيزيوم", "مارينو", "خاركيف"] * 25
    t0 = time.perf_counter()
    for n in translit:
        gaz.candidates(n)  # exact + transliteration/skeleton matches against Latin names
    t_tr = time.perf_counter() - t0
    print(
        f"lookup Arabic exact:  {_rate(len(names), t_db):>12,.0f} /s  "
        f"(dict baseline {_rate(len(names), t_dict):,.0f} /s)"
    )
    print(f"lookup Latin:         {_rate(len(latin), t_lat):>12,.0f} /s")
    print(
        f"candidates Arabic→Latin: {_rate(len(translit), t_tr):>9,.0f} /s  "
        "(full candidate generation for names without an Arabic form)"
    )


def bench_cold_start() -> None:
    code = (
        "import time; t=time.perf_counter(); import workbench; "
        "from workbench.analysis import default_pipeline; "
        "from workbench.geo.gazetteer import default_gazetteer; "
        "default_gazetteer(); default_pipeline(); print(time.perf_counter()-t)"
    )
    base = "import time; t=time.perf_counter(); import spacy; spacy.blank('ar'); print(time.perf_counter()-t)"
    runs = [float(subprocess.check_output([sys.executable, "-c", code], text=True)) for _ in range(3)]
    bases = [float(subprocess.check_output([sys.executable, "-c", base], text=True)) for _ in range(3)]
    print(
        f"cold start (import + gazetteer + pipeline): {min(runs):.2f} s best of 3 "
        f"(baseline import spacy + blank('ar'): {min(bases):.2f} s)"
    )


def bench_build() -> None:
    from workbench.geo.gazetteer import build_gazetteer

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        path = build_gazetteer(Path(tmp) / "gazetteer.sqlite", force=True, progress=False)
        dt = time.perf_counter() - t0
        print(f"gazetteer build: {dt:.1f} s, {path.stat().st_size / 1e6:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus")
    bench_analyze(args.repeat)
    bench_lookups()
    bench_cold_start()
    if not args.skip_build:
        bench_build()


if __name__ == "__main__":
    main()

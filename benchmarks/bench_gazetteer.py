"""Gazetteer benchmark: build time, file size, cold open, lookups per second.

Each lookup path is compared with a baseline measured in the same run: a plain Python
dict lookup of the same normalized names (what an in-memory gazetteer would cost), so
the printed ratios are comparable across machines.

Usage::

    .venv/bin/python benchmarks/bench_gazetteer.py            # builds into a temp dir
    .venv/bin/python benchmarks/bench_gazetteer.py --path FILE [--force]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from workbench.articles.normalize import normalize_key
from workbench.geo.build import build_gazetteer
from workbench.geo.gazetteer import Gazetteer
from workbench.geo.resolve import resolve_places

ARABIC_EXACT = ["كورسك", "روسيا", "أوكرانيا", "طرابلس", "حماة", "الكويت", "جيبوتي", "سومي",
                "كوريا الشمالية", "الولايات المتحدة", "دمشق", "بيروت", "موسكو", "كييف"]  # fmt: skip
LATIN = ["Kursk", "Marino", "Valencia", "Tripoli", "Kharkiv", "Sudzha", "Ryl'sk", "Glushkovo",
         "Moscow", "Izyum", "Lgov", "Oboyan"]  # fmt: skip
TRANSLIT = ["غلوشكوفو", "سودجا", "ريلسك", "أوبويان", "إيزيوم", "لغوف", "مارينو", "زابوروجيا",
            "كوبيانسك", "بوكروفسك", "فالنسيا", "خاركيف"]  # fmt: skip


def _rate(fn: Callable[[str], object], names: Sequence[str], min_seconds: float = 1.0) -> float:
    """Calls per second of ``fn`` over ``names`` (cycled for at least ``min_seconds``)."""
    for n in names:  # warm caches once, as a running app would have
        fn(n)
    calls = 0
    t0 = time.perf_counter()
    while True:
        for n in names:
            fn(n)
        calls += len(names)
        elapsed = time.perf_counter() - t0
        if elapsed >= min_seconds:
            return calls / elapsed


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print one line per measurement."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--path", type=Path, help="gazetteer file (default: a fresh temp build)")
    ap.add_argument("--force", action="store_true", help="rebuild --path even if valid")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        path = args.path or Path(tmp) / "gazetteer.sqlite"
        t0 = time.perf_counter()
        build_gazetteer(path, force=args.force or args.path is None, progress=False)
        build_s = time.perf_counter() - t0
        size_mb = path.stat().st_size / 1e6

        opens = []
        for _ in range(5):
            t0 = time.perf_counter()
            gaz = Gazetteer(path).open()
            gaz.get(538560)
            opens.append(time.perf_counter() - t0)
            gaz.close()
        gaz = Gazetteer(path).open()
        meta = gaz.metadata()

        # Baseline: the same exact lookups in a dict built from the file's Arabic names.
        table: dict[str, list[str]] = {}
        for name, kind in gaz.arabic_names():
            table.setdefault(name, []).append(kind)
        dict_rate = _rate(lambda n: table.get(normalize_key(n)), ARABIC_EXACT)

        rates = {
            "Arabic exact  (lookup)": _rate(gaz.lookup, ARABIC_EXACT),
            "Latin exact   (lookup_latin)": _rate(gaz.lookup_latin, LATIN),
            "Arabic full   (candidates: exact+translit+fuzzy)": _rate(gaz.candidates, ARABIC_EXACT),
            "Translit path (candidates, no Arabic name)": _rate(gaz.candidates, TRANSLIT),
        }
        seed = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "kursk_article_ar.txt"
        article_s = None
        if seed.exists():
            import re

            text = seed.read_text(encoding="utf-8")
            names = ("كورسك", "مارينو", "روسيا", "أوكرانيا", "كوريا الشمالية", "كوريا الجنوبية")
            mentions = sorted(
                (m.start(), m.end(), "LOC") for n in names for m in re.finditer(n, text)
            )
            runs = []
            for _ in range(5):
                t0 = time.perf_counter()
                resolve_places(text, mentions, Gazetteer(path).open())
                runs.append(time.perf_counter() - t0)
            article_s = (statistics.median(runs), len(mentions))
        gaz.close()

    print(f"build            {build_s:8.1f} s   (recorded in file: {meta['build_seconds']} s)")
    print(f"file size        {size_mb:8.1f} MB")
    kinds = ("country", "region", "city", "town", "village")
    n_places = sum(meta.get(f"count_{k}", 0) for k in kinds)
    print(
        f"places           {n_places:8,d}"
        f"   names {meta['count_names']:,} (Arabic {meta['count_arabic_names']:,}),"
        f" skeleton keys {meta['count_skeletons']:,}"
    )
    print(f"cold open        {statistics.median(opens) * 1000:8.2f} ms (open + first get)")
    print(f"baseline dict    {dict_rate:10,.0f} lookups/s")
    for label, rate in rates.items():
        print(f"{label:50s} {rate:10,.0f} /s   ({dict_rate / rate:,.0f}× slower than dict)")
    if article_s:
        print(
            f"resolve seed article: {article_s[0] * 1000:.0f} ms for {article_s[1]} mentions "
            "(new Gazetteer, cold per-process caches warm)"
        )


if __name__ == "__main__":
    main()

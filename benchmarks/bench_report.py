"""Size and build time of a standalone HTML report. Prints figures and a ratio to a baseline.

    python benchmarks/bench_report.py [--repeat 20] [--words 1000] [--entities 100]

A synthetic Arabic article (no pipeline, no gazetteer): ``--words`` words with
``--entities`` entities; 40% of them are places (one in four resolved only to a
region, drawn as an area; a few unresolved) and there are 20 findings. Figures:

- build time of ``render_document`` (median and best of ``--repeat``, after one warm-up
  that loads the basemap), against the same run's ``html.escape`` of the article text
  alone: the floor for any page that shows the text safely;
- size of the page, its map and its share of the 2 MB budget.
"""

from __future__ import annotations

import argparse
import html
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SENTENCE = (
    "قال المسؤول إن القوات دخلت المدينة صباح اليوم وسط اشتباكات عنيفة بين الطرفين "
    "وأكد شهود أن الطرق المؤدية إلى المنطقة أغلقت بالكامل حتى إشعار آخر"
)
WORDS = SENTENCE.split()
PLACES = [  # (name, lat, lon)
    ("Kursk", 51.74, 36.19), ("Sudzha", 51.19, 35.27), ("Belgorod", 50.6, 36.59),
    ("Kharkiv", 49.98, 36.25), ("Sumy", 50.91, 34.8), ("Moscow", 55.75, 37.62),
    ("Kyiv", 50.45, 30.52), ("Orel", 52.97, 36.07), ("Bryansk", 53.25, 34.37),
    ("Voronezh", 51.67, 39.18),
]
LABELS = ["LOC", "PER", "LOC", "ORG", "MISC"]


def synthetic(words: int, n_entities: int) -> dict[str, Any]:
    """A JSON-contract analysis dict of the requested size."""
    text = " ".join(WORDS[i % len(WORDS)] for i in range(words))
    starts = [0]
    for i, ch in enumerate(text):
        if ch == " ":
            starts.append(i + 1)
    step = max(1, len(starts) // n_entities)
    entities, places = [], []
    for k in range(n_entities):
        start = starts[k * step]
        end = text.find(" ", start)
        end = len(text) if end < 0 else end
        label = LABELS[k % len(LABELS)]
        entities.append({"start": start, "end": end, "text": text[start:end], "label": label})
        if label != "LOC":
            continue
        name, lat, lon = PLACES[len(places) % len(PLACES)]
        region = len(places) % 4 == 3
        unresolved = len(places) % 9 == 8
        places.append({
            "start": start, "end": end, "text": text[start:end],
            "name": None if unresolved else (f"{name} Oblast" if region else name),
            "latitude": None if unresolved else lat + 0.01 * (len(places) % 3),
            "longitude": None if unresolved else lon,
            "geonameid": None if unresolved else 1000 + len(places),
            "country_code": None if unresolved else "RU", "feature": "PPL",
            "confidence": 0.5, "candidates": [], "resolved": not unresolved,
            "precision": None if unresolved else ("region" if region else "exact"),
            "uncertainty_km": 120.0 if region else None,
            "reason": "no candidate" if unresolved else "exact Arabic name",
            "status": ["auto", "confirmed", "pinned"][len(places) % 3],
        })
    findings = [
        {"target": {"start": p["start"], "end": p["end"]}, "note": "check <imagery> & sources " * 5,
         "tags": ["verify", "imagery"], "confidence": "probable", "status": "open",
         "analyst": "سارة", "created": "2024-08-08T10:15:00Z"}
        for p in places[:20]
    ]
    return {"source": "https://example.org/a", "url": "https://example.org/a", "title": "تقرير",
            "language": "ar", "published": "2024-08-07", "text": text, "entities": entities,
            "places": places, "findings": findings}


def _times(fn: Any, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--words", type=int, default=1000)
    ap.add_argument("--entities", type=int, default=100)
    args = ap.parse_args(argv)

    from workbench.report import render_document
    from workbench.report.svgmap import render_svg_map

    data = synthetic(args.words, args.entities)
    t0 = time.perf_counter()
    render_document(data)  # the first build of a process also loads the basemap
    first = time.perf_counter() - t0
    build = _times(lambda: render_document(data, generator="bench"), args.repeat)
    floor = _times(lambda: html.escape(data["text"]), max(args.repeat, 200))
    page = render_document(data, generator="bench").encode("utf-8")
    svg = render_svg_map(data["places"]).encode("utf-8")
    med, best, base = statistics.median(build), min(build), statistics.median(floor)
    print(f"article: {len(data['text'].split())} words, {len(data['entities'])} entities, "
          f"{len(data['places'])} place mentions, {len(data['findings'])} findings")
    print(f"build: median {med * 1000:.1f} ms, best {best * 1000:.1f} ms "
          f"(budget 1000 ms: {med / 1.0:.1%} used); first build of a process "
          f"(loads the basemap) {first * 1000:.0f} ms")
    print(f"baseline html.escape(text): median {base * 1e6:.1f} µs -> report/baseline "
          f"{med / base:,.0f}x")
    print(f"size: {len(page) / 1024:.1f} KiB ({len(page) / 2_000_000:.1%} of 2 MB); "
          f"map {len(svg) / 1024:.1f} KiB; article text {len(data['text'].encode()) / 1024:.1f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

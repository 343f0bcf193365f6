"""Speed of the findings store. Prints figures and ratios against baselines measured in the same run.

    python benchmarks/bench_store.py [--repeat 200] [--dir /path/on/the/real/disk]

Figures (article with 100 entities, 50 of them places with 5 candidates, and 50 findings):
- save one change: median of ``--repeat`` ``store.apply(UpdateFinding)`` calls (target < 50 ms),
  against a bare SQLite ``INSERT`` + ``COMMIT`` of a small row with the same pragmas (WAL,
  ``synchronous=FULL``): the fsync floor any durable save pays;
- restore an article: ``store.load()`` on an open store, and cold (``FindingsStore(path).open()``
  + ``open_article``), against a bare ``SELECT`` of the same row and ``json.loads`` of its state;
- pure ``change.apply(state)`` (no I/O) for scale.

The temporary database lives in ``--dir`` (default: the system temp folder); put it on the
disk analysts use, since fsync cost dominates.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

N_ENTITIES = 100
N_FINDINGS = 50


def _median_ms(fn: Callable[[int], object], repeat: int) -> float:
    times = []
    for i in range(repeat):
        t0 = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def _analysis():  # type: ignore[no-untyped-def]
    from workbench.analysis import Analysis, Entity
    from workbench.articles.model import Article
    from workbench.geo.model import Candidate, GazetteerEntry, ResolvedPlace

    words, entities, places = [], [], []
    pos = 0
    for i in range(N_ENTITIES):
        filler = f"وقال المصدر في الخبر رقم {i} إن "
        name = f"مدينة{i}" if i % 2 == 0 else f"شخص{i}"
        start = pos + len(filler)
        words.append(filler + name + ". ")
        pos += len(filler) + len(name) + 2
        label = "LOC" if i % 2 == 0 else "PER"
        entities.append(Entity(start, start + len(name), name, label))
        if label == "LOC":
            cands = tuple(
                Candidate(
                    GazetteerEntry(
                        1000 * i + k, f"City {i}-{k}", 30 + k, 40 + k, "SY", "PPL", "town", 1000 * k
                    ),
                    name,
                    "arabic",
                    0.9 - k / 10,
                )
                for k in range(5)
            )
            places.append(
                ResolvedPlace(start, start + len(name), name, cands[0].entry, 0.8, cands, "", "exact")
            )
    return Analysis(Article(text="".join(words), title="bench"), entities, places)


def bench(repeat: int, directory: str | None) -> None:
    from workbench.annotations import AddFinding, FindingsStore, UpdateFinding, span_target

    with tempfile.TemporaryDirectory(dir=directory) as tmp:
        # Baseline: a bare durable INSERT with the store's pragmas.
        base_db = Path(tmp) / "baseline.sqlite"
        conn = sqlite3.connect(base_db, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, v TEXT)")

        def insert(i: int) -> None:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO t (a, v) VALUES (?, ?)", ("x", f'{{"note": {i}}}'))
            conn.execute("COMMIT")

        t_insert = _median_ms(insert, repeat)

        path = Path(tmp) / "findings.sqlite"
        analysis = _analysis()
        store = FindingsStore(path, analyst="bench").open()
        state = store.open_article(analysis)
        aid = state.article_id
        for i in range(N_FINDINGS):
            state = store.apply(
                aid,
                AddFinding(span_target(i, i + 3), f"ملاحظة {i}", ("bench",)),
                expected_revision=state.revision,
            )
        fids = [f.id for f in state.findings]
        cur = {"state": state}

        def save(i: int) -> None:
            st = cur["state"]
            cur["state"] = store.apply(
                aid, UpdateFinding(fids[i % N_FINDINGS], note=f"تعديل {i}"), expected_revision=st.revision
            )

        t_save = _median_ms(save, repeat)
        n_bytes = path.stat().st_size + path.with_name("findings.sqlite-wal").stat().st_size

        t_pure = _median_ms(
            lambda i: UpdateFinding(fids[i % N_FINDINGS], note=f"x{i}", at="t").apply(cur["state"]),
            repeat,
        )
        t_load = _median_ms(lambda i: store.load(aid), max(repeat // 4, 10))
        store.close()

        def cold(i: int) -> None:
            with FindingsStore(path) as s:
                s.open_article(analysis)

        t_cold = _median_ms(cold, max(repeat // 10, 5))

        raw = sqlite3.connect(path)
        import json

        def bare_select(i: int) -> None:
            row = raw.execute("SELECT text, state FROM articles WHERE id=?", (aid,)).fetchone()
            json.loads(row[1])

        t_select = _median_ms(bare_select, max(repeat // 4, 10))
        raw.close()
        conn.close()
        final = cur["state"]

    print(
        f"article: {len(final.entities)} entities, {len(final.places)} places "
        f"(5 candidates each), {len(final.findings)} findings; store file {n_bytes / 1e6:.2f} MB"
    )
    print(f"save one change (median of {repeat}): {t_save:7.2f} ms   target < 50 ms")
    print(f"  baseline bare INSERT+COMMIT (WAL, FULL): {t_insert:7.2f} ms   ratio {t_save / t_insert:5.1f}x")
    print(f"  pure change.apply(state), no I/O:       {t_pure:7.2f} ms")
    print(f"restore an article, open store (load):    {t_load:7.2f} ms")
    print(f"  baseline bare SELECT + json.loads:       {t_select:7.2f} ms   ratio {t_load / t_select:5.1f}x")
    print(f"restore cold (open store + open_article): {t_cold:7.2f} ms")


def main() -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--dir", default=None, help="folder for the temporary databases")
    args = parser.parse_args()
    bench(args.repeat, args.dir)


if __name__ == "__main__":
    main()

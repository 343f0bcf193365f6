"""Team store under load: several analyst processes writing at once, SQLite vs PostgreSQL.

    nice python benchmarks/bench_team_store.py [--writers 8] [--changes 500] [--articles 32]
                                               [--url postgresql://...] [--dir /path/on/disk]

Each of ``--writers`` processes opens its own store under its own analyst name and makes
``--changes`` acknowledged changes (3 ``AddFinding`` for 1 ``UpdateFinding`` of its own)
on ``--articles`` shared articles picked at random; a stale write is reloaded and retried.
Every change rewrites its article's state, so its cost grows with the findings per article:
``--articles 4`` (about 750 findings each at the end, many collisions) is the worst case.
The same run is made against a SQLite file (in ``--dir``) and against PostgreSQL: the
server at ``--url``, or else a throwaway durable cluster (``fsync`` on, the Debian server
binaries, 127.0.0.1 only) started and deleted by this script.

Printed per backend: acknowledged changes per second (from the start signal, every writer
already connected, to the last report), stale retries, latency of one acknowledged change
(p50/p95, retries included); then the PostgreSQL/SQLite throughput ratio. The final state
is checked against the sum of acknowledged changes (``tests/annotations/team_load.verify``:
every acknowledged finding present with its last acknowledged note, revisions contiguous,
history length and per-analyst counts == acknowledged); the exit status is 1 on any problem.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "annotations"))

from pg_fixtures import ThrowawayCluster, postgres_missing  # noqa: E402
from team_load import LoadResult, run_load, verify  # noqa: E402


def _report(label: str, r: LoadResult, problems: list[str]) -> None:
    print(
        f"{label:<11} {r.n_acked:>6} changes in {r.seconds:6.2f} s = {r.throughput:7.0f} changes/s;"
        f" {r.stale_retries:>5} stale retries; latency p50 {r.latency_ms(0.5):6.1f} ms,"
        f" p95 {r.latency_ms(0.95):6.1f} ms; final state {'OK' if not problems else 'WRONG'}"
    )
    for p in problems:
        print(f"  PROBLEM: {p}")


def main(argv: list[str] | None = None) -> int:
    """Run the load on both backends, print the figures; 1 if a final state is wrong."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--writers", type=int, default=8)
    ap.add_argument("--changes", type=int, default=500, help="acknowledged changes per writer")
    ap.add_argument("--articles", type=int, default=32, help="shared articles (fewer: more collisions)")
    ap.add_argument("--url", help="an existing PostgreSQL database (default: a throwaway cluster)")
    ap.add_argument("--dir", help="folder of the SQLite file (default: the system temp folder)")
    args = ap.parse_args(argv)
    if "fork" not in mp.get_all_start_methods():
        print("needs the fork start method (Linux)", file=sys.stderr)
        return 2
    print(
        f"{args.writers} writer processes x {args.changes} changes on {args.articles} articles;"
        f" {os.cpu_count()} CPUs"
    )
    failed = False
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        sq = run_load(
            str(Path(tmp) / "team.sqlite"), writers=args.writers, changes=args.changes, articles=args.articles
        )
        problems = verify(sq)
        failed |= bool(problems)
        _report("SQLite", sq, problems)

    cluster = None
    url = args.url
    if url is None:
        why = postgres_missing()
        if why:
            print(f"PostgreSQL: skipped ({why})")
            return int(failed)
        cluster = ThrowawayCluster(durable=True).start()
        url = cluster.create_database("bench_team")
    try:
        pg = run_load(url, writers=args.writers, changes=args.changes, articles=args.articles)
        problems = verify(pg)
        failed |= bool(problems)
        _report("PostgreSQL", pg, problems)
    finally:
        if cluster is not None:
            cluster.stop()
    print(f"PostgreSQL/SQLite throughput ratio: {pg.throughput / sq.throughput:.2f}")
    return int(failed)


if __name__ == "__main__":
    sys.exit(main())

"""Several analyst processes writing one store at once, and the proof that nothing was lost.

Used by ``test_annotations_team_store.py`` (4 writers x 50 changes) and by
``benchmarks/bench_team_store.py`` (8 x 500). Uniquely named so both can import it.

Each writer process opens its own :class:`FindingsStore` under its own analyst name,
waits for the start signal, then makes ``n_changes`` acknowledged changes on articles
picked at random: mostly ``AddFinding``, every fourth an ``UpdateFinding`` of one of
its own findings. On :class:`StaleWriteError` it reloads and tries again (counted as
a retry). It reports every change that ``apply`` acknowledged.

:func:`verify` then checks the final store against the sum of those reports.
"""

from __future__ import annotations

import multiprocessing as mp
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from annotation_fixtures import make_analysis

from workbench.annotations import (
    AddFinding,
    FindingsStore,
    StaleWriteError,
    UpdateFinding,
    span_target,
)

__all__ = ["LoadResult", "WriterReport", "run_load", "verify"]


@dataclass
class WriterReport:
    """What one writer process had acknowledged."""

    name: str
    adds: list[tuple[str, str, str]] = field(default_factory=list)  # (article, finding id, note)
    updates: list[tuple[str, str, str]] = field(default_factory=list)  # (article, finding id, note)
    per_article: Counter[str] = field(default_factory=Counter)
    stale_retries: int = 0
    latencies: list[float] = field(default_factory=list)  # seconds per acknowledged change
    error: str = ""

    @property
    def n_acked(self) -> int:
        """Acknowledged changes."""
        return len(self.adds) + len(self.updates)


@dataclass
class LoadResult:
    """All writers' reports and the wall time from the start signal to the last report."""

    location: str
    article_ids: list[str]
    reports: list[WriterReport]
    seconds: float

    @property
    def n_acked(self) -> int:
        """Acknowledged changes of all writers."""
        return sum(r.n_acked for r in self.reports)

    @property
    def throughput(self) -> float:
        """Acknowledged changes per second."""
        return self.n_acked / self.seconds if self.seconds else 0.0

    @property
    def stale_retries(self) -> int:
        """Stale writes that were reloaded and retried."""
        return sum(r.stale_retries for r in self.reports)

    def latency_ms(self, q: float) -> float:
        """The ``q`` quantile (0..1) of the time of one acknowledged change, retries included."""
        lat = sorted(x for r in self.reports for x in r.latencies)
        return 1000 * lat[min(len(lat) - 1, int(q * len(lat)))] if lat else 0.0


def _writer(
    location: str,
    article_ids: list[str],
    name: str,
    n_changes: int,
    seed: int,
    ready: Any,
    go: Any,
    queue: Any,
) -> None:
    rep = WriterReport(name)
    rng = random.Random(seed)
    mine: dict[str, list[str]] = {a: [] for a in article_ids}
    try:
        with FindingsStore(location, analyst=name) as store:
            ready.release()
            go.wait()
            for i in range(n_changes):
                aid = rng.choice(article_ids)
                note = f"{name}-{i}"
                update = bool(mine[aid]) and i % 4 == 3
                change: AddFinding | UpdateFinding
                if update:
                    fid = rng.choice(mine[aid])
                    change = UpdateFinding(fid, note=note)
                else:
                    change = AddFinding(span_target(0, 3), note)
                    fid = change.finding_id
                t0 = time.perf_counter()
                while True:
                    st = store.load(aid)
                    assert st is not None
                    try:
                        store.apply(aid, change, expected_revision=st.revision)
                    except StaleWriteError:
                        rep.stale_retries += 1
                        continue
                    break
                rep.latencies.append(time.perf_counter() - t0)
                (rep.updates if update else rep.adds).append((aid, fid, note))
                rep.per_article[aid] += 1
                if not update:
                    mine[aid].append(fid)
    except BaseException as exc:  # reported, so the parent can tell which writer failed
        rep.error = f"{type(exc).__name__}: {exc}"
        ready.release()
    queue.put(rep)


def _texts(n: int) -> list[str]:
    base = make_analysis().article.text
    return [base if i == 0 else f"{base} ({i})" for i in range(n)]


def run_load(
    location: str,
    *,
    writers: int,
    changes: int,
    articles: int,
    timeout: float = 600.0,
) -> LoadResult:
    """Run ``writers`` processes of ``changes`` changes each over ``articles`` articles.

    The articles are opened first; every writer connects before the clock starts.
    Needs the ``fork`` start method (Linux).
    """
    with FindingsStore(location, analyst="setup") as store:
        ids = [store.open_article(make_analysis(t)).article_id for t in _texts(articles)]
    # No connection is open in this process while forking.
    ctx = mp.get_context("fork")
    queue, ready, go = ctx.Queue(), ctx.Semaphore(0), ctx.Event()
    procs = [
        ctx.Process(
            target=_writer,
            args=(location, ids, f"analyst{w}", changes, 1000 + w, ready, go, queue),
            daemon=True,
        )
        for w in range(writers)
    ]
    for p in procs:
        p.start()
    for _ in procs:
        if not ready.acquire(timeout=120):
            raise RuntimeError("a writer did not connect within 120 s")
    t0 = time.perf_counter()
    go.set()
    reports = [queue.get(timeout=timeout) for _ in procs]
    seconds = time.perf_counter() - t0
    for p in procs:
        p.join(timeout=60)
    return LoadResult(location, ids, sorted(reports, key=lambda r: r.name), seconds)


def verify(result: LoadResult) -> list[str]:
    """Problems of the final store against the acknowledged changes (empty: none).

    Per article: revision == history length == acknowledged changes; history revisions
    1..n without gaps; each analyst's history entries == their acknowledged changes;
    exactly the acknowledged findings are present, each with the note of its last
    acknowledged update (writers update only their own findings, in order).
    """
    problems = [f"{r.name} failed: {r.error}" for r in result.reports if r.error]
    with FindingsStore(result.location) as store:
        for aid in result.article_ids:
            st = store.load(aid)
            hist = store.history(aid)
            if st is None:
                problems.append(f"{aid}: article missing")
                continue
            acked = sum(r.per_article[aid] for r in result.reports)
            if not st.revision == len(hist) == acked:
                problems.append(f"{aid}: revision {st.revision}, history {len(hist)}, acknowledged {acked}")
            if [h.revision for h in hist] != list(range(1, len(hist) + 1)):
                problems.append(f"{aid}: history revisions are not 1..{len(hist)}")
            by_analyst = Counter(h.analyst for h in hist)
            expected = Counter({r.name: r.per_article[aid] for r in result.reports if r.per_article[aid]})
            if by_analyst != expected:
                problems.append(
                    f"{aid}: history by analyst {dict(by_analyst)} != acknowledged {dict(expected)}"
                )
            want: dict[str, tuple[str, str]] = {}  # finding id -> (analyst, final note)
            for r in result.reports:
                for a, fid, note in (*r.adds, *r.updates):
                    if a == aid:
                        want[fid] = (r.name, note)
            got = {f.id: (f.analyst, f.note) for f in st.findings}
            if got != want:
                missing = sorted(set(want) - set(got))
                extra = sorted(set(got) - set(want))
                wrong = sorted(k for k in set(want) & set(got) if want[k] != got[k])
                problems.append(
                    f"{aid}: findings differ: {len(missing)} missing, {len(extra)} extra, "
                    f"{len(wrong)} with a lost update"
                )
    return problems

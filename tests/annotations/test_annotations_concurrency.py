"""Several processes on one store: no lost acknowledged change, stale writes told, crash safety."""

from __future__ import annotations

import multiprocessing as mp
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from annotation_fixtures import make_analysis

from workbench.annotations import AddFinding, ConfirmPlace, FindingsStore, StaleWriteError, span_target

N_PER_WRITER = 25
fork = pytest.mark.skipif("fork" not in mp.get_all_start_methods(), reason="needs the fork start method")


def _writer(path: str, article_id: str, name: str, queue: mp.Queue) -> None:
    acked, stale = [], 0
    with FindingsStore(path, analyst=name) as store:
        for i in range(N_PER_WRITER):
            while True:
                st = store.load(article_id)
                try:
                    store.apply(
                        article_id,
                        AddFinding(span_target(0, 3), f"{name}-{i}"),
                        expected_revision=st.revision,
                    )
                except StaleWriteError:
                    stale += 1
                    continue
                acked.append(f"{name}-{i}")
                break
    queue.put((name, acked, stale))


@fork
def test_two_processes_writing_lose_nothing(tmp_path) -> None:
    path = str(tmp_path / "f.sqlite")
    with FindingsStore(path) as store:
        aid = store.open_article(make_analysis()).article_id
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(path, aid, n, queue)) for n in ("amal", "bilal")]
    for p in procs:
        p.start()
    results = [queue.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    acked = [note for _, notes, _ in results for note in notes]
    assert len(acked) == 2 * N_PER_WRITER
    with FindingsStore(path) as store:
        st = store.load(aid)
        hist = store.history(aid)
    assert sorted(f.note for f in st.findings) == sorted(acked)
    assert st.revision == 2 * N_PER_WRITER
    assert [h.revision for h in hist] == list(range(1, 2 * N_PER_WRITER + 1))
    assert {h.analyst for h in hist} == {"amal", "bilal"}


def _confirm(path: str, article_id: str, entity_id: str) -> None:
    with FindingsStore(path, analyst="other-kernel") as store:
        store.apply(article_id, ConfirmPlace(entity_id), expected_revision=0)


@fork
def test_a_change_from_another_process_makes_mine_stale(tmp_path, ids) -> None:
    path = str(tmp_path / "f.sqlite")
    with FindingsStore(path, analyst="me") as store:
        mine = store.open_article(make_analysis())
        p = mp.get_context("fork").Process(target=_confirm, args=(path, mine.article_id, ids["كورسك"]))
        p.start()
        p.join(timeout=60)
        assert p.exitcode == 0
        with pytest.raises(StaleWriteError, match="revision 1"):
            store.apply(mine.article_id, AddFinding(span_target(0, 3), "x"), expected_revision=0)
        now = store.load(mine.article_id)
        assert now.place_for(ids["كورسك"]).status == "confirmed" and now.findings == ()


def test_killing_a_writer_loses_no_acknowledged_change(tmp_path) -> None:
    path = tmp_path / "f.sqlite"
    with FindingsStore(path) as store:
        aid = store.open_article(make_analysis()).article_id
    worker = Path(__file__).with_name("_crash_worker.py")
    proc = subprocess.Popen(
        [sys.executable, str(worker), str(path), aid],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    acked: list[str] = []
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            acked.append(line.split()[1])
            if len(acked) >= 40:
                proc.send_signal(signal.SIGKILL)  # most likely in the middle of a save
                break
        acked += [line.split()[1] for line in proc.stdout]  # lines already written
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read() if proc.stderr else ""
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with FindingsStore(path) as store:
        st = store.load(aid)
        hist = store.history(aid)
    notes = {f.note for f in st.findings}
    assert {f"note {i}" for i in acked} <= notes
    assert len(notes) in (len(acked), len(acked) + 1)  # at most one saved but not yet printed
    assert st.revision == len(hist) == len(st.findings)

"""Speed of the notebook app. Prints figures and their ratio to the targets.

    python benchmarks/bench_ui.py [--repeat 10] [--tiny]

Figures:
- cold pipeline load (``default_pipeline()`` + ``default_gazetteer()``), once, printed apart;
- open: ``Workbench.open("sample:kursk_marino")`` until the app state and every view are
  built (analysis + store + widgets), after the pipeline is loaded; target < 1 s;
- save one change: ``app.set_label(...)`` (validated, written with its history entry in
  one SQLite transaction, all views redrawn); target < 50 ms;
- the same change against the in-memory backend, to show what the store itself costs;
- with the History tab open: one change (the tab re-reads and redraws the history too), and
  one revert through a row's button; target < 50 ms each;
- switching the interface language (every view relabelled and redrawn); target < 200 ms.

``--tiny`` uses a hand-built analysis instead of the real pipeline (no gazetteer needed).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OPEN_TARGET_S = 1.0
SAVE_TARGET_S = 0.050
LANGUAGE_TARGET_S = 0.200


def _report(name: str, seconds: list[float], target: float) -> None:
    med = statistics.median(seconds)
    print(f"{name:<34} median {med * 1000:8.1f} ms  min {min(seconds) * 1000:8.1f} ms  "
          f"({med / target:.2f}× target {target * 1000:.0f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--tiny", action="store_true", help="hand-built analysis, no pipeline")
    args = parser.parse_args()

    from workbench.ui import Workbench
    from workbench.ui.app import HISTORY_TAB

    if args.tiny:
        sys.path.insert(0, str(ROOT / "tests" / "ui"))
        from ui_fixtures import tiny_analysis

        source: object = tiny_analysis()
        print("source: tiny hand-built analysis")
    else:
        from workbench.analysis import default_pipeline
        from workbench.geo.gazetteer import default_gazetteer

        t0 = time.perf_counter()
        default_pipeline()
        default_gazetteer()
        print(f"cold pipeline + gazetteer load      {time.perf_counter() - t0:8.2f} s (once)")
        source = "sample:kursk_marino"

    with tempfile.TemporaryDirectory() as tmp:
        opens, saves, mem_saves, hist_saves, reverts, switches = [], [], [], [], [], []
        for i in range(args.repeat):
            store = Path(tmp) / f"findings-{i}.sqlite"  # a fresh store: the first open creates it
            t0 = time.perf_counter()
            app = Workbench.open(source, store_path=store, tiles=False, analyst="bench")
            opens.append(time.perf_counter() - t0)
            assert app.state is not None, app.last_message
            ents = app.state.live_entities
            counts = (len(app.state.text), len(ents), len(app.state.live_places),
                      app.map_view.marker_count)
            for j in range(5):
                e = ents[j % len(ents)]
                t0 = time.perf_counter()
                ok = app.set_label(e.id, "MISC" if e.label != "MISC" else "ORG")
                saves.append(time.perf_counter() - t0)
                assert ok, app.last_message
            app.tabs.selected_index = HISTORY_TAB
            for j in range(5):
                e = ents[j % len(ents)]
                t0 = time.perf_counter()
                ok = app.set_label(e.id, "PER" if e.label != "PER" else "ORG")
                hist_saves.append(time.perf_counter() - t0)
                assert ok, app.last_message
                t0 = time.perf_counter()
                app.history_panel.button(app.history_panel.items[0].id).click()
                reverts.append(time.perf_counter() - t0)
                assert app.last_message[0] == "success", app.last_message
            for lang in ("ar", "en"):
                t0 = time.perf_counter()
                app.set_language(lang)
                switches.append(time.perf_counter() - t0)
            app.store.close()
            mem = Workbench.open(source, store_path=":memory:", tiles=False)
            e = mem.state.live_entities[0]
            t0 = time.perf_counter()
            mem.set_label(e.id, "MISC" if e.label != "MISC" else "ORG")
            mem_saves.append(time.perf_counter() - t0)
        print("article: {} chars, {} entities, {} places, {} markers".format(*counts))
        _report("open → app built", opens, OPEN_TARGET_S)
        _report("save one change (SQLite store)", saves, SAVE_TARGET_S)
        _report("same change, memory backend", mem_saves, SAVE_TARGET_S)
        _report("change, History tab open", hist_saves, SAVE_TARGET_S)
        _report("revert from the History tab", reverts, SAVE_TARGET_S)
        _report("switch interface language", switches, LANGUAGE_TARGET_S)


if __name__ == "__main__":
    main()

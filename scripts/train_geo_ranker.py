"""Learn the place-ranking weights and write ``data/geo/ranker_weights.json``.

Training data: IDRISI-D Arabic ``train`` splits (``../shared/data/geo/idrisi-d-ar``);
never ``dev`` (reported) nor ``tests/data/geo/news_dev.jsonl``. The fit starts from and
is pulled towards the hand-set weights of ``workbench/geo/rank.py`` (see
``workbench/geo/learn.py``).

Usage::

    .venv/bin/python scripts/train_geo_ranker.py [--idrisi DIR] [--gazetteer FILE] [--l2 0.05]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ["WORKBENCH_GEO_HAND_WEIGHTS"] = "1"  # features are weight-independent; be explicit

from workbench.geo.evaluate import read_dataset
from workbench.geo.gazetteer import Gazetteer, default_gazetteer
from workbench.geo.learn import collect, fit, save_weights
from workbench.geo.paths import data_dir
from workbench.paths import shared_dir


def main(argv: list[str] | None = None) -> None:
    """Collect features on IDRISI-D train, fit, write the weights file."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--idrisi", type=Path, default=shared_dir() / "data" / "geo" / "idrisi-d-ar")
    ap.add_argument("--gazetteer", type=Path)
    ap.add_argument("--l2", type=float, default=0.05)
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--learn-nil", action="store_true", help="also learn the 'none' score")
    ap.add_argument("--out", type=Path, default=data_dir() / "ranker_weights.json")
    args = ap.parse_args(argv)
    gaz = Gazetteer(args.gazetteer, layers=()).load() if args.gazetteer else default_gazetteer()
    docs = read_dataset(args.idrisi, split="train")
    t0 = time.perf_counter()
    examples = collect(docs, gaz)
    weights, nil, info = fit(examples, l2=args.l2, steps=args.steps, learn_nil=args.learn_nil)
    meta = {
        "trained_on": "IDRISI-D Arabic train (all events)",
        "examples": len(examples),
        "l2_to_hand_weights": args.l2,
        "learn_nil": args.learn_nil,
        "loss_hand_weights": round(info["loss_prior"], 4),
        "loss_learned": round(info["loss_fit"], 4),
        "script": "scripts/train_geo_ranker.py",
    }
    save_weights(args.out, weights, nil, meta)
    print(
        f"{len(examples)} examples, loss {info['loss_prior']:.4f} -> {info['loss_fit']:.4f}, "
        f"{time.perf_counter() - t0:.0f} s; wrote {args.out}"
    )
    for k, v in weights.items():
        print(f"  {k:18s} {v:+.3f}")
    print(f"  {'nil_raw':18s} {nil:+.3f}")


if __name__ == "__main__":
    main()

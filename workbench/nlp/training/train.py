"""Train the Arabic NER model and package it as ``workbench/models/ner_ar``.

``make train-ner`` runs, in order::

    python -m workbench.nlp.training.convert --out training/corpus
    python -m workbench.nlp.training.vectors --work training/vectors
    python -m workbench.nlp.training.train --config configs/ner_ar.cfg \\
        --output training/runs/ner_ar --package workbench/models/ner_ar

Training sets are chosen by name (the DocBins that ``convert`` wrote); ``NAME*K``
repeats a set ``K`` times (data weighting). The best checkpoint on the dev split
(last 10% of ANERcorp train + AQMAR dev) is packaged with only the ``ner``
component and what it needs (tokenizer settings, vocabulary, floret vectors).
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import shutil
import time
from pathlib import Path
from typing import Any

__all__ = ["assemble", "package", "parse_training_log", "pretrain", "train"]

log = logging.getLogger(__name__)

DEFAULT_TRAIN = ("aner_train", "aqmar_train")
DEFAULT_DEV = ("aner_dev", "aqmar_dev")


def assemble(corpus: Path, names: list[str], dest: Path) -> Path:
    """Make ``dest`` a folder of links to the chosen DocBins (``NAME*K`` repeats)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for spec in names:
        name, _, times = spec.partition("*")
        src = (corpus / f"{name}.spacy").resolve()
        if not src.exists():
            raise FileNotFoundError(f"{src} not found; run `python -m workbench.nlp.training.convert`")
        for k in range(int(times or 1)):
            (dest / f"{name}.{k}.spacy").symlink_to(src)
    return dest


def train(config: Path, output: Path, overrides: dict[str, Any]) -> None:
    """``spacy train`` with the workbench components registered."""
    from spacy.cli.train import train as spacy_train

    import workbench.nlp.normalizer
    import workbench.nlp.tokenizer  # noqa: F401

    spacy_train(config, output, use_gpu=-1, overrides=overrides)


def pretrain(config: Path, output: Path, overrides: dict[str, Any]) -> None:
    """``spacy pretrain`` of the ner tok2vec with the workbench components registered."""
    from spacy.training.pretrain import pretrain as spacy_pretrain
    from spacy.util import load_config

    import workbench.nlp.normalizer
    import workbench.nlp.tokenizer  # noqa: F401

    raw = load_config(config, overrides=overrides, interpolate=False)
    output.mkdir(parents=True, exist_ok=True)
    raw.to_disk(output / "config.cfg")
    spacy_pretrain(raw.interpolate(), output, use_gpu=-1, silent=False)


def package(model_dir: Path, dest: Path, meta: dict[str, Any] | None = None) -> None:
    """Save ``model_dir`` to ``dest`` keeping only ``ner`` (plus tokenizer and vocab),
    followed by the «و» coordination splitter (:mod:`workbench.nlp.coordination`)."""
    import spacy

    import workbench.nlp.coordination
    import workbench.nlp.normalizer
    import workbench.nlp.tokenizer  # noqa: F401

    nlp = spacy.load(model_dir)
    if "tok2vec" in nlp.pipe_names:
        # make ner standalone: copy the shared tok2vec into it
        nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
        # resolve ${components.tok2vec...} references before tok2vec goes away
        nlp._pipe_configs["ner"] = nlp.config.interpolate()["components"]["ner"]
    for name in list(nlp.pipe_names):
        if name != "ner":
            nlp.remove_pipe(name)
    nlp.add_pipe("workbench_ar_coordination", after="ner")
    nlp._config["training"]["annotating_components"] = []
    # the name lists travel inside the weights: the packaged config names no file
    ner_cfg = nlp.config.interpolate()["components"]["ner"]
    embed = ner_cfg.get("model", {}).get("tok2vec", {}).get("embed", {})
    for key in ("lexicon", "train_lexicon"):
        if embed.get(key):
            embed[key] = None
    nlp._pipe_configs["ner"] = ner_cfg
    nlp.meta["name"] = "workbench_ner_ar"
    nlp.meta["description"] = (
        "Arabic news NER (PER LOC ORG MISC) for the workbench; run after "
        "workbench_ar_normalizer. See MODEL_CARD.md."
    )
    if meta:
        nlp.meta.setdefault("workbench", {}).update(meta)
    if set(nlp.meta.get("workbench", {}).get("train_sets", [])) & set(DEFAULT_DEV):
        # spaCy's dev scores are meaningless when the dev sets were trained on
        nlp.meta.pop("performance", None)
    keep = {"MODEL_CARD.md"}
    if dest.exists():
        for child in dest.iterdir():
            if child.name in keep:
                continue
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    dest.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(dest)


_NUM = re.compile(r"^\d+(\.\d+)?$")


def parse_training_log(text: str) -> list[dict[str, float]]:
    """Rows of spaCy's console training table: epoch, step, losses, dev F/P/R, score."""
    rows = []
    for line in text.splitlines():
        cols = line.split()
        if len(cols) < 7 or not all(_NUM.match(c) for c in cols):
            continue
        e, s = cols[0], cols[1]
        f, p, r, score = cols[-4:]
        rows.append(
            {
                "epoch": int(e),
                "step": int(s),
                "loss": float(cols[-5]),
                "ents_f": float(f),
                "ents_p": float(p),
                "ents_r": float(r),
                "score": float(score),
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Train the workbench Arabic NER model.")
    parser.add_argument("--config", type=Path, default=Path("configs/ner_ar.cfg"))
    parser.add_argument("--corpus", type=Path, default=Path("training/corpus"))
    parser.add_argument("--output", type=Path, default=Path("training/runs/ner_ar"))
    parser.add_argument("--train", nargs="+", default=list(DEFAULT_TRAIN))
    parser.add_argument("--dev", nargs="+", default=list(DEFAULT_DEV))
    parser.add_argument("--package", type=Path, default=None, help="copy model-best here")
    parser.add_argument(
        "--package-from",
        choices=("best", "last"),
        default="best",
        help="package model-best (chosen on dev) or model-last (when dev is part of train)",
    )
    parser.add_argument(
        "--pretrain",
        type=Path,
        default=None,
        help="first run spacy pretrain into this folder and start from its last weights",
    )
    parser.add_argument(
        "--set",
        nargs=2,
        action="append",
        default=[],
        metavar=("KEY", "VALUE"),
        help="config override, e.g. --set training.max_epochs 10",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    train_dir = assemble(args.corpus, args.train, args.output / "data" / "train")
    dev_dir = assemble(args.corpus, args.dev, args.output / "data" / "dev")
    overrides: dict[str, Any] = {"paths.train": str(train_dir), "paths.dev": str(dev_dir)}
    for key, value in args.set:
        try:
            overrides[key] = json.loads(value)
        except json.JSONDecodeError:
            overrides[key] = value
    t0 = time.time()
    if args.pretrain:
        pre_overrides = {k: v for k, v in overrides.items() if k.startswith(("paths.", "pretraining."))}
        pretrain(args.config, args.pretrain, pre_overrides)
        weights = sorted(args.pretrain.glob("model*.bin"), key=lambda p: p.stat().st_mtime)
        overrides["paths.init_tok2vec"] = str(weights[-1])
    train(args.config, args.output, overrides)
    seconds = time.time() - t0
    info = {
        "train_sets": args.train,
        "dev_sets": args.dev,
        "overrides": overrides,
        "training_seconds": round(seconds),
    }
    (args.output / "run.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    log.info("training took %.0f s", seconds)
    if args.package:
        package(
            args.output / f"model-{args.package_from}",
            args.package,
            {"training_seconds": round(seconds), "train_sets": args.train},
        )
        log.info("packaged %s", args.package)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

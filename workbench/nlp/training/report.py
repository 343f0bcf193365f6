"""Score a model on the dev and test sets and print the tables used in the model card.

``python -m workbench.nlp.training.report --model workbench/models/ner_ar``

Dev sets (used to choose settings): ``dev_aner.conll`` and ``dev_aqmar.conll`` written
by :mod:`workbench.nlp.training.convert`. Test sets (reported, never tuned on): the
CAMeL Lab ANERcorp test file as released, the repaired ANERcorp test (tail of the
original file) and the AQMAR test split.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from spacy.language import Language

from workbench.nlp.training.corpora import CorpusPaths
from workbench.nlp.training.evaluate import evaluate_ner, format_report, load_ner

__all__ = ["MODES", "build_pipeline", "evaluation_sets", "score_all"]

#: What to evaluate: the model alone, the rule components alone, or both
#: (``standard``: ``load_pipeline("ar")``, the default; ``combined``: ``rules="all"``;
#: ``precise``: ``rules="precise"``).
MODES = ("model", "rules", "combined", "standard", "precise")


def build_pipeline(mode: str, model: Path) -> Language:
    """The pipeline to evaluate in ``mode`` (see :data:`MODES`)."""
    if mode == "model":
        return load_ner(model)
    from workbench.nlp import load_pipeline

    if mode == "rules":
        return load_pipeline("ar", model="none")
    if mode == "combined":
        return load_pipeline("ar", model=model, rules="all")
    if mode == "standard":
        return load_pipeline("ar", model=model, rules="standard")
    if mode == "precise":
        return load_pipeline("ar", model=model, rules="precise")
    raise ValueError(f"unknown mode {mode!r}; use one of {', '.join(MODES)}")


def evaluation_sets(corpus: Path, paths: CorpusPaths, *, tests: bool = True) -> dict[str, Path]:
    """Name → CoNLL file of every evaluation set that exists."""
    sets = {
        "dev_aner": corpus / "dev_aner.conll",
        "dev_aqmar": corpus / "dev_aqmar.conll",
    }
    if tests:
        sets |= {
            "camel_test": paths.camel_test,
            "repaired_test": corpus / "test_repaired.conll",
            "aqmar_test": paths.aqmar("test"),
        }
    return {k: v for k, v in sets.items() if v.exists()}


def score_all(
    model: Path,
    corpus: Path,
    paths: CorpusPaths,
    *,
    tests: bool = True,
    mode: str = "model",
    context: int = 0,
) -> dict[str, Any]:
    """Evaluate ``model`` (alone, or the rules, or both: ``mode``) on every available set."""
    nlp = build_pipeline(mode, model)
    return {
        name: evaluate_ner(path, nlp=nlp, context=context)
        for name, path in evaluation_sets(corpus, paths, tests=tests).items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--corpus", type=Path, default=Path("training/corpus"))
    parser.add_argument("--shared", type=Path, default=None, help="the shared data/ner folder")
    parser.add_argument("--mode", choices=MODES, default="model")
    parser.add_argument("--context", type=int, default=0, help="as `workbench eval ner --context`")
    parser.add_argument("--dev-only", action="store_true", help="skip the test sets")
    parser.add_argument("--out", type=Path, default=None, help="write all results as JSON")
    args = parser.parse_args(argv)
    paths = CorpusPaths(args.shared) if args.shared else CorpusPaths.default()
    from workbench.nlp.training.evaluate import DEFAULT_MODEL_DIR

    results = score_all(args.model or DEFAULT_MODEL_DIR, args.corpus, paths, tests=not args.dev_only,
                        mode=args.mode, context=args.context)
    for name, res in results.items():
        print(format_report(res, title=name))
        print()
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Command-line glue for ``workbench eval ner`` (wired into ``workbench.cli`` by the lead)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

__all__ = ["add_eval_ner_arguments", "run_eval_ner"]


def add_eval_ner_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``workbench eval ner`` options to ``parser``."""
    parser.add_argument("--data", type=Path, required=True, help="gold file (token tag per line)")
    parser.add_argument(
        "--format",
        dest="fmt",
        choices=("conll", "anercorp"),
        default="conll",
        help="conll: blank line between sentences; anercorp: original ANERcorp stream",
    )
    parser.add_argument(
        "--model", type=Path, default=None, help="model folder (default: the shipped model)"
    )
    parser.add_argument(
        "--context",
        type=int,
        default=0,
        metavar="N",
        help="let each sentence take up the names found in the N sentences before and after "
        "it, as the workbench does within an article (default 0: each sentence alone, "
        "comparable to published scores)",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def run_eval_ner(args: argparse.Namespace) -> int:
    """Run the evaluation; print the report. Returns a process exit code."""
    from workbench.nlp.training.evaluate import evaluate_ner, format_report, load_ner

    context = getattr(args, "context", 0)
    if context < 0:
        print("error: --context must be 0 or more", file=sys.stderr)
        return 2
    if not Path(args.data).exists():
        print(f"error: no such file: {args.data}", file=sys.stderr)
        return 2
    try:
        nlp = load_ner(getattr(args, "model", None))
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    result = evaluate_ner(args.data, fmt=getattr(args, "fmt", "conll"), nlp=nlp, context=context)
    if getattr(args, "json", False):
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(format_report(result))
    return 0


def main(argv: list[str] | None = None) -> int:
    """``python -m workbench.nlp.training.cli --data PATH`` (same as ``workbench eval ner``)."""
    parser = argparse.ArgumentParser(prog="workbench eval ner", description=__doc__)
    add_eval_ner_arguments(parser)
    return run_eval_ner(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())

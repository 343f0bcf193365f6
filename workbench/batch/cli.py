"""CLI hooks of ``workbench batch`` (wired into :mod:`workbench.cli` by the main command).

::

    workbench batch corpus.jsonl --out places.gpkg [--engine local --workers 4]
    workbench batch articles/ --out places.parquet --engine dask --scheduler tcp://host:8786
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

__all__ = ["add_batch_arguments", "run_batch"]


def add_batch_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``workbench batch`` to its sub-parser."""
    parser.add_argument("input", metavar="INPUT", type=Path, help="a folder of articles or a .jsonl corpus")
    parser.add_argument(
        "--out",
        required=True,
        type=Path,
        help="places output, .gpkg or .parquet; OUT.entities.parquet, OUT.articles.parquet, "
        "OUT.errors.jsonl and the resume state go next to it",
    )
    parser.add_argument("--engine", choices=["local", "dask"], default="local")
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="local worker processes (default: CPU count; 0 = in this process)",
    )
    parser.add_argument("--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786")
    parser.add_argument("--batch-size", type=int, default=16, help="articles per task (default 16)")
    parser.add_argument(
        "--part-size", type=int, default=500, help="articles per part file, the unit of resumption"
    )
    parser.add_argument("--gazetteer", type=Path, help="gazetteer file (default: the built-in one)")
    parser.add_argument("--model", default="default", help='NER model: "default", "none" or a folder')
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


def run_batch(args: argparse.Namespace) -> int:
    """Run ``workbench batch``; prints a JSON summary on stdout, returns the exit code.

    Exit code 0 when every article was processed, 1 when some failed (see the errors file).
    """
    from workbench.batch.runner import batch_analyze
    from workbench.batch.worker import PipelineSpec
    from workbench.errors import WorkbenchError

    if args.engine == "dask" and not args.scheduler and args.workers == 0:
        raise WorkbenchError("--engine dask needs --scheduler or --workers ≥ 1", code="W130")
    if args.batch_size < 1 or args.part_size < 1:
        raise WorkbenchError("--batch-size and --part-size must be at least 1", code="W131")
    spec = PipelineSpec(str(args.gazetteer) if args.gazetteer else None, args.model)
    summary = batch_analyze(
        args.input,
        args.out,
        engine=args.engine,
        workers=args.workers,
        scheduler=args.scheduler,
        spec=spec,
        batch_size=args.batch_size,
        part_size=args.part_size,
        progress=not args.no_progress,
    )
    print(json.dumps(summary.to_dict(), ensure_ascii=False))
    if summary.errors:
        print(
            f"workbench: {summary.errors} article(s) failed, listed in {summary.paths.errors}",
            file=sys.stderr,
        )
        return 1
    return 0

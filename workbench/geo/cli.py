"""Geo sub-commands for the ``workbench`` CLI (wired by :mod:`workbench.cli`).

``workbench eval geo --data PATH`` and ``workbench gazetteer import FILE_OR_URL ...``.
Each command is a pair ``add_*_arguments(parser)`` / ``run_*(args) -> int`` so the main
CLI owns the parser tree and this module owns the options and behaviour.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

__all__ = [
    "add_eval_geo_arguments",
    "add_gazetteer_import_arguments",
    "run_eval_geo",
    "run_gazetteer_import",
]


def add_eval_geo_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``workbench eval geo``."""
    parser.add_argument(
        "--data",
        type=Path,
        required=True,
        help="gold JSONL (news format or IDRISI-D) or an IDRISI-D directory",
    )
    parser.add_argument(
        "--split", default="dev", help="split read from a directory (train or dev; default dev)"
    )
    parser.add_argument("--gazetteer", type=Path, help="gazetteer file (default: the user's)")
    parser.add_argument("--no-layers", action="store_true", help="ignore imported GeoNames layers")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--misses", type=int, default=10, help="list this many worst misses (default 10)")


def run_eval_geo(args: argparse.Namespace) -> int:
    """Run ``workbench eval geo``; 0 on success, 2 on unreadable data or gazetteer."""
    from workbench.errors import WorkbenchError
    from workbench.geo.evaluate import evaluate, format_report, read_dataset
    from workbench.geo.gazetteer import Gazetteer, default_gazetteer

    try:
        docs = read_dataset(args.data, split=args.split)
        layers = () if getattr(args, "no_layers", False) else None
        if args.gazetteer is not None or layers is not None:
            gaz = Gazetteer(args.gazetteer, layers=layers).load()
        else:
            gaz = default_gazetteer()
        report = evaluate(docs, gaz, misses=args.misses)
    except (WorkbenchError, OSError, ValueError) as exc:
        print(f"workbench eval geo: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return 0
    print(format_report(report, title=f"{args.data} ({len(docs)} documents)"))
    if report.misses and args.misses:
        print("worst misses:")
        for m in report.misses[: args.misses]:
            err = "unresolved" if m["error_km"] is None else f"{m['error_km']:.0f} km"
            print(f"  «{m['mention']}» [{m['level']}] → {m['got']} ({m['got_country']}): {err}")
    return 0


def add_gazetteer_import_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``workbench gazetteer import``."""
    parser.add_argument(
        "sources",
        nargs="+",
        help="GeoNames XX.zip / allCountries.zip / alternateNamesV2.zip files or URLs",
    )
    parser.add_argument(
        "--countries",
        default="",
        help="comma-separated ISO codes to keep (e.g. RU,UA; useful with allCountries.zip)",
    )
    parser.add_argument("--force", action="store_true", help="re-import finished inputs")
    parser.add_argument("--gazetteer", type=Path, help="gazetteer file whose layer to fill")
    parser.add_argument("--quiet", action="store_true", help="no progress bars")


def run_gazetteer_import(args: argparse.Namespace) -> int:
    """Run ``workbench gazetteer import``; 0 if every input was imported, 1 otherwise."""
    from workbench.geo.gazetteer import Gazetteer
    from workbench.geo.geonames import import_geonames

    gaz = Gazetteer(args.gazetteer)
    countries = [c.strip() for c in args.countries.split(",") if c.strip()]
    results = import_geonames(
        args.sources,
        layers_dir=gaz.layers_dir(),
        countries=countries,
        force=args.force,
        progress=not args.quiet,
    )
    failed = 0
    for r in results:
        if r.error:
            failed += 1
            print(f"{r.source}: FAILED: {r.error}", file=sys.stderr)
        elif r.skipped:
            print(f"{r.source}: already imported ({r.rows_used:,} rows); --force to redo")
        else:
            print(f"{r.source}: {r.format}, {r.rows_read:,} rows read, {r.rows_used:,} used")
    print(f"layer: {gaz.layers_dir()}", file=sys.stderr)
    return 1 if failed else 0

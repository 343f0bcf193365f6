"""CLI hooks of ``workbench corpus`` (wired into :mod:`workbench.cli` by the main command).

::

    workbench corpus synth --n 1000 --out corpus.jsonl [--seed 0]
    workbench corpus index OUT.gpkg --db corpus.sqlite
    workbench corpus search corpus.sqlite "دمشق" [--limit 20] [--from 2024-01-01 --to 2024-03-31]
    workbench corpus entity corpus.sqlite "الأمم المتحدة" [--label ORG]
    workbench corpus cooccur corpus.sqlite "الأمم المتحدة"
    workbench corpus near corpus.sqlite 33.51 36.29 --km 50
    workbench corpus region corpus.sqlite --admin1 "محافظة حلب" | --bbox S W N E
    workbench corpus timeline corpus.sqlite --entity دمشق [--freq W]

Query commands print one JSON object per line (UTF-8, not escaped); ``timeline`` prints
CSV.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["add_corpus_arguments", "run_corpus"]


def _dates(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="date_from", help="first publication day (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", help="last publication day (YYYY-MM-DD)")


def add_corpus_arguments(subparsers: argparse._SubParsersAction | argparse.ArgumentParser) -> None:
    """Add ``workbench corpus`` and its actions.

    Parameters
    ----------
    subparsers
        The main command's sub-parsers (a ``corpus`` parser is added to them), or an
        already created ``corpus`` parser (its actions are added to it).
    """
    if isinstance(subparsers, argparse.ArgumentParser):
        parser = subparsers
    else:
        parser = subparsers.add_parser("corpus", help="synthetic corpora and the corpus index (search, map)")
    sub = parser.add_subparsers(dest="corpus_action", required=True)

    p = sub.add_parser("synth", help="write a synthetic Arabic news corpus (JSONL)")
    p.add_argument("--n", type=int, default=1000, help="number of articles (default 1000)")
    p.add_argument("--out", type=Path, required=True, help="the .jsonl file to write")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--start", default="2024-01-01", help="first publication date")
    p.add_argument("--days", type=int, default=180, help="publication dates span this many days")

    p = sub.add_parser("index", help="build the search index of a batch output")
    p.add_argument("batch_output", type=Path, metavar="OUT", help="places file written by `workbench batch`")
    p.add_argument("--db", type=Path, required=True, help="the index file to write (SQLite)")

    p = sub.add_parser("search", help="full-text search (normalized Arabic)")
    p.add_argument("db", type=Path)
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)
    _dates(p)

    for name, help_ in (("entity", "articles mentioning an entity"), ("cooccur", "entities found with one")):
        p = sub.add_parser(name, help=help_)
        p.add_argument("db", type=Path)
        p.add_argument("name")
        p.add_argument("--label", choices=["PER", "LOC", "ORG", "MISC"])
        p.add_argument("--limit", type=int, default=20)

    p = sub.add_parser("near", help="place mentions within some km of a point")
    p.add_argument("db", type=Path)
    p.add_argument("lat", type=float)
    p.add_argument("lon", type=float)
    p.add_argument("--km", type=float, default=25.0)
    _dates(p)

    p = sub.add_parser("region", help="place mentions inside a box or an admin-1 region")
    p.add_argument("db", type=Path)
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--bbox", type=float, nargs=4, metavar=("SOUTH", "WEST", "NORTH", "EAST"))
    g.add_argument("--admin1", metavar="NAME", help="region (or country) name, Arabic or English")
    _dates(p)

    p = sub.add_parser("timeline", help="mentions by publication date (CSV)")
    p.add_argument("db", type=Path)
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--entity")
    g.add_argument("--query")
    g.add_argument("--geonameid", type=int)
    p.add_argument("--freq", choices=["D", "W", "M"], default="D")


def _print_lines(items: Iterable[Any]) -> None:
    for it in items:
        sys.stdout.write(json.dumps(it.to_dict(), ensure_ascii=False) + "\n")
    sys.stdout.flush()


def run_corpus(args: argparse.Namespace) -> int:
    """Run a ``workbench corpus`` action; returns the exit code."""
    action = args.corpus_action
    if action == "synth":
        from workbench.corpus.synthetic import write_synthetic_corpus

        path = write_synthetic_corpus(args.out, args.n, seed=args.seed, start=args.start, days=args.days)
        print(f"wrote {args.n} articles to {path}", file=sys.stderr)
        return 0
    from workbench.corpus.index import CorpusIndex, build_index

    if action == "index":
        idx = build_index(args.batch_output, args.db)
        print(f"indexed {len(idx)} articles into {args.db}", file=sys.stderr)
        return 0
    with CorpusIndex(args.db).open() as idx:
        if action == "search":
            _print_lines(
                idx.search(args.query, limit=args.limit, date_from=args.date_from, date_to=args.date_to)
            )
        elif action == "entity":
            _print_lines(idx.articles_mentioning(args.name, label=args.label, limit=args.limit))
        elif action == "cooccur":
            _print_lines(idx.cooccurring(args.name, label=args.label, limit=args.limit))
        elif action == "near":
            _print_lines(
                idx.places_near(args.lat, args.lon, args.km, date_from=args.date_from, date_to=args.date_to)
            )
        elif action == "region":
            bbox = tuple(args.bbox) if args.bbox else None
            _print_lines(
                idx.places_in(bbox=bbox, region=args.admin1, date_from=args.date_from, date_to=args.date_to)
            )
        elif action == "timeline":
            frame = idx.timeline(
                entity=args.entity, query=args.query, geonameid=args.geonameid, freq=args.freq
            )
            sys.stdout.write(frame.reset_index().assign(date=lambda f: f["date"].dt.date).to_csv(index=False))
    return 0

"""The ``workbench`` command.

Contract (later tools rely on it)::

    workbench analyze FILE [FILE ...] --format jsonl   # one JSON object per file, in order
    workbench analyze FILE --format json|html
    workbench report ARTICLE --out report.html
    workbench gazetteer build [--force]
    workbench eval ner --data PATH [--format conll]

Bad input exits non-zero with a one-line message on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from workbench.errors import WorkbenchError

__all__ = ["main"]


def _build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workbench", description="Arabic-first analyst workbench")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("analyze", help="entities and geocoded places of articles")
    p.add_argument("files", nargs="+", metavar="FILE", help="article files, URLs or sample:NAME")
    p.add_argument("--format", choices=["jsonl", "json", "html"], default="jsonl")
    p.add_argument("--out", type=Path, help="write here instead of standard output")

    p = sub.add_parser("report", help="a self-contained HTML report of one article")
    p.add_argument("article", metavar="ARTICLE", help="article file, URL or sample:NAME")
    p.add_argument("--out", type=Path, default=Path("report.html"))

    p = sub.add_parser("gazetteer", help="manage the local gazetteer")
    gsub = p.add_subparsers(dest="action", required=True)
    b = gsub.add_parser("build", help="(re)build the gazetteer")
    b.add_argument("--force", action="store_true", help="rebuild even if it exists")
    b.add_argument("--path", type=Path, help="where to write it (default: user cache dir)")
    gsub.add_parser("info", help="where the gazetteer is and what it holds")
    from workbench.geo.cli import add_gazetteer_import_arguments

    add_gazetteer_import_arguments(
        gsub.add_parser(
            "import", help="import GeoNames dumps (XX.zip, allCountries.zip, alternateNamesV2.zip)"
        )
    )

    p = sub.add_parser("samples", help="list the bundled sample articles")

    from workbench.batch.cli import add_batch_arguments
    from workbench.corpus.cli import add_corpus_arguments

    add_batch_arguments(sub.add_parser("batch", help="analyse a corpus locally or on Dask"))
    add_corpus_arguments(sub)

    from workbench.exercises.cli import add_exercise_arguments

    add_exercise_arguments(sub)

    p = sub.add_parser("eval", help="evaluation commands")
    esub = p.add_subparsers(dest="what", required=True)
    e = esub.add_parser("ner", help="entity-level P/R/F1 of the NER pipeline on CoNLL data")
    g = esub.add_parser("geo", help="geocoding accuracy (within 161 km, ids, error km) on gold mentions")
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["eval"]:  # importing the evaluation code loads spaCy: only when asked
        from workbench.geo.cli import add_eval_geo_arguments
        from workbench.nlp.training.cli import add_eval_ner_arguments

        add_eval_ner_arguments(e)
        add_eval_geo_arguments(g)
    return parser


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")


def _cmd_analyze(args: argparse.Namespace) -> int:
    from workbench.analysis import analyze
    from workbench.articles import load_article

    # Read every input first: a bad file stops the run before any output, so the
    # output never has a missing line for one file.
    articles = [load_article(f) for f in args.files]
    results = [analyze(a) for a in articles]
    if args.format == "jsonl":
        _write("".join(r.to_json() + "\n" for r in results), args.out)
    elif args.format == "json":
        payload = results[0].to_dict() if len(results) == 1 else [r.to_dict() for r in results]
        _write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", args.out)
    else:
        if len(results) > 1 and args.out is None:
            raise WorkbenchError("--format html takes one FILE (or use `workbench report`)", code="W002")
        _write(results[0].to_html(), args.out)
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from workbench.report import build_report

    _write(build_report(args.article), args.out)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def _cmd_gazetteer(args: argparse.Namespace) -> int:
    from workbench.geo.gazetteer import Gazetteer, build_gazetteer, default_gazetteer_path

    if args.action == "import":
        from workbench.geo.cli import run_gazetteer_import

        return run_gazetteer_import(args)
    if args.action == "build":
        path = build_gazetteer(args.path, force=args.force, progress=True)
        print(f"gazetteer ready: {path}", file=sys.stderr)
        return 0
    path = default_gazetteer_path()
    gaz = Gazetteer(path).load()
    print(json.dumps({"path": str(path), **gaz.metadata()}, ensure_ascii=False, indent=2, default=str))
    return 0


def _cmd_samples(args: argparse.Namespace) -> int:
    from workbench.articles import list_samples

    for name in list_samples():
        print(f"sample:{name}")
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    if args.what == "geo":
        from workbench.geo.cli import run_eval_geo

        return run_eval_geo(args)
    try:
        from workbench.nlp.training.cli import run_eval_ner
    except ImportError as exc:
        raise WorkbenchError(f"NER evaluation is not available: {exc}", code="W003") from exc
    return run_eval_ner(args)


def _cmd_batch(args: argparse.Namespace) -> int:
    from workbench.batch.cli import run_batch

    return run_batch(args)


def _cmd_corpus(args: argparse.Namespace) -> int:
    from workbench.corpus.cli import run_corpus

    return run_corpus(args)


def _cmd_exercise(args: argparse.Namespace) -> int:
    from workbench.exercises.cli import run_exercise

    return run_exercise(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``workbench`` command; returns the exit code."""
    args = _build_parser(argv).parse_args(argv)
    handlers = {
        "analyze": _cmd_analyze,
        "report": _cmd_report,
        "gazetteer": _cmd_gazetteer,
        "samples": _cmd_samples,
        "eval": _cmd_eval,
        "batch": _cmd_batch,
        "corpus": _cmd_corpus,
        "exercise": _cmd_exercise,
    }
    try:
        return handlers[args.command](args)
    except WorkbenchError as exc:
        print(f"workbench: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("workbench: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())

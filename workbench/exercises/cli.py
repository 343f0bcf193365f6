"""CLI hooks of ``workbench exercise`` (wired into :mod:`workbench.cli` by the main command).

::

    workbench exercise create --from SAVED --out FILE [--id ID] [--suggestions shown|hidden]
                              [--labels PER,LOC,ORG] [--no-reveal] [--no-places]
                              [--tolerance مارينو=25 ...] [--title T] [--instructions T]
                              [--article SOURCE] [--db STORE] [--no-analyze]
    workbench exercise validate FILE [FILE ...]
    workbench exercise check EXERCISE SUBMISSION [--lang en|ar] [--json]
    workbench exercise class EXERCISE SOURCE [SOURCE ...] [--csv OUT]

``SAVED`` is an article id in the findings store (``--db``, default ``$WORKBENCH_DB``),
or a W3C Web Annotation export (``.json``/``.jsonld``) of a corrected article; the
article text then comes from ``--article`` or, if the export names a stored
article (``urn:workbench:article:ID``), from the store. Errors exit with code 2
and a one-line message (raised as :class:`~workbench.errors.WorkbenchError`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from workbench.exercises.errors import ExerciseError, ExerciseFormatError

__all__ = ["add_exercise_arguments", "run_exercise"]

_URN = re.compile(r"urn:workbench:article:([0-9a-f]{16})")


def add_exercise_arguments(subparsers: argparse._SubParsersAction | argparse.ArgumentParser) -> None:
    """Add ``workbench exercise`` and its actions.

    Parameters
    ----------
    subparsers
        The main command's sub-parsers (an ``exercise`` parser is added to them),
        or an already created ``exercise`` parser (its actions are added to it).
    """
    if isinstance(subparsers, argparse.ArgumentParser):
        parser = subparsers
    else:
        parser = subparsers.add_parser("exercise", help="teaching exercises: create, validate, check, class")
    sub = parser.add_subparsers(dest="exercise_action", required=True)

    p = sub.add_parser("create", help="an exercise from an analyst's saved, corrected article")
    p.add_argument("--from", dest="saved", required=True, metavar="SAVED",
                   help="article id in the findings store, or a Web Annotation export file")
    p.add_argument("--out", type=Path, required=True, help="exercise file to write (.json, .yaml)")
    p.add_argument("--id", dest="exercise_id", help="exercise id (default: the file name)")
    p.add_argument("--db", help="findings store (default: $WORKBENCH_DB or the user data folder)")
    p.add_argument("--article", help="the article of a Web Annotation export (file, URL, sample:NAME)")
    p.add_argument("--suggestions", choices=["shown", "hidden"], default="hidden",
                   help="show the machine's annotations to students (default hidden)")
    p.add_argument("--labels", default="PER,LOC,ORG", help="labels that count (default PER,LOC,ORG)")
    p.add_argument("--no-reveal", action="store_true", help="never show the expected answers")
    p.add_argument("--no-places", action="store_true", help="do not score places")
    p.add_argument("--tolerance", action="append", default=[], metavar="MENTION=KM",
                   help="tolerance in km of a place mention (repeatable)")
    p.add_argument("--title", help="exercise title")
    p.add_argument("--instructions", help="instructions for the students (default: generic, en+ar)")
    p.add_argument("--hint", action="append", default=[], help="a hint (repeatable, shown in order)")
    p.add_argument("--no-analyze", action="store_true",
                   help="skip the machine analysis (no suggestions, no candidates)")

    p = sub.add_parser("validate", help="check exercise files")
    p.add_argument("files", nargs="+", metavar="FILE")

    p = sub.add_parser("check", help="score one submission and print the feedback")
    p.add_argument("exercise", metavar="EXERCISE", help="exercise file or exercise:NAME")
    p.add_argument("submission", metavar="SUBMISSION", help="submission.json")
    p.add_argument("--lang", choices=["en", "ar"], default="en")
    p.add_argument("--json", action="store_true", help="print the result as JSON")

    p = sub.add_parser("class", help="class table of many submissions (CSV)")
    p.add_argument("exercise", metavar="EXERCISE")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="submission files or folders")
    p.add_argument("--csv", type=Path, help="write the table here instead of standard output")


def _tolerances(items: list[str]) -> dict[str, float]:
    out = {}
    for item in items:
        name, sep, km = item.rpartition("=")
        try:
            out[name.strip()] = float(km)
        except ValueError:
            sep = ""
        if not sep or not name.strip():
            raise ExerciseFormatError(f"--tolerance {item!r}: write MENTION=KM, e.g. --tolerance مارينو=25")
    return out


def _article_of(state: Any) -> Any:
    from workbench.articles.model import Article

    return Article(text=state.text, title=state.title, language=state.language, source=state.source,
                   url=state.url, published=state.published)


def _saved_state(args: argparse.Namespace) -> Any:
    from workbench.annotations import model as m
    from workbench.annotations.store import FindingsStore

    path = Path(args.saved)
    if path.is_file():
        from workbench.exercises.build import state_from_web_annotation

        try:
            doc = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ExerciseFormatError(f"{path} is not a readable Web Annotation JSON file: {exc}") from None
        if args.article:
            from workbench.articles import load_article

            base = m.initial_state(load_article(args.article))
        else:
            found = _URN.search(json.dumps(doc))
            saved = None
            if found:
                with FindingsStore(args.db).open() as store:
                    saved = store.load(found.group(1))
            if saved is None:
                raise ExerciseFormatError(
                    f"{path} does not carry the article text; give it with --article FILE|URL|sample:NAME"
                )
            base = m.initial_state(_article_of(saved))
        return state_from_web_annotation(doc, base)
    with FindingsStore(args.db).open() as store:
        state = store.load(args.saved)
        if state is None:
            ids = ", ".join(s.article_id for s in store.articles()[:5])
            raise ExerciseError(
                f"{args.saved!r} is neither a file nor an article id in the findings store "
                f"{store.location} (recent ids: {ids or 'none'})"
            )
        return state


def _create(args: argparse.Namespace) -> int:
    from workbench.exercises.build import exercise_from_state
    from workbench.exercises.io import save_exercise
    from workbench.exercises.model import ExerciseSettings

    state = _saved_state(args)
    machine = None
    if not args.no_analyze:
        from workbench.analysis import analyze

        machine = analyze(_article_of(state))
    labels = tuple(x.strip().upper() for x in args.labels.split(",") if x.strip())
    settings = ExerciseSettings.from_dict({
        "suggestions": args.suggestions, "labels": list(labels), "reveal": not args.no_reveal,
        "places": not args.no_places,
    })
    ex_id = args.exercise_id or re.sub(r"[^A-Za-z0-9._-]+", "-", args.out.stem).strip("-") or "exercise"
    ex = exercise_from_state(
        state, exercise_id=ex_id, title=args.title, instructions=args.instructions, hints=args.hint,
        settings=settings, machine=machine, tolerances=_tolerances(args.tolerance),
    )
    save_exercise(ex, args.out)
    print(f"wrote {args.out}: exercise {ex.id!r}, {len(ex.gold_entities)} entities, "
          f"{len(ex.gold_places)} places, hash {ex.hash}", file=sys.stderr)
    return 0


def run_exercise(args: argparse.Namespace) -> int:
    """Run a ``workbench exercise`` action; returns the exit code."""
    action = args.exercise_action
    if action == "create":
        return _create(args)
    from workbench.exercises.io import load_exercise

    if action == "validate":
        bad = 0
        for f in args.files:
            try:
                ex = load_exercise(f)
            except ExerciseError as exc:
                bad += 1
                print(f"{f}: invalid: {exc}", file=sys.stderr)
                continue
            print(f"{f}: ok: exercise {ex.id!r}, {len(ex.gold_entities)} entities, "
                  f"{len(ex.gold_places)} places, hash {ex.hash}")
        return 1 if bad else 0
    ex = load_exercise(args.exercise)
    if action == "check":
        from workbench.exercises.scoring import check_submission

        result = check_submission(ex, args.submission)
        if args.json:
            print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        else:
            print(result.feedback(args.lang))
        return 0
    if action == "class":
        from workbench.exercises.io import load_submissions
        from workbench.exercises.teacher import class_table

        subs, problems = load_submissions(args.sources, ex)
        for p in problems:
            print(f"skipped: {p}", file=sys.stderr)
        table = class_table(ex, subs)
        if args.csv:
            table.to_csv(args.csv, encoding="utf-8")
        else:
            sys.stdout.write(table.to_csv())
        return 0
    raise ExerciseError(f"unknown exercise action {action!r}")

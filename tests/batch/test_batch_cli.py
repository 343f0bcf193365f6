"""``workbench batch`` through its CLI hooks (as the main command will call them)."""

from __future__ import annotations

import argparse
import json

import pytest
from batch_fixtures import corpus_records, write_jsonl

from workbench.batch.cli import add_batch_arguments, run_batch
from workbench.errors import WorkbenchError


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="workbench batch")
    add_batch_arguments(parser)
    return parser.parse_args(list(argv))


def test_a_clean_corpus_exits_0_and_prints_a_summary(tmp_path, capsys, gazetteer) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", corpus_records(4, seed=9)[:4])
    code = run_batch(
        _args(str(corpus), "--out", str(tmp_path / "o" / "p.gpkg"), "--workers", "0", "--no-progress")
    )
    summary = json.loads(capsys.readouterr().out)
    assert code == 0
    assert (summary["processed"], summary["errors"], summary["rows"]["articles"]) == (4, 0, 4)
    assert (tmp_path / "o" / "p.entities.parquet").exists() and (
        tmp_path / "o" / "p.articles.parquet"
    ).exists()


def test_failed_articles_exit_1_and_name_the_errors_file(tmp_path, capsys, gazetteer) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", [*corpus_records(2, seed=9)[:2], "{oops"])
    code = run_batch(
        _args(str(corpus), "--out", str(tmp_path / "p.parquet"), "--workers", "0", "--no-progress")
    )
    err = capsys.readouterr().err
    assert code == 1 and "1 article(s) failed" in err and "p.errors.jsonl" in err


def test_defaults_and_bad_arguments(tmp_path) -> None:
    a = _args("in", "--out", "o.gpkg")
    assert (a.engine, a.workers, a.batch_size, a.part_size, a.model) == ("local", None, 16, 500, "default")
    with pytest.raises(WorkbenchError) as e:
        run_batch(_args("in", "--out", str(tmp_path / "o.gpkg"), "--batch-size", "0"))
    assert e.value.code == "W131"
    with pytest.raises(SystemExit):
        _args("in", "--out", "o.gpkg", "--engine", "spark")

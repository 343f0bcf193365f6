"""``workbench corpus`` through its CLI hooks, from synthesis to queries."""

from __future__ import annotations

import argparse
import json

import pytest

from workbench.corpus.cli import add_corpus_arguments, run_corpus


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="workbench")
    add_corpus_arguments(parser.add_subparsers(dest="command", required=True))
    return run_corpus(parser.parse_args(["corpus", *argv]))


def _lines(capsys) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_synth_writes_n_articles(tmp_path, capsys) -> None:
    assert _run("synth", "--n", "5", "--out", str(tmp_path / "c.jsonl"), "--seed", "3") == 0
    assert len((tmp_path / "c.jsonl").read_text(encoding="utf-8").splitlines()) == 5
    assert "wrote 5 articles" in capsys.readouterr().err


def test_index_and_queries(indexed, tmp_path, capsys) -> None:
    out, _ = indexed
    db = str(tmp_path / "c.sqlite")
    assert _run("index", str(out), "--db", db) == 0
    capsys.readouterr()
    assert _run("search", db, "دمشق", "--from", "2024-07-01") == 0
    (hit,) = _lines(capsys)
    assert hit["article_id"] == "hand-damascus" and hit["snippet"]["highlights"]
    _run("entity", db, "الأمم المتحدة", "--label", "ORG")
    assert "hand-nodate" in {r["article_id"] for r in _lines(capsys)}
    _run("cooccur", db, "منظمة الصحة العالمية", "--limit", "3")
    assert len(_lines(capsys)) <= 3
    _run("near", db, "33.51", "36.29", "--km", "30")
    assert {r["name"] for r in _lines(capsys)} == {"Damascus"}
    _run("region", db, "--admin1", "سوريا")
    assert {r["country_code"] for r in _lines(capsys)} == {"SY"}
    _run("region", db, "--bbox", "33", "35", "34", "37")
    assert all(33 <= r["latitude"] <= 34 for r in _lines(capsys))
    _run("timeline", db, "--entity", "الأمم المتحدة", "--freq", "M")
    csv = capsys.readouterr().out.splitlines()
    assert csv[0] == "date,articles,mentions" and csv[-1].startswith("2024-07-01,")


def test_a_corpus_parser_can_be_given_directly(tmp_path) -> None:
    parser = argparse.ArgumentParser(prog="workbench corpus")
    add_corpus_arguments(parser)
    args = parser.parse_args(["synth", "--n", "2", "--out", str(tmp_path / "c.jsonl")])
    assert run_corpus(args) == 0
    with pytest.raises(SystemExit):
        parser.parse_args(["region", "db"])  # --bbox or --admin1 is required

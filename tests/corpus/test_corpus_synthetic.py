"""The synthetic corpus: deterministic, well-formed, and made of names the gazetteer knows."""

from __future__ import annotations

import json
from datetime import date

import pytest

from workbench.articles import normalize_key
from workbench.corpus.synthetic import ORGANIZATIONS, PLACES, synthetic_articles, write_synthetic_corpus


def test_the_same_seed_gives_the_same_corpus_and_another_seed_another() -> None:
    a = list(synthetic_articles(20, seed=4))
    assert a == list(synthetic_articles(20, seed=4))
    assert [x["text"] for x in a] != [x["text"] for x in synthetic_articles(20, seed=5)]


def test_articles_are_well_formed_with_dates_in_range() -> None:
    arts = list(synthetic_articles(200, seed=1, start="2023-05-01", days=30))
    assert len({a["id"] for a in arts}) == 200
    days = {date.fromisoformat(a["published"]) for a in arts}
    assert min(days) >= date(2023, 5, 1) and max(days) <= date(2023, 5, 30) and len(days) > 15
    assert all(a["text"].startswith(a["title"] + "\n\n") for a in arts)
    text = " ".join(normalize_key(a["text"]) for a in arts)
    assert sum(normalize_key(p) in text for p in PLACES) > 30
    assert any(normalize_key(o) in text for o in ORGANIZATIONS)
    assert any("\u064e" in a["text"] or "\u0650" in a["text"] for a in arts)  # some diacritics


def test_place_names_resolve_in_the_gazetteer(gazetteer) -> None:
    missing = [p for p in PLACES if not gazetteer.lookup(p)]
    assert missing == []


def test_write_and_bad_arguments(tmp_path) -> None:
    path = write_synthetic_corpus(tmp_path / "sub" / "c.jsonl", 7, seed=2)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 7 and json.loads(lines[0])["id"] == "synth-2-000000"
    with pytest.raises(ValueError):
        next(synthetic_articles(1, places=["دمشق"]))

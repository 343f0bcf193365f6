"""Evaluation datasets, scores, the eval/import CLI functions, learning, analyst pins."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import pytest
from geo_helpers import KURSK_OBLAST, spans

from workbench.errors import WorkbenchError
from workbench.geo import cli
from workbench.geo.evaluate import GoldDocument, GoldMention, evaluate, read_dataset, score
from workbench.geo.gazetteer import Gazetteer
from workbench.geo.layers import AnalystLayer
from workbench.geo.learn import Example, collect, fit
from workbench.geo.model import GazetteerEntry, ResolvedPlace
from workbench.geo.resolve import resolve_places

NEWS_DEV = Path(__file__).resolve().parents[1] / "data" / "geo" / "news_dev.jsonl"
TEXT = "اشتباكات في طرابلس اللبنانية وقصف على قرية مارينو في منطقة كورسك."


def _news_file(tmp_path: Path) -> Path:
    rows = [
        {"text": TEXT, "start": TEXT.index("طرابلس"), "end": TEXT.index("طرابلس") + 6,
         "lat": 34.4367, "lon": 35.8497, "geonameid": 266826, "level": "city", "class": "namesake"},
        {"text": TEXT, "start": TEXT.index("مارينو"), "end": TEXT.index("مارينو") + 6,
         "lat": 51.6167, "lon": 34.8833, "level": "village", "class": "container"},
        {"text": TEXT, "start": TEXT.index("كورسك"), "end": TEXT.index("كورسك") + 5,
         "lat": 51.7358, "lon": 36.2921, "level": "region", "class": "city_province"},
    ]  # fmt: skip
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def test_news_format_groups_mentions_by_text(tmp_path: Path, tiny_gazetteer: Gazetteer) -> None:
    (doc,) = read_dataset(_news_file(tmp_path))
    assert len(doc.mentions) == 3 and doc.mentions[0].geonameid == 266826
    report = evaluate([doc], tiny_gazetteer)
    assert report.overall["n"] == 3
    assert report.overall["acc_161km"] == 1.0  # Marino at its oblast is within 161 km
    assert report.overall["exact_id_acc"] == 1.0 and report.overall["n_with_id"] == 1
    assert set(report.by_class) == {"namesake", "container", "city_province"}


def test_idrisi_format_and_directories(tmp_path: Path) -> None:
    tweet = {"tweet_id": "1", "text": "سيول في الكويت اليوم", "location_mentions": [
        {"text": "الكويت", "type": "Country", "start_offset": 8, "end_offset": 14,
         "osm_json": {"lat": "29.2", "lon": "47.6"}},
        {"text": "broken", "type": "City/town", "start_offset": 50, "end_offset": 60,
         "osm_json": {"lat": "1", "lon": "1"}}]}  # fmt: skip
    event = tmp_path / "kuwait_floods_2018"
    event.mkdir()
    (event / "dev.jsonl").write_text(json.dumps(tweet, ensure_ascii=False) + "\n", "utf-8")
    (doc,) = read_dataset(tmp_path, split="dev")
    assert [(m.level, m.start, m.end) for m in doc.mentions] == [("Country", 8, 14)]
    with pytest.raises(WorkbenchError, match="no evaluation data"):
        read_dataset(tmp_path / "missing")


def test_score_counts_unresolved_as_misses() -> None:
    entry = GazetteerEntry(1, "X", 10.0, 10.0, "XX", "PPL", "city")
    doc = GoldDocument("d", "ab cd", [GoldMention(0, 2, 10.0, 10.0, 1, "city"),
                                      GoldMention(3, 5, 0.0, 0.0, None, "city")])  # fmt: skip
    places = [ResolvedPlace(0, 2, "ab", entry, 0.9), ResolvedPlace(3, 5, "cd", None, 0.0)]
    report = score([doc], [places])
    assert report.overall["acc_161km"] == 0.5 and report.overall["unresolved"] == 0.5
    assert report.overall["median_km"] == 0.0
    assert report.misses[0]["mention"] == "cd"


def test_cli_eval_geo(tmp_path: Path, tiny_gazetteer_path: Path, capsys) -> None:
    parser = argparse.ArgumentParser()
    cli.add_eval_geo_arguments(parser)
    args = parser.parse_args(["--data", str(_news_file(tmp_path)), "--gazetteer",
                              str(tiny_gazetteer_path), "--json"])  # fmt: skip
    assert cli.run_eval_geo(args) == 0
    assert json.loads(capsys.readouterr().out)["overall"]["n"] == 3
    args = parser.parse_args(["--data", str(tmp_path / "nope.jsonl")])
    assert cli.run_eval_geo(args) == 2


def test_cli_gazetteer_import(tmp_path: Path, tiny_gazetteer_path: Path, capsys) -> None:
    import shutil

    gaz = tmp_path / "gazetteer-v3.sqlite"
    shutil.copy(tiny_gazetteer_path, gaz)
    parser = argparse.ArgumentParser()
    cli.add_gazetteer_import_arguments(parser)
    fixtures = Path(__file__).resolve().parents[1] / "data" / "geo"
    args = parser.parse_args([str(fixtures / "UA.zip"), "--gazetteer", str(gaz), "--quiet"])
    assert cli.run_gazetteer_import(args) == 0
    assert "3 used" in capsys.readouterr().out
    args = parser.parse_args([str(tmp_path / "missing.zip"), "--gazetteer", str(gaz), "--quiet"])
    assert cli.run_gazetteer_import(args) == 1


def test_learning_moves_weights_towards_the_gold(tiny_gazetteer: Gazetteer, tmp_path) -> None:
    docs = read_dataset(_news_file(tmp_path))
    examples = collect(docs, tiny_gazetteer)
    assert examples and all(isinstance(e, Example) for e in examples)
    weights, nil, info = fit(examples, steps=30)
    assert info["loss_fit"] <= info["loss_prior"] + 1e-9
    assert set(weights) >= {"match", "prominence", "container"} and nil == pytest.approx(1.2)
    toy = [Example(np.array([[1.0] + [0.0] * (len(weights) - 1)]), np.array([True]))]
    assert fit(toy, steps=5)[0]["match"] >= weights["match"] - 1.0


class _Pin:
    mention_key = "مارينو"
    name, latitude, longitude, country_code = "Marino (pinned)", 51.6167, 34.8833, "RU"
    analyst, article_id = "sara", "a1b2"


def test_analyst_pins_resolve_later_articles(tiny_gazetteer: Gazetteer) -> None:
    text = "قصف على قرية مارينو في منطقة كورسك."
    plain, _ = resolve_places(text, spans(text, "مارينو", "كورسك"), tiny_gazetteer)
    assert plain.entry.geonameid == KURSK_OBLAST and plain.precision == "region"
    layer = AnalystLayer([_Pin()])
    pinned, kursk = resolve_places(text, spans(text, "مارينو", "كورسك"), tiny_gazetteer, extra_layers=[layer])
    assert pinned.precision == "exact" and pinned.confidence == 1.0
    assert pinned.entry.latitude == pytest.approx(51.6167)
    assert "pinned by analyst sara in article a1b2" in pinned.reason
    assert pinned.candidates[0].match == "analyst"
    assert pinned.to_dict()["candidates"][0]["note"].startswith("pinned by analyst sara")
    assert kursk.resolved


def test_a_broken_analyst_store_does_not_fail_resolution(tiny_gazetteer: Gazetteer) -> None:
    class Broken:
        def lookup_analyst_place(self, text: str):
            raise RuntimeError("database is locked")

    text = "قصف على كورسك."
    (place,) = resolve_places(text, spans(text, "كورسك"), tiny_gazetteer,
                              extra_layers=[AnalystLayer(Broken())])  # fmt: skip
    assert place.resolved


@pytest.mark.slow
def test_news_dev_set_on_the_real_gazetteer(gazetteer) -> None:
    report = evaluate(read_dataset(NEWS_DEV), gazetteer)
    assert report.overall["n"] >= 150
    assert report.overall["acc_161km"] >= 0.95, report.misses
    assert report.by_class["common_word"]["acc_161km"] == 1.0

"""A batch run end to end, in process, with the real pipeline: outputs, errors, resume."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import pytest
from batch_fixtures import BAD_LINE_ID, InterruptingEngine, corpus_records, sorted_frames, write_jsonl

import workbench.analysis
from workbench.analysis import analyze
from workbench.articles import article_from_text
from workbench.batch import batch_analyze
from workbench.batch.worker import PipelineSpec, loaded


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_jsonl(tmp_path_factory.mktemp("corpus") / "c.jsonl", corpus_records())


@pytest.fixture(scope="module")
def first_run(corpus, tmp_path_factory, gazetteer):
    out = tmp_path_factory.mktemp("run") / "places.gpkg"
    summary = batch_analyze(corpus, out, workers=0, part_size=5, batch_size=4, progress=False)
    return out, summary


def test_every_article_is_processed_once_and_the_bad_one_is_reported(first_run) -> None:
    _, s = first_run
    assert (s.total, s.processed, s.errors, s.duplicates, s.skipped) == (14, 12, 1, 1, 0)
    errors = [json.loads(line) for line in s.paths.errors.read_text(encoding="utf-8").splitlines()]
    assert [(e["id"], e["code"], e["stage"]) for e in errors] == [(BAD_LINE_ID, "W104", "read")]
    assert s.rows["articles"] == 12
    # Parts are flushed at batch boundaries once 5 articles are waiting: 8 + 4.
    assert len(list(s.paths.parts.glob("*.articles.parquet"))) == 2


def test_outputs_match_analyze_of_each_article(first_run, corpus, nlp, gazetteer) -> None:
    out, _ = first_run
    frames = sorted_frames(out)
    records = {r["id"]: r for r in corpus_records()[:12]}
    assert set(frames["articles"]["article_id"]) == set(records)
    for aid in sorted(records)[:4]:
        r = records[aid]
        article = article_from_text(r["text"], title=r["title"], published=r["published"])
        a = analyze(article, nlp=nlp, gazetteer=gazetteer)
        ents = frames["entities"][frames["entities"]["article_id"] == aid]
        assert list(zip(ents.start, ents.end, ents.text, ents.label, strict=True)) == [
            (e.start, e.end, e.text, e.label) for e in a.entity_list
        ]
        places = frames["places"][frames["places"]["article_id"] == aid]
        assert [(int(p.start), p.text, p.name) for p in places.itertuples()] == [
            (p.start, p.text, p.entry.name if p.entry else None) for p in a.place_list
        ]
        assert all(r["text"][p.start : p.end] == p.text for p in places.itertuples())
        assert set(places["published"]) <= {r["published"]}


def test_the_places_file_is_a_geopackage_in_wgs84(first_run) -> None:
    out, _ = first_run
    gdf = gpd.read_file(out, layer="places")
    assert gdf.crs.to_epsg() == 4326
    resolved = gdf[gdf["resolved"]]
    assert len(resolved) and (resolved.geometry.x == resolved["longitude"]).all()
    assert (resolved.geometry.y == resolved["latitude"]).all()


def test_running_again_skips_what_is_done(first_run, corpus) -> None:
    out, _ = first_run
    before = out.stat().st_mtime_ns
    s = batch_analyze(corpus, out, workers=0, progress=False)
    # 12 done + the repeated id; the bad line is tried again.
    assert (s.processed, s.skipped, s.errors) == (0, 13, 1)
    assert out.stat().st_mtime_ns == before  # nothing new: no merge


def test_an_interrupted_run_resumes_where_it_stopped(corpus, first_run, tmp_path) -> None:
    out = tmp_path / "places.parquet"
    with pytest.raises(KeyboardInterrupt):
        batch_analyze(corpus, out, engine=InterruptingEngine(2), batch_size=3, part_size=100, progress=False)
    # The 6 articles analysed before Ctrl-C were saved as a part.
    s = batch_analyze(corpus, out, workers=0, batch_size=3, progress=False)
    assert (s.skipped, s.processed) == (7, 6)  # 6 done + the repeated id of the first article
    resumed, clean = sorted_frames(out), sorted_frames(first_run[0])
    for table in ("articles", "entities", "places"):
        pd.testing.assert_frame_equal(resumed[table], clean[table], check_dtype=False)
    assert gpd.read_parquet(out).crs.to_epsg() == 4326


def test_an_article_that_breaks_the_pipeline_does_not_stop_the_run(corpus, tmp_path, monkeypatch) -> None:
    real = workbench.analysis.analyze

    def flaky(article, **kw):
        if "حلب" in article.text:
            raise RuntimeError("simulated pipeline crash")
        return real(article, **kw)

    monkeypatch.setattr(workbench.analysis, "analyze", flaky)
    n_aleppo = sum("حلب" in r["text"] for r in corpus_records()[:12])
    assert 0 < n_aleppo < 12
    s = batch_analyze(corpus, tmp_path / "p.gpkg", workers=0, progress=False)
    errors = [json.loads(line) for line in s.paths.errors.read_text(encoding="utf-8").splitlines()]
    assert sum(e["stage"] == "analyze" for e in errors) == n_aleppo
    assert s.processed == 12 - n_aleppo
    assert all("simulated pipeline crash" in e["message"] for e in errors if e["stage"] == "analyze")


def test_the_default_spec_shares_the_session_pipeline() -> None:
    from workbench.analysis import default_pipeline

    assert loaded(PipelineSpec())[0] is default_pipeline()

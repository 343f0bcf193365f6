"""Regression guards that need the corpora in ../shared/data/ner (skipped without them)."""

from __future__ import annotations

import pytest

from workbench.nlp.training.corpora import CorpusPaths
from workbench.nlp.training.evaluate import DEFAULT_MODEL_DIR

PATHS = CorpusPaths.default()
needs_data = pytest.mark.skipif(
    not PATHS.exists(),
    reason=f"NER corpora not found under {PATHS.root} (set WORKBENCH_SHARED_DIR to ../shared)",
)
needs_model = pytest.mark.skipif(
    not (DEFAULT_MODEL_DIR / "config.cfg").exists(),
    reason=f"no shipped NER model in {DEFAULT_MODEL_DIR}; run `make train-ner`",
)

# A little under the measured micro-F1 of the shipped model on the CAMeL test file
# (see workbench/models/ner_ar/MODEL_CARD.md); raise it when a better model ships.
CAMEL_TEST_F1_FLOOR = 68.5


@pytest.fixture(scope="module")
def split():
    from workbench.nlp.training.convert import split_corpora

    return split_corpora(PATHS)


@pytest.mark.shared
@needs_data
def test_no_training_sentence_occurs_in_a_test_set(split):
    from workbench.nlp.training.dedup import HeldOutIndex, dedup_key

    tests = split["tests"]
    index = HeldOutIndex.build(s.text for sents in tests.values() for s in sents)
    test_keys = {dedup_key(s.text) for sents in tests.values() for s in sents}
    for name, sents in split["train"].items():
        leaked = [s.text for s in sents if index.overlaps(s.text)]
        assert not leaked, f"{len(leaked)} {name} sentences occur in a test set: {leaked[:2]}"
        # also with spaces removed (NewsFANE is clitic-segmented), stated directly
        assert not {dedup_key(s.text) for s in sents} & test_keys
    # the check is not vacuous: NewsFANE does repeat the ANERcorp test text
    assert split["removed"]["newsfane_overlapping_a_test_set"] > 500


@pytest.mark.shared
@needs_data
def test_dev_split_is_the_tail_of_anercorp_train(split):
    from workbench.nlp.training.dedup import HeldOutIndex

    dev = HeldOutIndex.build(s.text for s in split["train"]["aner_dev"])
    assert not any(dev.overlaps(s.text) for s in split["train"]["aner_train"])
    assert split["sizes"]["camel_test"] == 925


@pytest.mark.shared
@pytest.mark.slow
@needs_data
@needs_model
def test_shipped_model_on_camel_test_stays_above_floor():
    from workbench.nlp.training.evaluate import evaluate_ner

    result = evaluate_ner(PATHS.camel_test)
    assert result["words"] == 25_008
    assert result["micro"]["f1"] >= CAMEL_TEST_F1_FLOOR, result["micro"]
    for label in ("PER", "LOC", "ORG", "MISC"):
        assert result["per_label"][label]["support"] > 0


@needs_model
def test_shipped_model_carries_its_name_lists_and_names_no_training_file():
    import spacy

    import workbench.nlp.normalizer  # noqa: F401  (registers the embedding architecture)

    cfg = spacy.util.load_config(DEFAULT_MODEL_DIR / "config.cfg")
    embed = cfg["components"]["ner"]["model"]["tok2vec"]["embed"]
    assert embed["@architectures"] == "workbench.ArabicFeatureEmbed.v1"
    assert embed["lexicon"] is None
    from workbench.nlp.training.evaluate import load_ner

    nlp = load_ner()
    extractor = next(
        n for n in nlp.get_pipe("ner").model.walk() if n.name == "workbench_ar_features"
    )
    lexicon = extractor.attrs["lexicon"]
    assert len(lexicon) > 50_000
    assert lexicon.get("كورسك") in {"LOC", "LOC2"}
    kinds = set(lexicon.values())
    assert {"PER", "FIRST", "w:GIVEN"} <= kinds

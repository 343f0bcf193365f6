"""The CoNLL entity scorer on hand-made cases."""

from __future__ import annotations

import pytest

from workbench.nlp.training.scoring import chunks, project_spans, score_chunks, token_offsets


def micro(gold, pred):
    return score_chunks(gold, pred).micro


def test_perfect_prediction_scores_100():
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["O", "B-ORG"]]
    s = micro(gold, gold)
    assert (s.tp, s.fp, s.fn) == (3, 0, 0)
    assert s.precision == s.recall == s.f1 == 100.0


def test_partial_overlap_is_a_miss_and_a_false_alarm():
    gold = [["B-ORG", "I-ORG", "I-ORG", "O"]]
    pred = [["B-ORG", "I-ORG", "O", "O"]]
    s = micro(gold, pred)
    assert (s.tp, s.fp, s.fn) == (0, 1, 1)
    assert s.f1 == 0.0


def test_wrong_label_counts_against_both_labels():
    scores = score_chunks([["B-PER", "O"]], [["B-LOC", "O"]])
    assert scores.per_label["PER"].fn == 1 and scores.per_label["PER"].tp == 0
    assert scores.per_label["LOC"].fp == 1
    assert scores.micro.f1 == 0.0


def test_i_without_b_starts_a_chunk_like_conlleval():
    assert chunks(["O", "I-LOC", "I-LOC", "I-PER", "B-PER", "I-PER"]) == [
        (1, 3, "LOC"), (3, 4, "PER"), (4, 6, "PER"),
    ]
    # an IOB1 prediction matches the equivalent IOB2 gold
    s = micro([["O", "B-LOC", "I-LOC"]], [["O", "I-LOC", "I-LOC"]])
    assert s.tp == 1 and s.f1 == 100.0


def test_b_after_b_of_same_type_is_two_entities():
    assert chunks(["B-LOC", "B-LOC"]) == [(0, 1, "LOC"), (1, 2, "LOC")]


def test_empty_input_scores_zero_without_error():
    s = micro([], [])
    assert (s.tp, s.fp, s.fn, s.f1) == (0, 0, 0, 0.0)
    s = micro([["O", "O"]], [["O", "O"]])
    assert s.f1 == 0.0 and s.support == 0


def test_micro_and_per_label_counts():
    gold = [["B-PER", "O", "B-LOC", "O", "B-ORG", "I-ORG"]]
    pred = [["B-PER", "O", "B-LOC", "B-MISC", "B-ORG", "O"]]
    sc = score_chunks(gold, pred)
    assert (sc.micro.tp, sc.micro.fp, sc.micro.fn) == (2, 2, 1)
    assert sc.micro.precision == pytest.approx(50.0)
    assert sc.micro.recall == pytest.approx(200 / 3)
    assert sc.per_label["ORG"].as_dict()["f1"] == 0.0
    assert sc.per_label["PER"].f1 == 100.0


def test_length_mismatch_is_an_error():
    with pytest.raises(ValueError, match="gold token level"):
        score_chunks([["O"]], [["O", "O"]])


def test_entity_without_proclitic_tags_the_whole_gold_token():
    tokens = ["زار", "وكوريا", "الجنوبية", "أمس"]
    offs = token_offsets(tokens)
    text = " ".join(tokens)
    start = text.index("كوريا")  # the model's entity starts after «و»
    end = text.index("الجنوبية") + len("الجنوبية")
    assert project_spans(offs, [(start, end, "LOC")]) == ["O", "B-LOC", "I-LOC", "O"]


def test_projection_of_adjacent_entities_keeps_them_apart():
    tokens = ["محمد", "علي", "القاهرة"]
    offs = token_offsets(tokens)
    spans = [(0, 8, "PER"), (9, 16, "LOC")]
    assert project_spans(offs, spans) == ["B-PER", "I-PER", "B-LOC"]

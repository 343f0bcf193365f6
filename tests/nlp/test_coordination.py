"""Entities joined by an attached «و» are split after the NER model."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from workbench.nlp.coordination import CoordinationSplitter


def _doc(words, ents):
    nlp = spacy.blank("ar")
    doc = Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    return doc


SPLIT = CoordinationSplitter(is_known=lambda w: w in {"وليد", "والكن"})


def test_two_clubs_joined_by_waw_become_two_entities_with_the_same_offsets():
    doc = _doc(["فاز", "أرسنال", "وموناكو", "أمس"], [(1, 3, "ORG")])
    text = doc.text
    doc = SPLIT(doc)
    assert doc.text == text
    assert [(e.text, e.label_) for e in doc.ents] == [("أرسنال", "ORG"), ("موناكو", "ORG")]
    assert [t.text for t in doc] == ["فاز", "أرسنال", "و", "موناكو", "أمس"]
    assert text[doc.ents[1].start_char : doc.ents[1].end_char] == "موناكو"


def test_three_names_in_one_entity():
    doc = SPLIT(_doc(["كاسياس", "وراموس", "وسالغادو"], [(0, 3, "PER")]))
    assert [e.text for e in doc.ents] == ["كاسياس", "راموس", "سالغادو"]


def test_known_words_and_short_words_stay_whole():
    # «وليد» is a known word (a given name), «ولد» too short, the first token is never split
    doc = SPLIT(_doc(["محمد", "وليد", "ولد", "x"], [(0, 3, "PER")]))
    assert [e.text for e in doc.ents] == ["محمد وليد ولد"]
    doc = SPLIT(_doc(["وكريستوفر", "والكن"], [(0, 2, "PER")]))
    assert [e.text for e in doc.ents] == ["وكريستوفر والكن"]


def test_other_entities_and_docs_without_entities_are_untouched():
    doc = SPLIT(_doc(["في", "كورسك", "و", "مارينو"], [(1, 2, "LOC"), (3, 4, "LOC")]))
    assert [e.text for e in doc.ents] == ["كورسك", "مارينو"]
    assert len(SPLIT(_doc(["نص"], []))) == 1


def test_shipped_pipeline_has_the_splitter_after_ner():
    from workbench.nlp.training.evaluate import DEFAULT_MODEL_DIR, load_ner

    if not (DEFAULT_MODEL_DIR / "config.cfg").exists():
        pytest.skip("no shipped NER model")
    nlp = load_ner()
    names = nlp.pipe_names
    assert names.index("workbench_ar_coordination") == names.index("ner") + 1

"""Mention replacement keeps labels, offsets and the text around the names."""

from __future__ import annotations

import random

import spacy
from spacy.tokens import Doc, Span

from workbench.nlp.training.augment import replace_mentions


def _doc():
    nlp = spacy.blank("ar")
    doc = Doc(
        nlp.vocab,
        words=["قال", "و", "زيلينسكي", "في", "كييف", "."],
        spaces=[True, False, True, True, False, False],
    )
    doc.ents = [Span(doc, 2, 3, label="PER"), Span(doc, 4, 5, label="LOC")]
    return doc


def test_each_entity_is_replaced_by_a_name_of_its_label():
    gold = {"PER": [["فلاديمير", "بوتين"]], "LOC": [["موسكو"]]}
    new = replace_mentions(_doc(), gold, {}, random.Random(0))
    assert new is not None
    assert new.text == "قال وفلاديمير بوتين في موسكو."
    assert [(e.text, e.label_) for e in new.ents] == [("فلاديمير بوتين", "PER"), ("موسكو", "LOC")]


def test_names_come_from_the_lists_or_gold_and_docs_without_entities_are_skipped():
    names = {"PER": [["ايهود", "اولمرت"]]}
    picks = {
        replace_mentions(_doc(), {"PER": [["بوتين"]], "LOC": [["موسكو"]]}, names, random.Random(seed))
        .ents[0]
        .text
        for seed in range(20)
    }
    assert picks == {"ايهود اولمرت", "بوتين"}
    nlp = spacy.blank("ar")
    assert replace_mentions(nlp("لا أسماء هنا"), {}, {}, random.Random(0)) is None
    # a label with no pool keeps its own words
    new = replace_mentions(_doc(), {}, {}, random.Random(0))
    assert [e.text for e in new.ents] == ["زيلينسكي", "كييف"]

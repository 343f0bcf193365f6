"""One name, one label per article: missed mentions of a predicted name are added."""

from __future__ import annotations

from itertools import pairwise

import pytest
import spacy
from spacy.tokens import Doc, Span

from workbench.nlp.consistency import propagate, propagate_doc


def test_a_missed_mention_in_another_sentence_gets_the_label():
    texts = ["قال ستولمان إن الشركة", "وأكد ستولمان ذلك"]
    out = propagate(texts, [[(4, 11, "PER")], []])
    assert out[1] == [(5, 12, "PER")]
    assert texts[1][5:12] == "ستولمان"


def test_the_span_leaves_an_attached_proclitic_out():
    texts = ["فاز الريال", "وخسر بالريال والريال"]
    out = propagate(texts, [[(4, 10, "ORG")], []])
    assert [texts[1][a:b] for a, b, _ in out[1]] == ["الريال", "الريال"]
    assert {label for *_, label in out[1]} == {"ORG"}


def test_a_name_inside_a_longer_word_is_not_a_mention():
    texts = ["زار عمان", "قال العمانيون وعمانوئيل"]
    assert propagate(texts, [[(4, 8, "LOC")], []])[1] == []


def test_existing_entities_are_kept_and_never_overlapped():
    texts = ["قال بان كي مون", "التقى بان كي مون وكي مون"]
    found = [[(4, 14, "PER")], [(6, 16, "ORG")]]
    out = propagate(texts, found)
    assert out[1][0] == (6, 16, "ORG")  # kept as predicted, not relabelled
    assert (18, 24, "PER") not in out[1]  # «كي مون» ≠ «بان كي مون»
    assert all(b <= c for (_, b, _), (c, _, _) in pairwise(out[1]))


def test_longer_names_are_placed_first():
    texts = ["وصل فان نيستلروي", "سجل فان نيستلروي هدفا و نيستلروي"]
    out = propagate(texts, [[(4, 16, "PER")], []], window=None)
    assert out[1][0] == (4, 16, "PER")


def test_the_majority_label_wins():
    texts = ["نيسان", "نيسان", "نيسان", "شركة نيسان"]
    found = [[(0, 5, "ORG")], [(0, 5, "ORG")], [(0, 5, "MISC")], []]
    assert propagate(texts, found)[3] == [(5, 10, "ORG")]


def test_short_names_are_not_propagated():
    texts = ["زار مصر", "قال إن مصر"]
    assert propagate(texts, [[(4, 7, "LOC")], []], min_chars=4)[1] == []
    assert propagate(texts, [[(4, 7, "LOC")], []])[1] == [(7, 10, "LOC")]


def test_a_window_limits_which_sentences_share_names():
    texts = ["قال ستولمان", "جملة", "جملة", "وأكد ستولمان"]
    found = [[(4, 11, "PER")], [], [], []]
    assert propagate(texts, found, window=2)[3] == []
    assert propagate(texts, found, window=3)[3] == [(5, 12, "PER")]
    assert propagate(texts, found)[3] == [(5, 12, "PER")]


def test_texts_and_spans_must_pair_up():
    with pytest.raises(ValueError):
        propagate(["a"], [])


def test_the_doc_component_adds_entities_on_token_boundaries():
    nlp = spacy.blank("ar")
    doc = Doc(nlp.vocab, words=["قال", "ستولمان", "ثم", "و", "ستولمان", "رد"])
    doc.ents = [Span(doc, 1, 2, label="PER")]
    text = doc.text
    doc = propagate_doc(doc)
    assert doc.text == text
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [(1, 2, "PER"), (4, 5, "PER")]


def test_the_doc_component_skips_a_mention_inside_a_token():
    nlp = spacy.blank("ar")
    doc = Doc(nlp.vocab, words=["قال", "ستولمان", "ثم", "وستولمان"])
    doc.ents = [Span(doc, 1, 2, label="PER")]
    assert [e.text for e in propagate_doc(doc).ents] == ["ستولمان"]


def test_many_names_in_one_long_article_each_mention_once():
    names = [f"اسم{i:04d}" for i in range(2000)]
    text = " ".join(f"قال {n} ثم و{n}" for n in names)
    found = []
    pos = 0
    for n in names:
        a = text.index(n, pos)
        found.append((a, a + len(n), "PER"))
        pos = a + 2 * len(n) + 6
    out = propagate([text], [found])[0]
    assert len(out) == 2 * len(names)
    assert all(text[a:b] in names for a, b, _ in out)
    assert all(b <= c for (_, b, _), (c, _, _) in pairwise(out))

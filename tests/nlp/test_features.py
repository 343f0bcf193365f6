"""The NER model's Arabic feature embedding and its name-list matching."""

from __future__ import annotations

import numpy
import pytest
import spacy

from workbench.nlp.features import (
    FEATURES,
    ArabicFeatureEmbed,
    Lexicon,
    lexicon_tags,
    token_features,
)


def test_token_features_strip_the_article_for_stem_prefixes():
    norm, pre2, pre3, suf1, suf2, suf3, shape = token_features("الرياض", "xxxx")
    assert norm == "الرياض"
    assert (pre2, pre3) == ("ري", "ريا")
    assert (suf1, suf2, suf3) == ("ض", "اض", "ياض")
    assert shape == "xxxx"
    # short words keep their letters
    assert token_features("ال", "xx")[1] == "ال"


LEX = Lexicon({"كوريا الشماليه": "LOC", "ايهود": "FIRST", "ايهود اولمرت": "PER", "كورسك": "LOC"})


def test_lexicon_tags_take_the_longest_match():
    assert lexicon_tags(["في", "كوريا", "الشماليه", "و", "كورسك"], LEX) == [
        "O",
        "B-LOC",
        "I-LOC",
        "O",
        "B-LOC",
    ]
    assert lexicon_tags(["ايهود", "اولمرت", "ايهود", "باراك"], LEX) == [
        "B-PER",
        "I-PER",
        "B-FIRST",
        "O",
    ]


def test_lexicon_tags_mark_a_match_found_under_a_proclitic():
    assert lexicon_tags(["وايهود", "اولمرت"], LEX) == ["c:B-PER", "I-PER"]
    # three letters or fewer are never split («وكر» is not و + كر)
    assert lexicon_tags(["بكر"], Lexicon({"كر": "LOC"})) == ["O"]


def test_word_classes_tag_tokens_no_phrase_covers():
    lex = Lexicon({"طلعت": "w:GIVEN", "زكريا": "w:FAM", "كورسك": "LOC"})
    assert lexicon_tags(["الفنان", "طلعت", "زكريا", "في", "كورسك"], lex) == [
        "O",
        "w:GIVEN",
        "w:FAM",
        "O",
        "B-LOC",
    ]
    assert lexicon_tags(["وطلعت"], lex) == ["c:w:GIVEN"]
    # a phrase match wins over a word class
    both = Lexicon({"طلعت": "w:GIVEN", "طلعت حرب": "ORG"})
    assert lexicon_tags(["طلعت", "حرب"], both) == ["B-ORG", "I-ORG"]


def test_lexicon_tags_on_empty_input():
    assert lexicon_tags([], LEX) == []
    assert lexicon_tags(["x"], Lexicon()) == ["O"]


def test_lexicon_reads_tsv(tmp_path):
    path = tmp_path / "lex.tsv"
    path.write_text("كوريا الشماليه\tLOC\nبلا نوع\n\nايهود\tFIRST\n", encoding="utf-8")
    lex = Lexicon.from_tsv(path)
    assert len(lex) == 2
    assert lex.lookup(["كوريا", "الشماليه"]) == "LOC"
    assert lex.lookup(["بلا", "نوع"]) is None


def _docs(nlp, texts):
    docs = [nlp.make_doc(t) for t in texts]
    for doc in docs:
        for tok in doc:
            tok.norm_ = tok.text
    return docs


def test_embedding_outputs_one_row_per_token_and_keeps_the_lexicon(tmp_path):
    nlp = spacy.blank("ar")
    path = tmp_path / "lex.tsv"
    path.write_text("كورسك\tLOC\n", encoding="utf-8")
    n = len(FEATURES)
    model = ArabicFeatureEmbed(
        width=8, rows=[50] * n, dims=[4] * n, include_static_vectors=False, lexicon=str(path)
    )
    docs = _docs(nlp, ["ضربة في كورسك", "مارينو"])
    model.initialize(X=docs)
    out = model.predict(docs)
    assert [o.shape for o in out] == [(3, 8), (1, 8)]
    # the name list travels inside the saved weights, without the file
    data = model.to_bytes()
    path.unlink()
    fresh = ArabicFeatureEmbed(
        width=8, rows=[50] * n, dims=[4] * n, include_static_vectors=False, lexicon=str(path)
    )
    fresh.from_bytes(data)
    numpy.testing.assert_allclose(fresh.predict(docs)[0], out[0], rtol=1e-5)
    extractor = next(node for node in fresh.walk() if node.name == "workbench_ar_features")
    assert extractor.attrs["lexicon"] == {"كورسك": "LOC"}


def test_embedding_rejects_wrong_table_counts():
    with pytest.raises(ValueError, match="entries"):
        ArabicFeatureEmbed(width=8, rows=[10], dims=[4], include_static_vectors=False)


def test_train_lexicon_hides_a_sentences_own_fold_while_training(tmp_path):
    from spacy.strings import hash_string

    nlp = spacy.blank("ar")
    text = "وصل ايهود اولمرت"
    fold = hash_string(text) % 5
    path = tmp_path / "train_lex.tsv"
    # «ايهود اولمرت» occurs only in this sentence's fold; «كورسك» in another fold too
    path.write_text(
        f"ايهود اولمرت\tPER:hi\t{1 << fold}\nكورسك\tLOC:hi\t{(1 << fold) | (1 << ((fold + 1) % 5))}\n",
        encoding="utf-8",
    )
    n = len(FEATURES) + 1
    model = ArabicFeatureEmbed(
        width=8, rows=[50] * n, dims=[4] * n, include_static_vectors=False, train_lexicon=str(path)
    )
    docs = _docs(nlp, [text, "كورسك"])
    model.initialize(X=docs)
    extractor = next(node for node in model.walk() if node.name == "workbench_ar_features")
    at_run, _ = extractor(docs, is_train=False)
    in_training, _ = extractor(docs, is_train=True)
    tag = lambda t: hash_string(f"tlex={t}")  # noqa: E731
    assert list(at_run[0][:, -1]) == [tag("O"), tag("B-PER:hi"), tag("I-PER:hi")]
    assert list(in_training[0][:, -1]) == [tag("O")] * 3
    # an entity also seen in another fold stays visible
    assert list(in_training[1][:, -1]) == [tag("B-LOC:hi")]


def test_rows_must_cover_the_train_lexicon_column(tmp_path):
    n = len(FEATURES)
    with pytest.raises(ValueError, match="tlex"):
        ArabicFeatureEmbed(
            width=8,
            rows=[50] * n,
            dims=[4] * n,
            include_static_vectors=False,
            train_lexicon=str(tmp_path / "x.tsv"),
        )


@pytest.mark.parametrize("rate", [0.0, 0.5, 1.0])
def test_word_dropout_hides_the_norm_feature_only_while_training(rate):
    from spacy.strings import hash_string

    nlp = spacy.blank("ar")
    n = len(FEATURES)
    model = ArabicFeatureEmbed(
        width=8, rows=[50] * n, dims=[4] * n, include_static_vectors=False, word_dropout=rate
    )
    docs = _docs(nlp, ["وصل الوفد الى كورسك امس " * 40])
    model.initialize(X=docs)
    extractor = next(node for node in model.walk() if node.name == "workbench_ar_features")
    at_run, _ = extractor(docs, is_train=False)
    in_training, _ = extractor(docs, is_train=True)
    unk = hash_string("norm=<unk>")
    assert unk not in set(at_run[0][:, 0].tolist())
    hidden = (in_training[0][:, 0] == unk).mean()
    if rate == 0.0:
        assert hidden == 0.0
    elif rate == 1.0:
        assert hidden == 1.0
    else:
        assert 0.3 < hidden < 0.7  # 200 tokens: far outside this happens with p < 1e-8
    # the other features are never dropped
    assert (in_training[0][:, 1:] == at_run[0][:, 1:]).all()


def test_frequent_words_can_keep_their_identity_under_word_dropout():
    from spacy.strings import hash_string

    from workbench.nlp.lexicon import word_counts

    assert word_counts().get("في", 0) >= 500  # the shipped Wikipedia counts
    nlp = spacy.blank("ar")
    n = len(FEATURES)
    model = ArabicFeatureEmbed(
        width=8,
        rows=[50] * n,
        dims=[4] * n,
        include_static_vectors=False,
        word_dropout=1.0,
        frequent_word_dropout=0.0,
    )
    docs = _docs(nlp, ["وصل ستولمان في الصباح"])
    model.initialize(X=docs)
    extractor = next(node for node in model.walk() if node.name == "workbench_ar_features")
    in_training, _ = extractor(docs, is_train=True)
    unk = hash_string("norm=<unk>")
    hidden = {tok.text: bool(row == unk) for tok, row in zip(docs[0], in_training[0][:, 0], strict=True)}
    assert hidden["ستولمان"] and not hidden["في"]

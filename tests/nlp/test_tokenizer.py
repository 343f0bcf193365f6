import spacy

from workbench.nlp.tokenizer import ArabicTokenizer, _base_tokenizer


def make(known=("كوريا",), document_cue=True) -> spacy.language.Language:
    nlp = spacy.blank("ar")
    nlp.tokenizer = ArabicTokenizer(nlp.vocab, _base_tokenizer(nlp), known, document_cue=document_cue)
    return nlp


def test_splits_conjunction_before_known_name_and_keeps_offsets() -> None:
    text = "وكانت الولايات المتحدة وكوريا الجنوبية قد أكدت"
    doc = make()(text)
    words = [t.text for t in doc]
    assert "كوريا" in words and "و" in words and "وكوريا" not in words
    assert doc.text == text
    tok = next(t for t in doc if t.text == "كوريا")
    assert text[tok.idx : tok.idx + len(tok)] == "كوريا"


def test_document_cue_splits_name_seen_on_its_own() -> None:
    text = "قال زيلينسكي إن الهجوم فشل. وزيلينسكي يزور لندن."
    words = [t.text for t in make(known=())(text)]
    assert words.count("زيلينسكي") == 2
    words = [t.text for t in make(known=(), document_cue=False)(text)]
    assert "وزيلينسكي" in words


def test_arabic_punctuation_without_spaces() -> None:
    words = [t.text for t in make()("ألف،كيم «روسيا» ‹كورسك›")]
    assert words == ["ألف", "،", "كيم", "«", "روسيا", "»", "‹", "كورسك", "›"]


def test_text_roundtrip_on_seed(seed_text: str) -> None:
    doc = make()(seed_text)
    assert doc.text == seed_text


def test_name_written_in_two_words_is_not_split() -> None:
    words = [t.text for t in make(known=("يونغ", "بيونغيانغ"))("أرسلت بيونغ يانغ جنودا")]
    assert words[:3] == ["أرسلت", "بيونغ", "يانغ"]

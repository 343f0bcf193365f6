"""load_pipeline: components, model loading errors, the merger's adjective veto."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from workbench.errors import PipelineError
from workbench.nlp import load_pipeline
from workbench.nlp.merger import is_adjective_token_span


class TinyGazetteer:
    """Stands in for the place-name source only (the ruler needs names, nothing else)."""

    def arabic_names(self):
        yield "كورسك", "city"
        yield "روسيا", "country"


def test_rule_pipeline_components_and_labels() -> None:
    nlp = load_pipeline("ar", gazetteer=TinyGazetteer(), model="none")
    assert nlp.pipe_names == ["ar_normalizer", "trigger_rules", "gazetteer_ruler", "entity_merger"]
    doc = nlp("وقال الرئيس الروسي فلاديمير بوتين إن القوات في كورسك وروسيا.")
    assert {(e.text, e.label_) for e in doc.ents} == {
        ("فلاديمير بوتين", "PER"),
        ("كورسك", "LOC"),
        ("روسيا", "LOC"),
    }


def test_unsupported_language_and_missing_model() -> None:
    with pytest.raises(PipelineError, match="not supported"):
        load_pipeline("en", gazetteer=TinyGazetteer())
    with pytest.raises(PipelineError, match="unknown rules='places'"):
        load_pipeline("ar", gazetteer=TinyGazetteer(), rules="places")  # type: ignore[arg-type]
    with pytest.raises(PipelineError, match=r"meta\.json"):
        load_pipeline("ar", gazetteer=TinyGazetteer(), model="/nonexistent/model")


@pytest.mark.parametrize(
    ("word", "veto"),
    [
        ("بريطانيًا", True),
        ("كوري", True),
        ("روس", True),
        ("الروسية", True),
        ("الأوروبيون", True),
        ("كورسك", False),
        ("روسيا", False),
        # names that only end like a nisba adjective stay names (docs/ner.md, session 3)
        ("الرازي", False),
        ("الأهلي", False),
        ("دبي", False),
        ("هنري", False),
        ("العربي", False),
    ],
)
def test_adjective_veto(word: str, veto: bool) -> None:
    nlp = load_pipeline("ar", gazetteer=TinyGazetteer(), model="none", rules=False)
    doc = nlp(f"جندي {word} هنا")
    tok = next(t for t in doc if t.text == word)
    assert is_adjective_token_span(Span(doc, tok.i, tok.i + 1, label="LOC")) is veto


def test_blank_spacy_is_not_enough() -> None:
    # the reason for the custom tokenizer: spaCy keeps the proclitic attached
    assert "وكوريا" in [t.text for t in spacy.blank("ar")("وكوريا الجنوبية")]
    nlp = load_pipeline("ar", gazetteer=TinyGazetteer(), model="none")
    words = [t.text for t in nlp("كوريا الشمالية وكوريا الجنوبية")]
    assert words.count("كوريا") == 2 and "وكوريا" not in words


def test_merger_makes_a_two_word_gazetteer_place_tagged_as_person_a_place() -> None:
    from workbench.nlp.merger import _widen
    from workbench.nlp.spans import EntitySpan

    pyongyang = EntitySpan(3, 5, "PER", 40, "model")
    place = EntitySpan(3, 5, "LOC", 10, "gazetteer")
    assert _widen(pyongyang, [place]).label == "LOC"
    assert _widen(pyongyang, [place]).priority == 40
    # one-word names (صوفيا، جاكسون) and spans that only contain the place stay persons
    sofia = EntitySpan(3, 4, "PER", 40, "model")
    assert _widen(sofia, [EntitySpan(3, 4, "LOC", 10, "gazetteer")]).label == "PER"
    george_washington = EntitySpan(2, 4, "PER", 40, "model")
    assert _widen(george_washington, [EntitySpan(3, 4, "LOC", 10, "gazetteer")]).label == "PER"
    # a place from another rule does not relabel
    assert _widen(pyongyang, [EntitySpan(3, 5, "LOC", 10, "place-trigger")]).label == "PER"


def test_the_veto_reads_two_word_nationalities_whole() -> None:
    nlp = load_pipeline("ar", gazetteer=TinyGazetteer(), model="none", rules=False)
    doc = nlp("جندي كوري شمالي في الدوري الإسباني")
    assert is_adjective_token_span(Span(doc, 1, 3, label="LOC"))
    league = next(t.i for t in doc if t.text == "الدوري")
    assert not is_adjective_token_span(Span(doc, league, league + 2, label="MISC"))


def test_rule_modes_choose_the_rule_sources_next_to_a_model(monkeypatch) -> None:
    from workbench.nlp import merger, pipeline

    class FakeModel:
        pass

    built = {}

    def fake_load(path):
        nlp = pipeline._blank_pipeline()
        built["nlp"] = nlp
        return nlp

    monkeypatch.setattr(pipeline, "_load_model", fake_load)
    monkeypatch.setattr(pipeline, "_model_path", lambda model: FakeModel())
    expected = {
        "standard": merger.STANDARD_RULE_SOURCES,
        "precise": merger.PRECISE_RULE_SOURCES,
        "all": None,
        True: None,
    }
    for mode, sources in expected.items():
        nlp = load_pipeline("ar", gazetteer=TinyGazetteer(), rules=mode)
        assert nlp.get_pipe("entity_merger").rule_sources == sources, mode
    default = load_pipeline("ar", gazetteer=TinyGazetteer())
    assert default.get_pipe("entity_merger").rule_sources == merger.STANDARD_RULE_SOURCES
    assert "gazetteer" in merger.STANDARD_RULE_SOURCES  # the map needs the places
    assert "title" not in merger.STANDARD_RULE_SOURCES
    assert merger.PRECISE_RULE_SOURCES < merger.STANDARD_RULE_SOURCES

"""evaluate_ner end to end with a rule-based stand-in for the model (no trained weights)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
import spacy

from workbench.nlp.training.cli import add_eval_ner_arguments, run_eval_ner
from workbench.nlp.training.evaluate import DEFAULT_MODEL_DIR, evaluate_ner, format_report
from workbench.nlp.training.train import assemble, parse_training_log

GOLD = """زار O
وكوريا B-LOC
الجنوبية I-LOC
جورج B-PERS
بوش I-PERS
. O

وقال O
مسؤول O
في O
الأمم B-ORG
المتحدة I-ORG
. O
"""


@pytest.fixture()
def gold_file(tmp_path: Path) -> Path:
    p = tmp_path / "gold.txt"
    p.write_text(GOLD, encoding="utf-8")
    return p


@pytest.fixture()
def ruler_nlp():
    """Workbench tokenizer + an entity ruler: «كوريا الجنوبية» (after the split-off «و»),
    «جورج» alone (a partial PER) and «الأمم المتحدة» as LOC (wrong label)."""
    from workbench.nlp.training.convert import make_blank_nlp

    nlp = make_blank_nlp()
    nlp.tokenizer.add_known(["كوريا"])  # as the gazetteer makes it known in the workbench
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "LOC", "pattern": [{"TEXT": "كوريا"}, {"TEXT": "الجنوبية"}]},
            {"label": "PER", "pattern": [{"TEXT": "جورج"}]},
            {"label": "LOC", "pattern": [{"TEXT": "الأمم"}, {"TEXT": "المتحدة"}]},
        ]
    )
    return nlp


def test_evaluate_ner_scores_at_the_gold_token_level(gold_file, ruler_nlp):
    doc = ruler_nlp("زار وكوريا الجنوبية")
    assert [t.text for t in doc][:3] == ["زار", "و", "كوريا"]  # the proclitic is split off
    res = evaluate_ner(gold_file, nlp=ruler_nlp)
    assert res["per_label"]["LOC"]["tp"] == 1  # «كوريا الجنوبية» counts for «وكوريا الجنوبية»
    assert res["per_label"]["LOC"]["fp"] == 1  # the UN as LOC
    assert res["per_label"]["PER"]["fn"] == 1 and res["per_label"]["PER"]["fp"] == 1
    assert res["per_label"]["ORG"]["fn"] == 1
    assert res["micro"]["tp"] == 1 and res["micro"]["support"] == 3
    assert res["words"] == 12 and res["sentences"] == 2
    text = format_report(res)
    assert "micro" in text and "words/s" in text


def test_cli_prints_a_report_and_rejects_a_missing_file(gold_file, tmp_path, capsys, monkeypatch):
    parser = argparse.ArgumentParser()
    add_eval_ner_arguments(parser)
    args = parser.parse_args(["--data", str(tmp_path / "missing.txt")])
    assert run_eval_ner(args) == 2
    args = parser.parse_args(["--data", str(gold_file), "--model", str(tmp_path / "nomodel")])
    assert run_eval_ner(args) == 2
    assert "make train-ner" in capsys.readouterr().err
    args = parser.parse_args(["--data", str(gold_file), "--context", "-1"])
    assert run_eval_ner(args) == 2
    assert "--context" in capsys.readouterr().err


CONTEXT_GOLD = """قال O
ستولمان B-PERS
. O

جملة O
. O

رد O
ستولمان B-PERS
. O
"""


def test_context_lets_a_sentence_take_up_a_name_found_nearby(tmp_path):
    from spacy.language import Language
    from spacy.tokens import Span

    from workbench.nlp.training.convert import make_blank_nlp

    @Language.component("test_tag_after_qala")
    def tag_after_qala(doc):  # a "model" that finds the name only after «قال»
        doc.ents = [Span(doc, i, i + 1, "PER") for i in range(1, len(doc)) if doc[i - 1].text == "قال"]
        return doc

    path = tmp_path / "context.txt"
    path.write_text(CONTEXT_GOLD, encoding="utf-8")
    nlp = make_blank_nlp()
    nlp.add_pipe("test_tag_after_qala")
    alone = evaluate_ner(path, nlp=nlp)
    shared = evaluate_ner(path, nlp=nlp, context=2)
    too_far = evaluate_ner(path, nlp=nlp, context=1)
    assert alone["micro"]["tp"] == 1 and alone["context"] == 0
    assert shared["micro"]["tp"] == 2 and shared["micro"]["fp"] == 0 and shared["context"] == 2
    assert too_far["micro"]["tp"] == 1
    assert "±2 sentences" in format_report(shared) and "±" not in format_report(alone)


def test_unknown_format_is_an_error(gold_file, ruler_nlp):
    with pytest.raises(ValueError, match="unknown format"):
        evaluate_ner(gold_file, fmt="iob", nlp=ruler_nlp)


def test_training_log_rows_are_parsed():
    log = """E    #       LOSS TOK2VEC  LOSS NER  ENTS_F  ENTS_P  ENTS_R  SCORE
---  ------  ------------  --------  ------  ------  ------  ------
  0       0          0.00     51.56    0.00    0.00    0.00    0.00
  4    2100        932.63   4010.95   60.09   71.90   51.61    0.60
"""
    rows = parse_training_log(log)
    assert [(r["epoch"], r["step"], r["ents_f"]) for r in rows] == [(0, 0, 0.0), (4, 2100, 60.09)]


def test_assemble_repeats_weighted_sets(tmp_path: Path):
    (tmp_path / "a.spacy").write_bytes(b"x")
    (tmp_path / "b.spacy").write_bytes(b"y")
    out = assemble(tmp_path, ["a", "b*2"], tmp_path / "train")
    assert sorted(p.name for p in out.iterdir()) == ["a.0.spacy", "b.0.spacy", "b.1.spacy"]
    with pytest.raises(FileNotFoundError):
        assemble(tmp_path, ["c"], tmp_path / "train2")


def test_blank_spacy_is_available():
    assert spacy.blank("ar").lang == "ar"


@pytest.mark.skipif(not (DEFAULT_MODEL_DIR / "config.cfg").exists(), reason="no shipped NER model")
def test_silver_lexicon_adds_names_the_model_finds_and_keeps_curated_ones(tmp_path):
    from workbench.nlp.training.lexicon import build_silver_lexicon

    text = tmp_path / "wiki.txt"
    text.write_text(
        "قال الرئيس الروسي فلاديمير بوتين في موسكو\n" * 2 + "قال فلاديمير بوتين امس\n",
        encoding="utf-8",
    )
    base = tmp_path / "base.tsv"
    base.write_text("موسكو\tLOC\n", encoding="utf-8")
    out = tmp_path / "out.tsv"
    added = build_silver_lexicon(DEFAULT_MODEL_DIR, text, out, base, n_process=1)
    rows = dict(line.split("\t") for line in out.read_text(encoding="utf-8").splitlines())
    assert rows["موسكو"] == "LOC"  # curated entries win
    assert rows["فلاديمير بوتين"] == "SPER"
    assert added.get("SPER", 0) >= 1

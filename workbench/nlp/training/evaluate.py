"""Evaluate an Arabic NER pipeline on a CoNLL file: entity-level P/R/F1 and speed.

How predictions are scored (also in the model card): each gold sentence's tokens
are joined with single spaces and given to the pipeline, which tokenizes them its
own way (the workbench tokenizer splits proclitics, so «وكوريا» becomes «و»
«كوريا» and the entity is «كوريا»). Every predicted entity is then projected back
onto the *gold* whitespace tokens: a gold token takes the entity's label when the
two share a character (:func:`~workbench.nlp.training.scoring.project_spans`). The
resulting IOB2 sequence is scored against the gold tags with CoNLL exact-match
chunk scoring (:func:`~workbench.nlp.training.scoring.score_chunks`).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language

from workbench.nlp.training.corpora import Sentence, read_anercorp_original, read_conll
from workbench.nlp.training.scoring import project_spans, score_chunks, token_offsets

__all__ = [
    "DEFAULT_MODEL_DIR",
    "evaluate_ner",
    "evaluate_sentences",
    "format_report",
    "load_ner",
    "predict_tags",
]

#: Where the shipped model lives (package data).
DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "ner_ar"

FORMATS = ("conll", "anercorp")


def load_ner(path: Path | str | None = None, coordination: bool = True) -> Language:
    """Load the NER model folder with the normalizer in front of ``ner`` and, unless
    ``coordination`` is false, the «و» coordination splitter after it.

    Parameters
    ----------
    path
        A ``nlp.to_disk`` folder; defaults to the shipped ``workbench/models/ner_ar``.

    Raises
    ------
    FileNotFoundError
        If the folder holds no model.
    """
    import spacy

    import workbench.nlp.coordination
    import workbench.nlp.normalizer
    import workbench.nlp.tokenizer  # noqa: F401  (registers workbench.ArabicTokenizer.v1)

    path = Path(path) if path is not None else DEFAULT_MODEL_DIR
    if not (path / "config.cfg").exists():
        raise FileNotFoundError(
            f"no spaCy model in {path}; train one with `make train-ner` or pass another folder"
        )
    nlp = spacy.load(path)
    if "workbench_ar_normalizer" not in nlp.pipe_names:
        nlp.add_pipe("workbench_ar_normalizer", first=True)
    if coordination and "workbench_ar_coordination" not in nlp.pipe_names:
        nlp.add_pipe("workbench_ar_coordination", after="ner")
    return nlp


def read_data(data_path: Path | str, fmt: str = "conll") -> list[Sentence]:
    """Read gold sentences in ``fmt`` (``conll``: token tag lines, blank line between
    sentences; ``anercorp``: the original ANERcorp stream, split after ``.``)."""
    if fmt == "conll":
        return read_conll(data_path)
    if fmt == "anercorp":
        return read_anercorp_original(data_path)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def predict_tags(
    nlp: Language, sentences: Sequence[Sentence], batch_size: int = 256
) -> tuple[list[list[str]], float]:
    """Predicted IOB2 tags on the gold tokens of each sentence, and the seconds spent."""
    texts = [s.text for s in sentences]
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    elapsed = time.perf_counter() - t0
    out = []
    for sent, doc in zip(sentences, docs, strict=True):
        spans = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        out.append(project_spans(token_offsets(sent.tokens), spans))
    return out, elapsed


def evaluate_sentences(nlp: Language, sentences: Sequence[Sentence]) -> dict[str, Any]:
    """Score ``nlp`` on gold sentences; see :func:`evaluate_ner` for the result."""
    pred, elapsed = predict_tags(nlp, sentences)
    scores = score_chunks([s.tags for s in sentences], pred)
    n_words = sum(len(s.tokens) for s in sentences)
    result: dict[str, Any] = scores.as_dict()
    result.update(
        sentences=len(sentences),
        words=n_words,
        seconds=round(elapsed, 3),
        words_per_second=round(n_words / elapsed) if elapsed > 0 else 0,
    )
    return result


def evaluate_ner(
    data_path: Path | str, fmt: str = "conll", nlp: Language | None = None
) -> dict[str, Any]:
    """Entity-level precision, recall and F1 (micro and per label) and speed.

    Parameters
    ----------
    data_path
        Gold file.
    fmt
        ``"conll"`` (``token tag`` per line, blank line between sentences; PERS→PER
        and MIS*→MISC are mapped) or ``"anercorp"`` (original ANERcorp stream).
    nlp
        Pipeline to evaluate; defaults to the shipped model (:func:`load_ner`).

    Returns
    -------
    dict
        ``micro`` and ``per_label`` (each with ``precision``, ``recall``, ``f1`` in
        percent, ``tp``, ``fp``, ``fn``, ``support``), ``sentences``, ``words``,
        ``seconds`` and ``words_per_second`` (whole pipeline, one process).
    """
    sentences = read_data(data_path, fmt)
    if nlp is None:
        nlp = load_ner()
    result = evaluate_sentences(nlp, sentences)
    result["data"] = str(data_path)
    return result


def format_report(result: dict[str, Any], title: str | None = None) -> str:
    """A fixed-width table of an :func:`evaluate_ner` result."""
    lines = []
    if title or result.get("data"):
        lines.append(title or f"NER evaluation on {result['data']}")
    lines.append(f"{'label':<8}{'P':>8}{'R':>8}{'F1':>8}{'support':>9}")
    rows = [*sorted(result["per_label"].items()), ("micro", result["micro"])]
    for label, s in rows:
        if label == "micro":
            lines.append("-" * 41)
        lines.append(
            f"{label:<8}{s['precision']:>8.2f}{s['recall']:>8.2f}{s['f1']:>8.2f}{s['support']:>9}"
        )
    lines.append(
        f"{result['sentences']} sentences, {result['words']} words, "
        f"{result['words_per_second']:,} words/s"
    )
    return "\n".join(lines)

"""Evaluate an Arabic NER pipeline on a CoNLL file: entity-level P/R/F1 and speed.

How predictions are scored (also in the model card): each gold sentence's tokens
are joined with single spaces and given to the pipeline, which tokenizes them its
own way (the workbench tokenizer splits proclitics, so «وكوريا» becomes «و»
«كوريا» and the entity is «كوريا»). Every predicted entity is then projected back
onto the *gold* whitespace tokens: a gold token takes the entity's label when the
two share a character (:func:`~workbench.nlp.training.scoring.project_spans`). The
resulting IOB2 sequence is scored against the gold tags with CoNLL exact-match
chunk scoring (:func:`~workbench.nlp.training.scoring.score_chunks`).

With ``context=N`` each sentence also sees the names found in the N sentences before
and after it (:func:`~workbench.nlp.consistency.propagate`: a name missed in one
sentence but found nearby gets the nearby label), as the workbench does within an
article. ANERcorp has no article boundaries, so a sliding window stands in for the
article. ``context=0`` (the default) scores each sentence alone, as published
figures do.
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
    nlp: Language, sentences: Sequence[Sentence], batch_size: int = 256, context: int = 0
) -> tuple[list[list[str]], float]:
    """Predicted IOB2 tags on the gold tokens of each sentence, and the seconds spent
    (``context``: see the module docstring)."""
    from workbench.nlp.consistency import propagate

    texts = [s.text for s in sentences]
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    spans = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in docs]
    if context > 0:
        spans = propagate(texts, spans, window=context)
    elapsed = time.perf_counter() - t0
    out = [
        project_spans(token_offsets(sent.tokens), found)
        for sent, found in zip(sentences, spans, strict=True)
    ]
    return out, elapsed


def evaluate_sentences(
    nlp: Language, sentences: Sequence[Sentence], context: int = 0
) -> dict[str, Any]:
    """Score ``nlp`` on gold sentences; see :func:`evaluate_ner` for the result."""
    pred, elapsed = predict_tags(nlp, sentences, context=context)
    scores = score_chunks([s.tags for s in sentences], pred)
    n_words = sum(len(s.tokens) for s in sentences)
    result: dict[str, Any] = scores.as_dict()
    result.update(
        sentences=len(sentences),
        words=n_words,
        seconds=round(elapsed, 3),
        words_per_second=round(n_words / elapsed) if elapsed > 0 else 0,
        context=context,
    )
    return result


def evaluate_ner(
    data_path: Path | str, fmt: str = "conll", nlp: Language | None = None, context: int = 0
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
    context
        Sentences before and after each sentence whose names it may take up
        (0: each sentence alone; see the module docstring).

    Returns
    -------
    dict
        ``micro`` and ``per_label`` (each with ``precision``, ``recall``, ``f1`` in
        percent, ``tp``, ``fp``, ``fn``, ``support``), ``sentences``, ``words``,
        ``seconds``, ``words_per_second`` (whole pipeline, one process) and ``context``.
    """
    sentences = read_data(data_path, fmt)
    if nlp is None:
        nlp = load_ner()
    result = evaluate_sentences(nlp, sentences, context=context)
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
    context = result.get("context", 0)
    lines.append(
        f"{result['sentences']} sentences, {result['words']} words, "
        f"{result['words_per_second']:,} words/s"
        + (f", names shared across ±{context} sentences" if context else "")
    )
    return "\n".join(lines)

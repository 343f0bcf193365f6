"""Turn the corpora into spaCy training data (DocBins) tokenized like the workbench.

The workbench tokenizer (:class:`workbench.nlp.tokenizer.ArabicTokenizer`) splits
proclitics off known words, so at run time the model sees «و» «كوريا» where
ANERcorp has the whole-word token «وكوريا» tagged ``B-LOC``. Training data is made
the same way: each sentence's text is re-tokenized with the workbench tokenizer and
every gold entity is moved onto the new tokens by character offsets, *without* a
proclitic that the tokenizer split off. The model therefore learns the entity
boundaries a user should see («كوريا»), and the evaluation maps them back to the
whole gold tokens (:func:`workbench.nlp.training.scoring.project_spans`).

Command line (used by ``make train-ner``)::

    python -m workbench.nlp.training.convert --out training/corpus
"""

from __future__ import annotations

import argparse
import json
import logging
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from workbench.articles.normalize import normalize_key
from workbench.nlp.proclitics import PROCLITIC_PREFIXES
from workbench.nlp.training.corpora import (
    ANERCORP_TRAIN_END,
    CorpusPaths,
    Sentence,
    read_anercorp_original,
    read_aqmar,
    read_conll,
    read_newsfane,
)
from workbench.nlp.training.dedup import HeldOutIndex, remove_overlapping
from workbench.nlp.training.scoring import chunks, token_offsets

__all__ = [
    "DEV_FRACTION",
    "entity_char_spans",
    "make_blank_nlp",
    "rejoin_clitics",
    "sentence_to_doc",
    "split_corpora",
    "write_conll",
]

log = logging.getLogger(__name__)

#: Share of the ANERcorp training sentences (the last ones) kept as the dev split.
DEV_FRACTION = 0.10

_PROCLITICS = frozenset(PROCLITIC_PREFIXES)
_ARABIC = re.compile(r"[\u0600-\u06FF]")
# Clitics NewsFANE writes as tokens of their own: joined back so that the text looks
# like raw news text, as the workbench tokenizer will see it.
_NF_PROCLITICS = frozenset({"و", "ف", "ب", "ل", "ك", "س", "لل", "ال"})
_NF_ENCLITICS = frozenset({"ه", "ها", "هم", "هما", "هن", "كم", "كما", "كن", "نا", "ني", "ي"})


def make_blank_nlp() -> Language:
    """Blank Arabic pipeline with the workbench tokenizer and normalizer."""
    import workbench.nlp.normalizer
    import workbench.nlp.tokenizer  # noqa: F401  (registers the tokenizer)

    nlp = spacy.blank(
        "ar", config={"nlp": {"tokenizer": {"@tokenizers": "workbench.ArabicTokenizer.v1"}}}
    )
    return nlp


def entity_char_spans(sent: Sentence) -> list[tuple[int, int, str]]:
    """Gold entities of ``sent`` as character spans of ``sent.text``."""
    offs = token_offsets(sent.tokens)
    return [(offs[s][0], offs[e - 1][1], lab) for s, e, lab in chunks(sent.tags)]


def _is_proclitic_piece(doc: Doc, i: int) -> bool:
    tok = doc[i]
    return (
        not tok.whitespace_
        and i + 1 < len(doc)
        and normalize_key(tok.text) in _PROCLITICS
        and bool(_ARABIC.match(doc[i + 1].text))
    )


def sentence_to_doc(
    nlp: Language, text: str, spans: Iterable[tuple[int, int, str]]
) -> tuple[Doc, int]:
    """Tokenize ``text`` with ``nlp`` and set the gold entities.

    Spans are expanded to whole tokens, then leading proclitic pieces and leading or
    trailing punctuation are trimmed off. Returns the doc and the number of
    entities that could not be placed (overlapping or empty after trimming).
    """
    doc = nlp.make_doc(text)
    ents = []
    lost = 0
    used: set[int] = set()
    for s, e, label in spans:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            lost += 1
            continue
        start, end = span.start, span.end
        while start < end - 1 and (_is_proclitic_piece(doc, start) or doc[start].is_punct):
            start += 1
        while end - 1 > start and doc[end - 1].is_punct:
            end -= 1
        if any(i in used for i in range(start, end)) or doc[start].is_punct:
            lost += 1
            continue
        used.update(range(start, end))
        ents.append(doc.char_span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), label))
    doc.set_ents([e for e in ents if e is not None], default="outside")
    return doc, lost


def rejoin_clitics(sent: Sentence) -> tuple[str, list[tuple[int, int, str]]]:
    """Undo NewsFANE's clitic segmentation: text and entity character spans.

    «و قال ان ه» → «وقال انه». An entity that began on a token after a joined
    proclitic starts after the proclitic's characters.
    """
    starts: list[int] = []
    ends: list[int] = []
    text = ""
    toks = sent.tokens
    for i, tok in enumerate(toks):
        glue = False
        if i > 0:
            prev = toks[i - 1]
            proclitic_before = prev in _NF_PROCLITICS and _ARABIC.match(tok)
            enclitic = (
                tok in _NF_ENCLITICS and _ARABIC.search(prev) and prev not in _NF_PROCLITICS
            )
            if proclitic_before or enclitic:
                glue = True
        if i > 0 and not glue:
            text += " "
        starts.append(len(text))
        text += tok
        ends.append(len(text))
    spans = [(starts[s], ends[e - 1], lab) for s, e, lab in chunks(sent.tags)]
    return text, spans


def write_conll(sents: Sequence[Sentence], path: Path) -> None:
    """Write ``token tag`` lines with blank lines between sentences."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for sent in sents:
            for tok, tag in zip(sent.tokens, sent.tags, strict=True):
                fh.write(f"{tok} {tag}\n")
            fh.write("\n")


def _docbin(
    nlp: Language, items: Iterable[tuple[str, list[tuple[int, int, str]]]]
) -> tuple[DocBin, int, int]:
    db = DocBin(store_user_data=False)
    n = lost = 0
    for text, spans in items:
        doc, k = sentence_to_doc(nlp, text, spans)
        db.add(doc)
        n += 1
        lost += k
    return db, n, lost


def split_corpora(paths: CorpusPaths | None = None) -> dict[str, Any]:
    """Read every corpus, carve the dev split and drop held-out overlaps.

    Returns
    -------
    dict
        ``train``: name → kept training/dev :class:`Sentence` lists
        (``aner_train``, ``aner_dev``, ``aqmar_train``, ``aqmar_dev``, ``newsfane``,
        ``newsfane_all``); ``tests``: name → test sentences (``camel``, ``repaired``,
        ``aqmar_test``); ``removed`` and ``sizes``: counts for the report.
    """
    paths = paths or CorpusPaths.default()
    aner = read_anercorp_original(paths.anercorp, 0, ANERCORP_TRAIN_END)
    n_dev = round(len(aner) * DEV_FRACTION)
    aner_train, aner_dev = aner[:-n_dev], aner[-n_dev:]
    repaired = read_anercorp_original(paths.anercorp, ANERCORP_TRAIN_END, None, source="repaired")
    camel = read_conll(paths.camel_test, source="camel")
    aq_train = read_aqmar(paths.aqmar("train"))
    aq_dev = read_aqmar(paths.aqmar("dev"))
    aq_test = read_aqmar(paths.aqmar("test"))
    newsfane = read_newsfane(paths.newsfane) if paths.newsfane.exists() else []

    def text_of(s: Sentence) -> str:
        return s.text

    # Held out = every test sentence (and, for training data, the dev sentences too).
    tests = HeldOutIndex.build(s.text for s in (*camel, *repaired, *aq_test))
    held = HeldOutIndex.build(s.text for s in (*camel, *repaired, *aq_test, *aner_dev, *aq_dev))
    aner_dev_kept, aner_dev_rm = remove_overlapping(aner_dev, text_of, tests)
    aq_dev_kept, aq_dev_rm = remove_overlapping(aq_dev, text_of, tests)
    aner_kept, aner_rm = remove_overlapping(aner_train, text_of, held)
    aq_kept, aq_rm = remove_overlapping(aq_train, text_of, held)
    # NewsFANE: all of it that is not held out (mostly ANERcorp train re-annotated, an
    # optional second annotation of the training text) ...
    nf_all, nf_rm_held = remove_overlapping(newsfane, text_of, held)
    # ... and the part that does not repeat ANERcorp train either (new text only).
    nf_new, _ = remove_overlapping(nf_all, text_of, HeldOutIndex.build(s.text for s in aner_train))
    return {
        "train": {
            "aner_train": aner_kept,
            "aner_dev": aner_dev_kept,
            "aqmar_train": aq_kept,
            "aqmar_dev": aq_dev_kept,
            "newsfane": nf_new,
            "newsfane_all": nf_all,
        },
        "tests": {"camel": camel, "repaired": repaired, "aqmar_test": aq_test},
        "removed": {
            "aner_train": len(aner_rm),
            "aner_dev": len(aner_dev_rm),
            "aqmar_train": len(aq_rm),
            "aqmar_dev": len(aq_dev_rm),
            "newsfane_held_out": len(nf_rm_held),
            "newsfane_overlapping_a_test_set": sum(1 for s in newsfane if tests.overlaps(s.text)),
            "newsfane_repeating_aner_train": len(nf_all) - len(nf_new),
        },
        "sizes": {
            "aner_train_total": len(aner_train),
            "aner_dev_total": len(aner_dev),
            "aqmar_train_total": len(aq_train),
            "newsfane_total": len(newsfane),
            "camel_test": len(camel),
            "repaired_test": len(repaired),
            "aqmar_test": len(aq_test),
        },
    }


def build(out: Path, paths: CorpusPaths | None = None) -> dict[str, object]:
    """Write every DocBin and test file under ``out``; return a report (also as JSON)."""
    out.mkdir(parents=True, exist_ok=True)
    nlp = make_blank_nlp()
    split = split_corpora(paths)
    report: dict[str, object] = {}
    for name, sents in split["train"].items():
        if name.startswith("newsfane"):
            items = [rejoin_clitics(s) for s in sents]
        else:
            items = [(s.text, entity_char_spans(s)) for s in sents]
        db, n, lost = _docbin(nlp, items)
        db.to_disk(out / f"{name}.spacy")
        report[name] = {
            "sentences": n,
            "words": sum(len(s.tokens) for s in sents),
            "entities_not_placed": lost,
        }
        log.info("%s: %d sentences, %d entities not placed", name, n, lost)
    report["removed"] = split["removed"]
    report["sizes"] = split["sizes"]
    write_conll(split["tests"]["repaired"], out / "test_repaired.conll")
    write_conll(split["train"]["aner_dev"], out / "dev_aner.conll")
    write_conll(split["train"]["aqmar_dev"], out / "dev_aqmar.conll")
    (out / "report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("training/corpus"))
    parser.add_argument("--shared", type=Path, default=None, help="the shared data/ner folder")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    paths = CorpusPaths(args.shared) if args.shared else CorpusPaths.default()
    if not paths.exists():
        raise SystemExit(f"corpora not found under {paths.root}; set WORKBENCH_SHARED_DIR or --shared")
    print(json.dumps(build(args.out, paths), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

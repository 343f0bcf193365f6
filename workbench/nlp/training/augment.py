"""Mention replacement: copies of training sentences with other names of the same type.

The model misses mostly names it has never seen. Replacing each gold entity by a
random name of the same label (Dai & Adel 2020, "mention replacement") teaches it
the contexts of names rather than the names themselves. Replacements come half from
the other gold mentions of the training sets, half from the name lists of
``workbench.nlp.training.lexicon`` (persons of two or more words, organizations);
places and MISC only from gold mentions. Nothing is drawn from dev or test data.

Run: ``python -m workbench.nlp.training.augment --lexicon training/lexicon.tsv
--out training/corpus/aner_train_aug.spacy training/corpus/aner_train.spacy``.
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict
from pathlib import Path

from spacy.tokens import Doc, DocBin, Span
from spacy.vocab import Vocab

__all__ = ["augment_docs", "mention_pools", "replace_mentions"]

# places keep gold mentions only: the gazetteer's names carry heads («مقاطعة …») that
# ANERcorp leaves out of LOC
_LEXICON_LABEL = {"PER": "PER", "ORG": "ORG"}


def mention_pools(
    docs: list[Doc], lexicon: Path | None, tokenize
) -> tuple[dict[str, list[list[str]]], dict[str, list[list[str]]]]:
    """(gold mentions by label, name-list phrases by label), each a list of word lists."""
    gold: dict[str, list[list[str]]] = defaultdict(list)
    for doc in docs:
        for ent in doc.ents:
            gold[ent.label_].append([t.text for t in ent])
    names: dict[str, list[list[str]]] = defaultdict(list)
    if lexicon is not None and lexicon.exists():
        from workbench.nlp.features import Lexicon

        for phrase, kind in Lexicon.from_tsv(lexicon).entries.items():
            label = _LEXICON_LABEL.get(kind)
            if label is None or (label == "PER" and " " not in phrase):
                continue
            names[label].append([t.text for t in tokenize(phrase)])
    return dict(gold), dict(names)


def replace_mentions(
    doc: Doc,
    gold: dict[str, list[list[str]]],
    names: dict[str, list[list[str]]],
    rng: random.Random,
) -> Doc | None:
    """A copy of ``doc`` with every entity replaced, or ``None`` if it has none."""
    if not doc.ents:
        return None
    words: list[str] = []
    spaces: list[bool] = []
    ents: list[tuple[int, int, str]] = []
    i = 0
    for ent in doc.ents:
        for tok in doc[i : ent.start]:
            words.append(tok.text)
            spaces.append(bool(tok.whitespace_))
        pool = names.get(ent.label_) if rng.random() < 0.5 else None
        pool = pool or gold.get(ent.label_)
        new = rng.choice(pool) if pool else [t.text for t in ent]
        start = len(words)
        words.extend(new)
        spaces.extend([True] * (len(new) - 1) + [bool(ent[-1].whitespace_)])
        ents.append((start, len(words), ent.label_))
        i = ent.end
    for tok in doc[i:]:
        words.append(tok.text)
        spaces.append(bool(tok.whitespace_))
    out = Doc(doc.vocab, words=words, spaces=spaces)
    out.ents = [Span(out, s, e, label=lab) for s, e, lab in ents]
    return out


def augment_docs(docs: list[Doc], lexicon: Path | None, copies: int = 1, seed: int = 42) -> list[Doc]:
    """``copies`` mention-replaced versions of every doc that has entities."""
    from workbench.nlp.training.convert import make_blank_nlp

    tokenizer = make_blank_nlp().tokenizer
    gold, names = mention_pools(docs, lexicon, tokenizer)
    rng = random.Random(seed)
    out = []
    for _ in range(copies):
        for doc in docs:
            new = replace_mentions(doc, gold, names, rng)
            if new is not None:
                out.append(new)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("docbins", nargs="+", type=Path, help="training DocBins")
    parser.add_argument("--lexicon", type=Path, default=None)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    vocab = Vocab()
    docs = [d for p in args.docbins for d in DocBin().from_disk(p).get_docs(vocab)]
    new = augment_docs(docs, args.lexicon, args.copies, args.seed)
    DocBin(docs=new, store_user_data=False).to_disk(args.out)
    print(f"{args.out}: {len(new)} augmented sentences from {len(docs)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

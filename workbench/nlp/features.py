"""Arabic-aware token features and name-list (lexicon) features for the NER model.

spaCy's ``MultiHashEmbed`` only sees NORM, a one-character prefix, a three-character
suffix and the word shape. Arabic words carry their morphology at both ends (the
article «ال», pattern letters, feminine and plural endings), and the names the
model misses most are out-of-vocabulary foreign names. This embedding layer gives
the model:

- ``norm``: the normalized word (``token.norm_``, set by ``workbench_ar_normalizer``);
- ``pre2``/``pre3``: the first letters of the stem (the word without «ال»);
- ``suf1``/``suf2``/``suf3``: its last letters;
- ``shape``: spaCy's word shape (digits, Latin, length up to four);
- ``lex``: where the token sits in a name-list match (``B-LOC``, ``I-PER`` …, or
  ``B-FIRST`` for a given name), with a ``c:`` marker when only the word without a
  leading proclitic matches («بايهود» → «ايهود»).

Each feature is hashed (murmurhash) and embedded in its own hash table; the tables,
plus the static vectors, are concatenated and mixed by a Maxout layer to ``width``.
The name lists are built by ``workbench.nlp.training.lexicon`` from sources outside the
evaluation data and are stored inside the model (``model.attrs``), so a packaged model
carries them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import (
    Maxout,
    Model,
    chain,
    concatenate,
    list2ragged,
    ragged2list,
    with_array,
)
from thinc.types import Floats2d, Ints2d, Ragged

__all__ = [
    "FEATURES",
    "ArabicFeatureEmbed",
    "Lexicon",
    "lexicon_tags",
    "read_train_lexicon",
    "token_features",
]

#: Feature names in column order.
FEATURES = ("norm", "pre2", "pre3", "suf1", "suf2", "suf3", "shape", "lex")

_PROCLITICS = ("و", "ف", "ب", "ل", "ك")
MAX_PHRASE = 5


def _stem(norm: str) -> str:
    if norm.startswith("ال") and len(norm) >= 4:
        return norm[2:]
    return norm


def token_features(norm: str, shape: str) -> tuple[str, ...]:
    """The string features of one token, except ``lex`` (see :func:`lexicon_tags`)."""
    stem = _stem(norm)
    return (norm, stem[:2], stem[:3], norm[-1:], norm[-2:], norm[-3:], shape)


class Lexicon:
    """Name phrases (normalized words joined by spaces) → type, and single words →
    a word class (types starting with ``w:``, e.g. ``w:GIVEN`` for given names).

    Word classes tag the tokens that no phrase covers."""

    def __init__(self, entries: dict[str, str] | None = None) -> None:
        entries = dict(entries or {})
        self.entries = entries
        self.words: dict[str, str] = {k: v for k, v in entries.items() if v.startswith("w:")}
        self.phrases: dict[str, str] = {k: v for k, v in entries.items() if not v.startswith("w:")}
        self.first_words: set[str] = {k.split(" ", 1)[0] for k in self.phrases}

    @classmethod
    def from_tsv(cls, path: Path | str) -> Lexicon:
        """Read ``phrase<TAB>TYPE`` lines (phrase already normalized, space-separated)."""
        entries: dict[str, str] = {}
        with Path(path).open(encoding="utf-8") as fh:
            for line in fh:
                phrase, _, kind = line.rstrip("\n").partition("\t")
                if phrase and kind:
                    entries[phrase] = kind
        return cls(entries)

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, words: Sequence[str]) -> str | None:
        return self.phrases.get(" ".join(words))


def lexicon_tags(norms: Sequence[str], lexicon: Lexicon) -> list[str]:
    """Greedy longest-match tags (``B-TYPE``/``I-TYPE``, ``c:`` when a proclitic
    had to be removed from the first word, ``O`` elsewhere) for one document."""
    n = len(norms)
    tags = ["O"] * n
    first_words = lexicon.first_words
    i = 0
    while i < n:
        w = norms[i]
        candidates = [(w, "")]
        if len(w) > 3 and w[0] in _PROCLITICS:
            candidates.append((w[1:], "c:"))
        matched = False
        for first, mark in candidates:
            if first not in first_words:
                continue
            for length in range(min(MAX_PHRASE, n - i), 0, -1):
                kind = lexicon.lookup([first, *norms[i + 1 : i + length]])
                if kind is None:
                    continue
                tags[i] = f"{mark}B-{kind}"
                for j in range(i + 1, i + length):
                    tags[j] = f"I-{kind}"
                i += length
                matched = True
                break
            if matched:
                break
        if not matched:
            i += 1
    words = lexicon.words
    if words:
        for i, tag in enumerate(tags):
            if tag != "O":
                continue
            w = norms[i]
            cls = words.get(w)
            if cls is not None:
                tags[i] = cls
            elif len(w) > 3 and w[0] in _PROCLITICS and w[1:] in words:
                tags[i] = "c:" + words[w[1:]]
    return tags


def _hash_row(values: Iterable[str]) -> list[int]:
    return [hash_string(f"{k}={v}") for k, v in zip(FEATURES, values, strict=False)]


def _tlex_lexicons(entries: dict[str, list[Any]], folds: int) -> list[Lexicon]:
    """The full train-entity lexicon, then one per fold without the entities seen
    only in that fold (``entries``: phrase → [label, bitmask of folds])."""
    full = Lexicon({k: v[0] for k, v in entries.items()})
    per_fold = [Lexicon({k: v[0] for k, v in entries.items() if int(v[1]) & ~(1 << f)}) for f in range(folds)]
    return [full, *per_fold]


def feature_extractor(
    lexicon_path: str | None,
    train_lexicon_path: str | None = None,
    folds: int = 5,
    word_dropout: float = 0.0,
    frequent_word_dropout: float | None = None,
    frequent_count: int = 500,
) -> Model[list[Doc], list[Ints2d]]:
    """Docs → one row of hashed feature ids per token (columns as :data:`FEATURES`,
    plus ``tlex`` with a train-entity lexicon).

    The name list lives in ``model.attrs["lexicon"]`` (a ``phrase → type`` dict, so it
    is saved with the model); it is read from ``lexicon_path`` when the model is
    initialized for training. The train-entity lexicon (``train_lexicon_path``, written
    by ``workbench.nlp.training.lexicon --train-lexicon``) lists the entities of the
    training set with the folds they occur in: while training, a sentence sees only
    the entities of the *other* folds (jackknifing), so the model learns how far to
    trust the feature on names it has not seen; at run time it sees them all.

    ``word_dropout`` (training only): the share of tokens whose ``norm`` feature is
    replaced by an unknown-word marker, so the model also learns to tag a name from
    its affixes, vector, name-list match and context, as it must for unseen names.
    With ``frequent_word_dropout`` set, words seen at least ``frequent_count`` times in
    Arabic Wikipedia (``workbench.nlp.lexicon.word_counts``: function and context words)
    are dropped at that rate instead, so context words keep their identity more often.
    """
    frequent: frozenset[str] = frozenset()
    if frequent_word_dropout is not None:
        from workbench.nlp.lexicon import word_counts

        frequent = frozenset(w for w, n in word_counts().items() if n >= frequent_count)
    state: dict[str, Any] = {"cache": {}, "lexicon": Lexicon(), "tlex": None}
    use_tlex = bool(train_lexicon_path)

    def forward(
        model: Model[list[Doc], list[Ints2d]], docs: list[Doc], is_train: bool
    ) -> tuple[list[Ints2d], Any]:
        entries = model.attrs["lexicon"]
        lexicon: Lexicon = state["lexicon"]
        if len(lexicon) != len(entries):
            lexicon = state["lexicon"] = Lexicon(entries)
        tlex: list[Lexicon] | None = None
        if use_tlex:
            t_entries = model.attrs["train_lexicon"]
            tlex = state["tlex"]
            if tlex is None or len(tlex[0]) != len(t_entries):
                tlex = state["tlex"] = _tlex_lexicons(t_entries, folds)
        cache: dict[tuple[str, str], list[int]] = state["cache"]
        n_cols = len(FEATURES) + use_tlex
        out = []
        unk = hash_string("norm=<unk>")
        for doc in docs:
            norms = [t.norm_ for t in doc]
            lex = lexicon_tags(norms, lexicon) if len(lexicon) else ["O"] * len(norms)
            rows = numpy.zeros((len(doc), n_cols), dtype="uint64")
            for i, tok in enumerate(doc):
                key = (norms[i], tok.shape_)
                row = cache.get(key)
                if row is None:
                    row = _hash_row(token_features(*key))
                    if len(cache) < 300_000:
                        cache[key] = row
                rows[i, : len(FEATURES) - 1] = row
                rows[i, len(FEATURES) - 1] = hash_string(f"lex={lex[i]}")
            if tlex is not None:
                which = 1 + hash_string(doc.text) % folds if is_train else 0
                ttags = lexicon_tags(norms, tlex[which]) if len(tlex[which]) else ["O"] * len(norms)
                rows[:, -1] = [hash_string(f"tlex={t}") for t in ttags]
            if is_train and (word_dropout > 0 or frequent_word_dropout):
                rates = numpy.full(len(doc), word_dropout)
                if frequent_word_dropout is not None:
                    rates[[n in frequent for n in norms]] = frequent_word_dropout
                rows[numpy.random.random(len(doc)) < rates, 0] = unk
            out.append(model.ops.asarray2i(rows, dtype="uint64"))  # type: ignore[arg-type]
        return out, lambda d_out: []

    def init(model: Model, X: Any = None, Y: Any = None) -> None:  # noqa: N803  (thinc calls X=, Y=)
        path = model.attrs.get("lexicon_path")
        if path and Path(path).exists():
            model.attrs["lexicon"] = Lexicon.from_tsv(path).entries
        tpath = model.attrs.get("train_lexicon_path")
        if tpath and Path(tpath).exists():
            model.attrs["train_lexicon"] = read_train_lexicon(tpath)

    return Model(
        "workbench_ar_features",
        forward,
        init=init,
        attrs={
            "lexicon_path": lexicon_path or "",
            "lexicon": {},
            "train_lexicon_path": train_lexicon_path or "",
            "train_lexicon": {},
        },
    )


def read_train_lexicon(path: Path | str) -> dict[str, list[Any]]:
    """``phrase<TAB>LABEL<TAB>fold bitmask`` lines → {phrase: [label, bitmask]}."""
    out: dict[str, list[Any]] = {}
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[0]:
                out[parts[0]] = [parts[1], int(parts[2])]
    return out


@registry.architectures("workbench.ArabicFeatureEmbed.v1")
def ArabicFeatureEmbed(  # noqa: N802  (spaCy architecture naming)
    width: int,
    rows: list[int],
    dims: list[int],
    include_static_vectors: bool,
    lexicon: str | None = None,
    train_lexicon: str | None = None,
    folds: int = 5,
    word_dropout: float = 0.0,
    frequent_word_dropout: float | None = None,
    frequent_count: int = 500,
) -> Model[list[Doc], list[Floats2d]]:
    """Hash-embed the :data:`FEATURES` (one table per feature, ``rows[i]`` rows of
    ``dims[i]`` columns; one more, ``tlex``, with a ``train_lexicon``), concatenate
    them with the static vectors and mix them to ``width`` with a Maxout layer.
    ``word_dropout``, ``frequent_word_dropout``, ``frequent_count``: see
    :func:`feature_extractor`. The static vectors get spaCy's
    training dropout (``[training] dropout``) on whole output dimensions, like every
    layer with a dropout rate."""
    from spacy.ml.staticvectors import StaticVectors
    from thinc.api import HashEmbed

    names = [*FEATURES, "tlex"] if train_lexicon else list(FEATURES)
    if len(rows) != len(names) or len(dims) != len(names):
        raise ValueError(f"rows and dims need {len(names)} entries ({', '.join(names)})")
    extractor = feature_extractor(
        lexicon, train_lexicon, folds, word_dropout, frequent_word_dropout, frequent_count
    )
    tables: list[Model] = [
        HashEmbed(nO=d, nV=r, column=i, seed=7 + i, dropout=0.0)
        for i, (r, d) in enumerate(zip(rows, dims, strict=True))
    ]
    embedded: Model[list[Doc], Ragged] = chain(
        extractor,
        list2ragged(),
        with_array(concatenate(*tables)),
    )
    n_in = sum(dims)
    if include_static_vectors:
        n_in += width
        inputs: Model[list[Doc], Ragged] = concatenate(embedded, StaticVectors(width, dropout=0.0))
    else:
        inputs = embedded
    model: Model[list[Doc], list[Floats2d]] = chain(
        inputs,
        with_array(Maxout(width, n_in, nP=3, normalize=True, dropout=0.0)),
        ragged2list(),
    )
    return model

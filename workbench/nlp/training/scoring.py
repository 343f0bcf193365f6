"""Entity-level NER scoring (CoNLL style) and projection of predictions onto gold tokens.

Pure functions, no spaCy. An entity is a maximal chunk of an IOB tag sequence, read
the way ``conlleval`` reads it: a chunk starts at ``B-X``, at ``I-X`` after ``O``, or
at ``I-X`` after a tag of another type (IOB1 / I-without-B), and continues over the
following ``I-X``. A predicted entity counts only when start, end *and* label equal
a gold entity (exact match); a partial overlap is both a false positive and a false
negative.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

__all__ = [
    "PRF",
    "Scores",
    "chunks",
    "project_spans",
    "score_chunks",
    "token_offsets",
]

Chunk = tuple[int, int, str]  # (start token, end token exclusive, label)


def _split(tag: str) -> tuple[str, str]:
    if tag in ("O", "", "-") or len(tag) < 3 or tag[1] != "-":
        return "O", ""
    return tag[0], tag[2:]


def chunks(tags: Sequence[str]) -> list[Chunk]:
    """Entity chunks ``(start, end, label)`` of one IOB tag sequence (conlleval rules).

    Examples
    --------
    >>> chunks(["B-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"])
    [(0, 2, 'PER'), (3, 4, 'LOC'), (4, 5, 'LOC'), (5, 6, 'ORG')]
    """
    out: list[Chunk] = []
    start = -1
    label = ""
    for i, tag in enumerate(tags):
        prefix, typ = _split(tag)
        if prefix == "I" and start >= 0 and typ == label:
            continue
        if start >= 0:
            out.append((start, i, label))
            start = -1
        if prefix in ("B", "I", "S", "E"):
            start, label = i, typ
            if prefix in ("S", "E"):
                out.append((start, i + 1, label))
                start = -1
    if start >= 0:
        out.append((start, len(tags), label))
    return out


@dataclass(frozen=True, slots=True)
class PRF:
    """Counts and precision/recall/F1 (in percent) for one label or the micro average."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return 100.0 * self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return 100.0 * self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        """Number of gold entities."""
        return self.tp + self.fn

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 2),
            "recall": round(self.recall, 2),
            "f1": round(self.f1, 2),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "support": self.support,
        }


@dataclass(slots=True)
class Scores:
    """Micro-averaged and per-label scores."""

    micro: PRF
    per_label: dict[str, PRF] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "micro": self.micro.as_dict(),
            "per_label": {k: v.as_dict() for k, v in sorted(self.per_label.items())},
        }


def score_chunks(
    gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]]
) -> Scores:
    """Score predicted against gold tag sequences (one pair per sentence).

    Raises
    ------
    ValueError
        If a gold and predicted sequence differ in length.
    """
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        if len(g) != len(p):
            raise ValueError(
                f"gold has {len(g)} tags but prediction {len(p)}; score at the gold token level"
            )
        gs = set(chunks(g))
        ps = set(chunks(p))
        for c in gs & ps:
            tp[c[2]] += 1
        for c in ps - gs:
            fp[c[2]] += 1
        for c in gs - ps:
            fn[c[2]] += 1
    labels = sorted(set(tp) | set(fp) | set(fn))
    per = {lab: PRF(tp[lab], fp[lab], fn[lab]) for lab in labels}
    micro = PRF(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return Scores(micro, per)


def token_offsets(tokens: Sequence[str]) -> list[tuple[int, int]]:
    """Character spans of ``tokens`` in ``" ".join(tokens)``."""
    out: list[tuple[int, int]] = []
    pos = 0
    for tok in tokens:
        out.append((pos, pos + len(tok)))
        pos += len(tok) + 1
    return out


def project_spans(
    offsets: Sequence[tuple[int, int]], spans: Iterable[tuple[int, int, str]]
) -> list[str]:
    """IOB2 tags for gold tokens from predicted character spans.

    A gold token takes the label of the predicted entity that shares at least one
    character with it, so an entity predicted on «كوريا» inside the gold token
    «وكوريا» (the proclitic «و» split off by the tokenizer) tags the whole gold
    token, as ANERcorp does. The first gold token of an entity gets ``B-``; when two
    predicted entities touch the same gold token, the earlier one keeps it.

    Parameters
    ----------
    offsets
        ``(start, end)`` of each gold token in the text given to the pipeline.
    spans
        Predicted ``(start_char, end_char, label)``.
    """
    tags = ["O"] * len(offsets)
    starts = [s for s, _ in offsets]
    for s, e, label in sorted(spans):
        i = max(bisect.bisect_right(starts, s) - 1, 0)
        first = True
        while i < len(offsets) and offsets[i][0] < e:
            te = offsets[i][1]
            if te > s and tags[i] == "O":
                tags[i] = ("B-" if first else "I-") + label
                first = False
            elif te > s and not first:
                break
            i += 1
    return tags

"""One name, one label per article: propagate predicted entities to their other mentions.

A news article names its actors many times, and a statistical tagger finds some
mentions and misses others («ستولمان» tagged in one sentence, missed in the next).
:func:`propagate` labels every untagged occurrence of a predicted entity's text
within the same article (or within ``window`` sentences of it, for corpora without
article boundaries) with the label the entity gets most often there. An occurrence
counts when it stands as a whole word, optionally after attached proclitics
(«وستولمان», «بالريال»); the entity span never includes the proclitic. Existing
entities are never changed, and longer names are placed before shorter ones.

Pure functions; :func:`consistency_component` wraps them as the spaCy component
``workbench_ar_consistency`` that runs after the model in ``load_pipeline("ar")``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from workbench.nlp.proclitics import PROCLITIC_PREFIXES

__all__ = ["COMPONENT", "propagate", "propagate_doc"]

COMPONENT = "workbench_ar_consistency"

Span = tuple[int, int, str]

# Proclitic clusters that may precede a name written as one word with it: the tokenizer's
# (workbench.nlp.proclitics) and the same with the article «ال» («بالريال», «والريال»).
_PROCLITICS = ("", *PROCLITIC_PREFIXES, "ال", "وال", "فال", "بال", "كال", "وبال", "فبال")
# Characters that may open a word («ستولمان, (ستولمان) or close a name (ستولمان، ستولمان.).
_OPENERS = "\"'«([{-–—/"
_CLOSERS = " \t\n\r.,،؛:!؟?\"'«»()[]{}-–—/"
_WORD = re.compile(r"\S+")
#: Names shorter than this (in characters) are not propagated: too many everyday
#: words are two letters long.
MIN_CHARS = 3


def _mentions(text: str, by_first: dict[str, list[str]]) -> list[tuple[int, int, str]]:
    """Every whole-word occurrence ``(start, end, name)`` of the names in ``text``, also
    after attached proclitics. One pass over the words of ``text``: the names are indexed
    by their first word (``by_first``), so a long article with many names stays linear."""
    if not by_first:
        return []
    found = []
    for m in _WORD.finditer(text):
        word = m.group().lstrip(_OPENERS)
        start = m.end() - len(word)
        for proclitic in _PROCLITICS:
            if not word.startswith(proclitic):
                continue
            first_word = word[len(proclitic) :].rstrip(_CLOSERS)
            for name in by_first.get(first_word, ()):
                a = start + len(proclitic)
                b = a + len(name)
                if text.startswith(name, a) and (b == len(text) or text[b] in _CLOSERS):
                    found.append((a, b, name))
    return found


def propagate(
    texts: Sequence[str],
    spans: Sequence[Sequence[Span]],
    *,
    window: int | None = None,
    min_chars: int = MIN_CHARS,
) -> list[list[Span]]:
    """Add the missed mentions of predicted names.

    ``texts`` are the sentences (or one whole article) in reading order and ``spans``
    their predicted ``(start, end, label)`` character spans. ``window=None`` treats all
    texts as one article; ``window=N`` lets a sentence see the names predicted in the
    N sentences before and after it. Returns the spans of each text, old and new,
    sorted; old spans are kept as they are.

    Examples
    --------
    >>> propagate(["قال ستولمان إن", "وأضاف وستولمان"], [[(4, 11, "PER")], []])
    [[(4, 11, 'PER')], [(7, 14, 'PER')]]
    """
    if len(texts) != len(spans):
        raise ValueError("texts and spans differ in length")
    names: list[Counter[tuple[str, str]]] = []
    for text, found in zip(texts, spans, strict=True):
        names.append(Counter((text[a:b], label) for a, b, label in found if b - a >= min_chars))
    if window is None:
        whole = _majority_labels(names)
        index = _index(whole)
    out: list[list[Span]] = []
    for i, (text, found) in enumerate(zip(texts, spans, strict=True)):
        if window is not None:
            whole = _majority_labels(names[max(0, i - window) : i + window + 1])
            index = _index(whole)
        out.append(_place(found, _mentions(text, index), whole))
    return out


def _majority_labels(names: Iterable[Counter[tuple[str, str]]]) -> dict[str, str]:
    """Each name's most frequent label (ties: the label seen first)."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for counter in names:
        for (name, label), n in counter.items():
            labels[name][label] += n
    return {name: c.most_common(1)[0][0] for name, c in labels.items()}


def _index(names: Iterable[str]) -> dict[str, list[str]]:
    by_first: dict[str, list[str]] = {}
    for name in names:
        by_first.setdefault(name.split(" ", 1)[0], []).append(name)
    return by_first


def _place(found: Sequence[Span], mentions: list[tuple[int, int, str]], labels: dict[str, str]) -> list[Span]:
    """``found`` plus every mention that overlaps nothing placed before it, longest first."""
    starts: list[int] = []
    ends: list[int] = []
    for a, b, _ in sorted(found):
        starts.append(a)
        ends.append(b)
    result = list(found)
    for a, b, name in sorted(mentions, key=lambda m: (m[0] - m[1], m[0])):
        k = bisect.bisect_left(starts, a)
        if (k < len(starts) and starts[k] < b) or (k > 0 and ends[k - 1] > a):
            continue
        starts.insert(k, a)
        ends.insert(k, b)
        result.append((a, b, labels[name]))
    return sorted(result)


def propagate_doc(doc: Doc) -> Doc:
    """Apply :func:`propagate` to one doc (the whole doc is one article)."""
    found = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    known = set(found)
    extra = [
        span
        for a, b, label in propagate([doc.text], [found])[0]
        if (a, b, label) not in known
        and (span := doc.char_span(a, b, label=label, alignment_mode="strict")) is not None
    ]
    if extra:
        doc.ents = filter_spans([*doc.ents, *extra])
    return doc


@Language.component(COMPONENT)
def consistency_component(doc: Doc) -> Doc:
    """spaCy component: :func:`propagate_doc`."""
    return propagate_doc(doc)

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

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

__all__ = ["COMPONENT", "propagate", "propagate_doc"]

COMPONENT = "workbench_ar_consistency"

Span = tuple[int, int, str]

# Proclitic clusters that may precede a name written as one word with it.
_PROCLITIC = "(?:وبال|فبال|وال|فال|بال|كال|لل|ال|وب|فب|ول|فل|و|ف|ب|ل|ك)?"
_END = r"(?=$|[\s.,،؛:!؟?\"'«»()\[\]{}\-–—/])"
#: Names shorter than this (in characters) are not propagated: too many everyday
#: words are two letters long.
MIN_CHARS = 3


def _occurrences(text: str, name: str) -> list[tuple[int, int]]:
    pattern = r"(?:(?<=[\s\"'«(\[\-–—/])|^)" + _PROCLITIC + "(" + re.escape(name) + ")" + _END
    return [m.span(1) for m in re.finditer(pattern, text)]


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
    total: Counter[tuple[str, str]] = Counter()
    if window is None:
        for c in names:
            total.update(c)
    out: list[list[Span]] = []
    for i, (text, found) in enumerate(zip(texts, spans, strict=True)):
        if window is not None:
            total = Counter()
            for c in names[max(0, i - window) : i + window + 1]:
                total.update(c)
        labels: dict[str, Counter[str]] = defaultdict(Counter)
        for (name, label), n in total.items():
            labels[name][label] += n
        result = list(found)
        for name in sorted(labels, key=lambda s: (-len(s), s)):
            if name not in text:
                continue
            label = labels[name].most_common(1)[0][0]
            for a, b in _occurrences(text, name):
                if all(b <= x or a >= y for x, y, _ in result):
                    result.append((a, b, label))
        out.append(sorted(result))
    return out


def propagate_doc(doc: Doc) -> Doc:
    """Apply :func:`propagate` to one doc (the whole doc is one article)."""
    found = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    new = [s for s in propagate([doc.text], [found])[0] if s not in set(found)]
    if not new:
        return doc
    extra = []
    for a, b, label in new:
        span = doc.char_span(a, b, label=label, alignment_mode="strict")
        if span is not None:
            extra.append(span)
    doc.ents = filter_spans([*doc.ents, *extra])
    return doc


@Language.component(COMPONENT)
def consistency_component(doc: Doc) -> Doc:
    """spaCy component: :func:`propagate_doc`."""
    return propagate_doc(doc)

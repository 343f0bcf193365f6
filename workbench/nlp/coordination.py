"""Split entities joined by an attached «و» («and») that the tokenizer left on a word.

The workbench tokenizer splits the proclitic «و» only off words it knows, so a
foreign or rare name keeps it: «أرسنال وموناكو» is two tokens, and the NER model
then often tags both clubs as one entity. This component, placed right after
``ner``, looks inside each predicted entity for a token that is «و» + a word of at
least three letters and is not itself a known word (so «وليد», «وائل», «وزير» stay
whole). It splits the token into «و» and the word, and the entity into two entities
of the same label, the second starting after «و»:
«أرسنال وموناكو» → «أرسنال» + «موناكو».

Character offsets do not change; only the token boundaries and entity spans do.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span

from workbench.articles.normalize import normalize_key
from workbench.nlp.lexicon import word_counts

__all__ = ["CoordinationSplitter", "split_points"]

WAW = "و"


def _default_is_known() -> Callable[[str], bool]:
    counts = word_counts()
    return lambda word: normalize_key(word) in counts


def split_points(ent: Span, is_known: Callable[[str], bool]) -> list[int]:
    """Indices (in the doc) of the tokens of ``ent``, after its first, to split."""
    out = []
    for tok in ent[1:]:
        text = tok.text
        if len(text) >= 4 and text[0] == WAW and text[1] != WAW and not is_known(text):
            out.append(tok.i)
    return out


class CoordinationSplitter:
    """spaCy component; see the module docstring."""

    def __init__(self, is_known: Callable[[str], bool] | None = None) -> None:
        self._is_known = is_known

    @property
    def is_known(self) -> Callable[[str], bool]:
        if self._is_known is None:
            self._is_known = _default_is_known()
        return self._is_known

    def __call__(self, doc: Doc) -> Doc:
        plans: list[tuple[Span, list[int]]] = []
        for ent in doc.ents:
            points = split_points(ent, self.is_known)
            if points:
                plans.append((ent, points))
        if not plans:
            return doc
        # the new entities as character spans (offsets do not move)
        keep = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        drop = {(e.start_char, e.end_char) for e, _ in plans}
        new = [k for k in keep if (k[0], k[1]) not in drop]
        split_tokens = []
        for ent, points in plans:
            start = ent.start_char
            for i in points:
                tok = doc[i]
                prev = doc[i - 1]
                new.append((start, prev.idx + len(prev.text), ent.label_))
                start = tok.idx + 1
                split_tokens.append(i)
            new.append((start, ent.end_char, ent.label_))
        with doc.retokenize() as retok:
            for i in split_tokens:
                tok = doc[i]
                retok.split(tok, [WAW, tok.text[1:]], heads=[(tok, 1), (tok, 1)])
        spans = []
        for s, e, label in sorted(new):
            span = doc.char_span(s, e, label=label, alignment_mode="expand")
            if span is not None and span.text.strip():
                spans.append(span)
        doc.ents = _non_overlapping(spans)
        return doc


def _non_overlapping(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    end = -1
    for span in sorted(spans, key=lambda s: (s.start, -len(s))):
        if span.start >= end:
            out.append(span)
            end = span.end
    return out


@Language.factory("workbench_ar_coordination")
def make_coordination_splitter(nlp: Language, name: str) -> CoordinationSplitter:
    """Factory for :class:`CoordinationSplitter` (known words: the Wikipedia word counts)."""
    return CoordinationSplitter()

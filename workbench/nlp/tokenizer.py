"""An Arabic tokenizer that splits attached proclitics off known words.

spaCy's blank Arabic tokenizer keeps «وكوريا» as one token, so an entity could
only ever be «وكوريا الجنوبية». This tokenizer runs spaCy's rules first (with a
few extra Arabic punctuation rules) and then splits a leading proclitic when
:func:`workbench.nlp.proclitics.find_proclitic` says the remainder is a word of
its own: a known name/word, a word with the definite article, or a word that
occurs *without* the proclitic elsewhere in the same text (one sense per text).
Every token still indexes the original text, so character offsets are exact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex
from spacy.vocab import Vocab

from workbench.articles.normalize import normalize_key
from workbench.nlp.proclitics import find_proclitic

__all__ = ["ArabicTokenizer", "create_arabic_tokenizer"]

_EXTRA_PREFIXES = [r"«", r"‹", r"“", r"„", r"‘"]
_EXTRA_SUFFIXES = [r"»", r"›", r"”", r"’", r"،", r"؛", r"؟", r"\.\.+"]
_EXTRA_INFIXES = [r"[،؛؟«»“”]", r"(?<=[\u0600-\u06FF])\.(?=[\u0600-\u06FF])"]


def _joined(a: str, b: str) -> str:
    return normalize_key(a) + normalize_key(b)


def _base_tokenizer(nlp: Language) -> Tokenizer:
    """spaCy's Arabic rule tokenizer plus Arabic quotes and punctuation without spaces."""
    d = nlp.Defaults
    return Tokenizer(
        nlp.vocab,
        rules=d.tokenizer_exceptions,
        prefix_search=compile_prefix_regex([*(d.prefixes or []), *_EXTRA_PREFIXES]).search,
        suffix_search=compile_suffix_regex([*(d.suffixes or []), *_EXTRA_SUFFIXES]).search,
        infix_finditer=compile_infix_regex([*(d.infixes or []), *_EXTRA_INFIXES]).finditer,
        token_match=d.token_match,
        url_match=d.url_match,
    )


class ArabicTokenizer:
    """spaCy tokenizer with proclitic splitting.

    Parameters
    ----------
    vocab
        The pipeline's vocabulary.
    base
        The rule-based spaCy tokenizer run first.
    known
        Normalized words whose proclitic-prefixed forms should be split
        (gazetteer names, person names, trigger words...). Can be extended later
        with :meth:`add_known`.
    document_cue
        Also split «و+X» when «X» occurs on its own in the same text.
    counts
        Word frequencies: a word more frequent than its would-be remainder is not
        split («كبيرة» is not ك + «بيرة»).
    """

    def __init__(
        self,
        vocab: Vocab,
        base: Tokenizer,
        known: Iterable[str] = (),
        *,
        document_cue: bool = True,
        counts: Mapping[str, int] | None = None,
    ) -> None:
        self.vocab = vocab
        self.counts: Mapping[str, int] = counts or {}
        self.base = base
        self.known: set[str] = {normalize_key(w) for w in known}
        self.document_cue = document_cue

    def add_known(self, words: Iterable[str]) -> None:
        """Add normalized words that count as known remainders."""
        self.known.update(normalize_key(w) for w in words)

    def __call__(self, text: str) -> Doc:
        doc = self.base(text)
        standalone: set[str] = set()
        if self.document_cue:
            standalone = {normalize_key(t.text) for t in doc if len(t.text) >= 3}
        known = self.known
        counts = self.counts

        def is_known(w: str) -> bool:
            return w in known or w in standalone

        words: list[str] = []
        spaces: list[bool] = []
        changed = False
        for tok in doc:
            n = find_proclitic(tok.text, is_known, known, counts) if len(tok.text) > 3 else 0
            if n and tok.i + 1 < len(doc) and _joined(tok.text, doc[tok.i + 1].text) in known:
                n = 0  # «بيونغ يانغ» is «بيونغيانغ» written in two words, not ب + «يونغ»
            if n:
                changed = True
                words.extend((tok.text[:n], tok.text[n:]))
                spaces.extend((False, bool(tok.whitespace_)))
            else:
                words.append(tok.text)
                spaces.append(bool(tok.whitespace_))
        if not changed:
            return doc
        return Doc(self.vocab, words=words, spaces=spaces)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        """Tokenize a stream of texts."""
        for text in texts:
            yield self(text)

    # serialization: the lexicon is rebuilt by the pipeline factory, so only the
    # base tokenizer's rules and the settings are stored.
    def to_bytes(self, **kwargs: Any) -> bytes:
        return self.base.to_bytes(**kwargs)

    def from_bytes(self, data: bytes, **kwargs: Any) -> ArabicTokenizer:
        self.base.from_bytes(data, **kwargs)
        return self

    def to_disk(self, path: Any, **kwargs: Any) -> None:
        self.base.to_disk(path, **kwargs)

    def from_disk(self, path: Any, **kwargs: Any) -> ArabicTokenizer:
        self.base.from_disk(path, **kwargs)
        return self


@spacy.registry.tokenizers("workbench.ArabicTokenizer.v1")
def create_arabic_tokenizer(document_cue: bool = True) -> Callable[[Language], ArabicTokenizer]:
    """Registered factory so configs (and trained models) can name this tokenizer.

    In a config: ``[nlp.tokenizer] @tokenizers = "workbench.ArabicTokenizer.v1"``.
    """

    def make(nlp: Language) -> ArabicTokenizer:
        from workbench.nlp.lexicon import default_known_words, word_counts

        return ArabicTokenizer(
            nlp.vocab,
            _base_tokenizer(nlp),
            default_known_words(),
            document_cue=document_cue,
            counts=word_counts(),
        )

    return make

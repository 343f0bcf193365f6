"""Component setting ``token.norm_`` to the Arabic matching form of each token."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from workbench.articles.normalize import normalize_key
from workbench.nlp import features as _features  # noqa: F401  (registers the NER embedding)

__all__ = ["ArabicNormalizer"]


class ArabicNormalizer:
    """Sets ``token.norm_`` (used by rules, and as a feature by the statistical NER)."""

    def __init__(self, nlp: Language, name: str = "ar_normalizer") -> None:
        self.name = name
        self._cache: dict[str, str] = {}

    def __call__(self, doc: Doc) -> Doc:
        cache = self._cache
        for tok in doc:
            text = tok.text
            norm = cache.get(text)
            if norm is None:
                norm = normalize_key(text) or text
                if len(cache) < 200_000:
                    cache[text] = norm
            tok.norm_ = norm
        return doc


@Language.factory("workbench_ar_normalizer")
def make_ar_normalizer(nlp: Language, name: str) -> ArabicNormalizer:
    """Factory for :class:`ArabicNormalizer`."""
    return ArabicNormalizer(nlp, name)

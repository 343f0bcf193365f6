"""Articles: the :class:`Article` model, readers and Arabic normalization.

>>> from workbench.articles import load_article, normalize_arabic
"""

from __future__ import annotations

from .model import Article, Language
from .normalize import NormalizedText, normalize_arabic, normalize_key, strip_diacritics
from .readers import (
    article_from_text,
    decode_bytes,
    detect_language,
    list_samples,
    load_article,
    samples_dir,
)

__all__ = [
    "Article",
    "Language",
    "NormalizedText",
    "article_from_text",
    "decode_bytes",
    "detect_language",
    "list_samples",
    "load_article",
    "normalize_arabic",
    "normalize_key",
    "samples_dir",
    "strip_diacritics",
]

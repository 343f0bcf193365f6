"""Pure logic for Arabic proclitics attached to a word (و ف ب ل ك and لل).

Arabic writes the conjunctions و/ف and the prepositions ب/ل/ك (and ل + the
article, written لل) attached to the next word: «وكوريا» is «و» + «كوريا».
A name reported to a user must not include them. Whether a leading letter *is*
a proclitic depends on the word («وليد» is a name, «وروسيا» is و + روسيا), so a
split is proposed only when the remainder is evidently a word of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping

from workbench.articles.normalize import normalize_key

__all__ = ["PROCLITIC_PREFIXES", "find_proclitic", "split_candidates"]

# Longest first, so «ولل» is tried before «و». Written as they appear in
# normalized text (alef/hamza forms already folded).
PROCLITIC_PREFIXES: tuple[str, ...] = (
    "ولل",
    "فلل",
    "وب",
    "ول",
    "وك",
    "فب",
    "فل",
    "فك",
    "لل",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
)

# Words that begin with what looks like proclitic + «ال» but are single words.
_AL_EXCEPTIONS: tuple[str, ...] = (
    "والد",
    "والي",
    "والت",
    "بالغ",
    "بالي",
    "بالت",
    "فالح",
    "فالن",
    "كالي",
    "كالو",
    "والا",
    "بالون",
    "بالرم",
)

MIN_REST = 3  # a remainder shorter than this (normalized) is never split off


def split_candidates(norm_word: str) -> list[tuple[str, str]]:
    """All ``(prefix, rest)`` readings of a normalized word, longest prefix first."""
    return [
        (p, norm_word[len(p) :])
        for p in PROCLITIC_PREFIXES
        if norm_word.startswith(p) and len(norm_word) - len(p) >= 2
    ]


def find_proclitic(
    word: str,
    is_known: Callable[[str], bool] | Container[str],
    is_known_whole: Callable[[str], bool] | Container[str] | None = None,
    counts: Mapping[str, int] | None = None,
) -> int:
    """Length (in characters of ``word`` as written) of a proclitic to split off, or 0.

    Parameters
    ----------
    word
        A token as written in the article (diacritics allowed).
    is_known
        Either a container of normalized words or a predicate on a normalized word.
        A remainder that is known makes the split.
    is_known_whole
        Words never split because they are known as a whole («وليد» is a name).
        Defaults to ``is_known``.
    counts
        Word frequencies. A lexicon-based split is refused when the whole word is
        more frequent than the remainder («كبيرة» is not ك + «بيرة»).

    Returns
    -------
    int
        Number of leading characters of ``word`` that form the proclitic(s).

    Notes
    -----
    Splits are also made, without a lexicon, for proclitic + definite article
    («والولايات» → «و» + «الولايات», «بالقوات» → «ب» + «القوات») and for «لل» +
    a word of at least three letters («للكرملين» → «لل» + «كرملين»).
    """
    known = is_known if callable(is_known) else is_known.__contains__
    whole = (
        known
        if is_known_whole is None
        else (is_known_whole if callable(is_known_whole) else is_known_whole.__contains__)
    )
    norm = normalize_key(word)
    if len(norm) < MIN_REST + 1 or whole(norm):
        return 0
    for prefix, rest in split_candidates(norm):
        if len(rest) < MIN_REST:
            continue
        by_article = (
            rest.startswith("ال")
            and len(rest) >= 4
            and not prefix.endswith("لل")
            and not any(norm.startswith(x) for x in _AL_EXCEPTIONS)
        )
        # «للكرملين» = ل + ال + كرملين; «للأمم» = ل + الأمم when «الأمم» is a word
        by_lam_article = prefix.endswith("لل") and (
            not rest.startswith("ا") or (counts is not None and counts.get("ال" + rest, 0) >= 20)
        )
        if by_article or by_lam_article:
            return _written_length(word, len(prefix))
        if known(rest) and (counts is None or counts.get(norm, 0) <= counts.get(rest, 0)):
            return _written_length(word, len(prefix))
    return 0


def _written_length(word: str, n_norm: int) -> int:
    """Characters of ``word`` that produce its first ``n_norm`` normalized characters."""
    count = 0
    for i, ch in enumerate(word):
        if count == n_norm:
            # skip diacritics/tatweel that belong to the last proclitic letter
            if normalize_key(ch):
                return i
            continue
        count += len(normalize_key(ch)) if not ch.isspace() else 0
    return len(word) if count == n_norm else 0

"""Arabic normalization for *matching*, with a map back to original offsets.

The article text the user gave is never changed. Matching (gazetteer lookups,
rule patterns, deduplication) works on a normalized copy; every character of
that copy remembers which span of the original it came from, so a match found
in the copy is reported at the right place in the original.

Normalization steps (all pure, character-local):

- presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) are unfolded with NFKC;
- diacritics (harakat, shadda, sukun, dagger alef, Quranic marks) and tatweel are removed;
- zero-width and bidi control characters are removed;
- alef forms أ إ آ ٱ → ا; hamza carriers ؤ → و, ئ → ي; ى → ي; ة → ه;
- Persian/Urdu letters ی ې ۍ → ي, ک → ك, ە → ه, ۀ → ه;
- Arabic-Indic and Persian digits → ASCII digits;
- Latin letters are case-folded.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["NormalizedText", "normalize_arabic", "normalize_key", "strip_diacritics"]

_DIACRITICS = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670" + "".join(
    chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06E5, 0x06E6)
)
_CONTROLS = (
    "\u0640\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\ufeff\u061c\u00ad"
)
_LETTERS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ه",
    "ی": "ي", "ې": "ي", "ۍ": "ي", "ێ": "ي",
    "ک": "ك", "ڪ": "ك", "ە": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه",
}
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {
    chr(0x06F0 + i): str(i) for i in range(10)
}


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for ch in _DIACRITICS + _CONTROLS:
        table[ord(ch)] = ""
    for src, dst in (_LETTERS | _DIGITS).items():
        table[ord(src)] = dst
    return table


_TABLE = _build_table()
# Removed characters that attach to the preceding letter (combining marks, tatweel).
_ATTACHED = frozenset(
    ch for ch in _DIACRITICS + "\u0640" if unicodedata.category(ch) == "Mn" or ch == "\u0640"
)


@lru_cache(maxsize=4096)
def _map_char(ch: str) -> str:
    """Normalized replacement for one character (possibly empty or several chars)."""
    code = ord(ch)
    # The table first: U+FEFF (zero-width no-break space) lies in the presentation-form
    # block but must be removed, not unfolded.
    if code in _TABLE:
        return _TABLE[code]
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        unfolded = unicodedata.normalize("NFKC", ch)
        mapped = "".join(_map_char(c) if c != ch else c for c in unfolded)
        # Spacing harakat (U+FE70..FE7E) unfold to a space plus a diacritic; they are
        # diacritics, not word breaks, so they vanish like the combining ones.
        if unfolded.startswith(" ") and len(unfolded) > 1 and mapped == " ":
            return ""
        return mapped
    if ch.isascii():
        return ch.lower()
    if ch.isupper():
        return ch.casefold()
    return ch


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A normalized copy of ``original`` plus the offset map back to it.

    Attributes
    ----------
    original
        The text as the user gave it.
    text
        The normalized copy used for matching.
    src_start, src_end
        For each character ``i`` of ``text``, the half-open span
        ``original[src_start[i]:src_end[i]]`` it was produced from: its source
        character plus the harakat/tatweel directly after it.
    """

    original: str
    text: str
    src_start: tuple[int, ...]
    src_end: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalized text to the original text.

        Parameters
        ----------
        start, end
            Offsets into :attr:`text`, ``0 <= start <= end <= len(text)``.

        Returns
        -------
        tuple of int
            ``(orig_start, orig_end)`` such that the original slice covers exactly
            the characters that produced ``text[start:end]``. Removed characters
            (diacritics, tatweel) *inside* the span are included, and so are the
            harakat and tatweel that follow its last letter (they belong to it);
            removed characters before its first letter are not.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(
                f"span ({start}, {end}) outside normalized text of length {len(self.text)}"
            )
        if start == end:
            pos = self.src_start[start] if start < len(self.text) else len(self.original)
            return pos, pos
        return self.src_start[start], self.src_end[end - 1]

    def to_normalized(self, orig_offset: int) -> int:
        """Index in :attr:`text` of the first character produced at or after ``orig_offset``."""
        return bisect_left(self.src_start, orig_offset)


def normalize_arabic(text: str) -> NormalizedText:
    """Normalize ``text`` for matching and keep the map back to original offsets.

    Parameters
    ----------
    text
        Any text; non-Arabic characters pass through (Latin is case-folded).

    Returns
    -------
    NormalizedText
        The normalized copy with per-character source spans.

    Examples
    --------
    >>> n = normalize_arabic("مَدِينَةُ كُورْسْك")
    >>> n.text
    'مدينه كورسك'
    >>> n.original[slice(*n.to_original(6, 11))]
    'كُورْسْك'
    >>> n.original[slice(*n.to_original(0, 5))]
    'مَدِينَةُ'
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    n_last = 0  # output characters produced by the last kept source character
    for i, ch in enumerate(text):
        rep = _map_char(ch)
        if not rep:
            # Harakat and tatweel right after a letter belong to that letter: a span that
            # ends on it must not cut the letter off its marks (a broken grapheme).
            if n_last and ch in _ATTACHED and ends[-1] == i:
                for j in range(1, n_last + 1):
                    ends[-j] = i + 1
            continue
        n_last = len(rep)
        out.append(rep)
        starts.extend([i] * len(rep))
        ends.extend([i + 1] * len(rep))
    return NormalizedText(text, "".join(out), tuple(starts), tuple(ends))


def normalize_key(text: str) -> str:
    """Normalized form of ``text`` without an offset map (fast path for lookups).

    Also collapses runs of whitespace to one space and strips the ends, so it
    is the form under which names are stored in the gazetteer index.
    """
    return " ".join("".join(_map_char(ch) for ch in text).split())


def strip_diacritics(text: str) -> str:
    """Remove Arabic diacritics and tatweel only (letters are left as written)."""
    return "".join(ch for ch in text if ch not in _DIACRITICS and ch != "\u0640")

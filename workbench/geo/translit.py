"""Arabic ↔ Latin matching of place names: consonant skeletons and transliteration candidates.

Arabic news writes foreign places phonetically (كورسك Kursk, غلوشكوفو Glushkovo) and
GeoNames often has no Arabic name for them. Two pure tools bridge the scripts:

- :func:`skeleton` maps a name in Arabic, Latin or Cyrillic script to a key made of
  consonant classes only (vowels, ``w``/``y`` and the article «ال»/``al-`` are
  dropped, doubled letters collapsed): ``Kursk`` → ``krsk`` and ``كورسك`` → ``krsk``.
  The gazetteer indexes Latin and Cyrillic names under it, so an Arabic mention
  fetches its Latin candidates in one indexed query.
- :func:`transliterations` generates Latin spellings of an Arabic name with the
  vowel and consonant ambiguity of Arabic script (و → o/u/w/v, ي → i/y/e, ج → j/zh/g ...),
  and :func:`translit_similarity` scores a Latin name against them with rapidfuzz.

Skeleton classes: ``b`` (b, p, پ), ``f`` (f, v, ph, ف, ڤ), ``k`` (k, c, q, ck, ك, ق),
``g`` (g, gh, غ, گ), ``x`` (kh, خ), ``j`` (j, zh, dj, dzh, ج), ``S`` (sh, ch, ш, ч, ش, تش),
``t`` (t, th, ت, ط, ث), ``d`` (d, ض, د), ``z`` (z, dh, ز, ذ, ظ), ``s`` (s, ص, س), ``h``
(h, ح, ه), ``m``, ``n``, ``l``, ``r``. ``x`` in Latin is ``ks``.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from workbench.articles.normalize import normalize_key

__all__ = [
    "fold_arabic",
    "fold_latin",
    "is_arabic",
    "latin_match_key",
    "phonetic_latin",
    "skeleton",
    "skeleton_arabic",
    "skeleton_cyrillic",
    "skeleton_keys",
    "skeleton_latin",
    "translit_similarity",
    "transliterations",
]

_ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
_LATIN_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "at", "az", "an", "ash", "adh", "ath", "ul"})

# Arabic letter → skeleton class ("" = vowel or silent). Applied after normalize_key,
# so أ/إ/آ are already ا, ة is ه, ى is ي and Persian letters are folded.
_AR_SKELETON = {
    "ا": "", "و": "", "ي": "", "ء": "", "ع": "",
    "ب": "b", "پ": "b", "ت": "t", "ث": "t", "ج": "j", "چ": "S", "ح": "h", "خ": "x",
    "د": "d", "ذ": "z", "ر": "r", "ز": "z", "ژ": "j", "س": "s", "ش": "S", "ص": "s",
    "ض": "d", "ط": "t", "ظ": "z", "غ": "g", "ف": "f", "ڤ": "f", "ق": "k", "ك": "k",
    "گ": "g", "ل": "l", "م": "m", "ن": "n", "ه": "h",
}  # fmt: skip

_CY_SKELETON = {
    "а": "", "е": "", "ё": "", "и": "", "й": "", "о": "", "у": "", "ы": "", "э": "",
    "ю": "", "я": "", "ь": "", "ъ": "", "і": "", "ї": "", "є": "", "ў": "",
    "б": "b", "п": "b", "в": "f", "ф": "f", "г": "g", "ґ": "g", "д": "d", "ж": "j",
    "з": "z", "к": "k", "л": "l", "м": "m", "н": "n", "р": "r", "с": "s", "т": "t",
    "х": "x", "ц": "ts", "ч": "S", "ш": "S", "щ": "S",
}  # fmt: skip

# Latin digraphs first (longest match wins), then single letters.
_LAT_MULTI = (
    ("shch", "S"), ("dzh", "j"), ("sch", "S"), ("tch", "S"), ("kh", "x"), ("gh", "g"),
    ("zh", "j"), ("dj", "j"), ("sh", "S"), ("ch", "S"), ("th", "t"), ("dh", "z"),
    ("ph", "f"), ("ck", "k"),
)  # fmt: skip
_LAT_SINGLE = {
    "a": "", "e": "", "i": "", "o": "", "u": "", "y": "", "w": "",
    "b": "b", "p": "b", "c": "k", "d": "d", "f": "f", "v": "f", "g": "g", "h": "h",
    "j": "j", "k": "k", "q": "k", "l": "l", "m": "m", "n": "n", "r": "r", "s": "s",
    "t": "t", "x": "ks", "z": "z",
}  # fmt: skip


# Letters whose class is uncertain across transliteration traditions: the first class is
# the one of :func:`skeleton`, the others are tried by :func:`skeleton_keys`.
_AR_SKELETON_ALT = {"ذ": ("z", "d", "t"), "ث": ("t", "s"), "ج": ("j", "g"), "غ": ("g", "h"),
                    "ق": ("k", "g"), "ظ": ("z", "d")}  # fmt: skip
_MAX_KEYS = 16


_AR_FOLD = str.maketrans({"ڤ": "ف", "پ": "ب", "چ": "ج", "گ": "ك", "ژ": "ج", "ڨ": "ق"})


def fold_arabic(name: str) -> str:
    """Normalized Arabic name with the extra letters of foreign names folded (ڤ → ف, پ → ب ...).

    Examples
    --------
    >>> fold_arabic("ڤالينسيا")
    'فالينسيا'
    """
    return normalize_key(name).translate(_AR_FOLD)


def is_arabic(text: str) -> bool:
    """Whether ``text`` contains Arabic-script letters."""
    return _ARABIC_RE.search(text) is not None


@lru_cache(maxsize=65536)
def fold_latin(name: str) -> str:
    """Lower-case ASCII form of a Latin name: accents, apostrophes and soft signs removed.

    Examples
    --------
    >>> fold_latin("Ryl’sk")
    'rylsk'
    >>> fold_latin("Ḩamāh")
    'hamah'
    """
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    out = []
    for ch in decomposed:
        if unicodedata.combining(ch):
            continue
        if ch in "’'ʹʼʻʿʾ`´‘":
            continue
        if ch == "ß":
            out.append("ss")
        elif ch in "ıł":
            out.append("i" if ch == "ı" else "l")
        elif ch in "-–_/.,()":
            out.append(" ")
        else:
            out.append(ch)
    return " ".join("".join(out).split())


def _collapse(s: str) -> str:
    return "".join(k for k, _ in itertools.groupby(s))


def _drop_articles_latin(words: list[str]) -> list[str]:
    """Drop Arabic articles: ``al``/``el``/``ul`` anywhere, a sun-letter form only before
    its letter (``an Nasiriyah``, ``ash Shaykh``), so that pinyin «An Man» keeps its ``an``.
    """
    out = []
    for i, w in enumerate(words):
        last = i == len(words) - 1
        nxt = words[i + 1] if not last else ""
        if not last and w in _LATIN_ARTICLES and (w in ("al", "el", "ul") or nxt.startswith(w[1:])):
            continue
        out.append(w)
    return out


@lru_cache(maxsize=65536)
def skeleton_latin(name: str) -> str:
    """Consonant skeleton of a Latin-script name.

    Examples
    --------
    >>> skeleton_latin("Kursk"), skeleton_latin("Mar’ino"), skeleton_latin("Zaporizhzhia")
    ('krsk', 'mrn', 'zbrj')
    """
    words = _drop_articles_latin(fold_latin(name).split())
    out: list[str] = []
    for w in words:
        # A final "h" after a vowel is usually the Arabic tā' marbūṭa (Hamah, Jeddah).
        if len(w) > 2 and w.endswith("h") and w[-2] in "aeiou":
            w = w[:-1]
        i = 0
        while i < len(w):
            for src, dst in _LAT_MULTI:
                if w.startswith(src, i):
                    out.append(dst)
                    i += len(src)
                    break
            else:
                ch = w[i]
                if ch == "c" and i + 1 < len(w) and w[i + 1] in "eiy":
                    out.append("s")
                else:
                    out.append(_LAT_SINGLE.get(ch, ""))
                i += 1
    return _collapse("".join(out))


def _arabic_words(name: str) -> list[str]:
    words = []
    for w in normalize_key(name).split():
        if w.startswith("ال") and len(w) > 3:
            w = w[2:]
        # Word-final ه is almost always ة (normalized), i.e. a vowel.
        if len(w) > 2 and w.endswith("ه"):
            w = w[:-1]
        words.append(w.replace("تش", "چ").replace("دج", "ج"))
    return words


@lru_cache(maxsize=65536)
def skeleton_arabic(name: str) -> str:
    """Consonant skeleton of an Arabic-script name (normalized first).

    Examples
    --------
    >>> skeleton_arabic("كورسك"), skeleton_arabic("مارينو"), skeleton_arabic("زابوروجيا")
    ('krsk', 'mrn', 'zbrj')
    """
    return _collapse("".join(_AR_SKELETON.get(ch, "") for w in _arabic_words(name) for ch in w))


@lru_cache(maxsize=65536)
def skeleton_cyrillic(name: str) -> str:
    """Consonant skeleton of a Cyrillic name (Russian/Ukrainian/Belarusian letters)."""
    s = name.casefold().replace("дж", "ж")
    return _collapse("".join(_CY_SKELETON.get(ch, "") for ch in s))


def skeleton(name: str) -> str:
    """Consonant skeleton of ``name`` in whichever script it is written.

    Returns an empty string for scripts without a mapping (CJK, Greek ...).
    """
    if is_arabic(name):
        return skeleton_arabic(name)
    if _CYRILLIC_RE.search(name):
        return skeleton_cyrillic(name)
    return skeleton_latin(name)


@lru_cache(maxsize=65536)
def skeleton_keys(name: str) -> tuple[str, ...]:
    """All skeleton keys of ``name``: :func:`skeleton` first, then spelling alternatives.

    Arabic letters rendered differently by different traditions (غ as ``g`` or the
    Ukrainian ``h``, ذ as ``z``/``d``/``th`` ...) give several keys; a Latin name ending
    in a vowel + ``h`` gets a key with and without that ``h`` (Hamah حماة, Rafah رفح).
    The gazetteer indexes Latin names under all their keys and queries all keys of an
    Arabic mention.

    Examples
    --------
    >>> skeleton_keys("رفح"), skeleton_keys("Rafah")
    (('rfh',), ('rf', 'rfh'))
    """
    if is_arabic(name):
        classes = [
            # A word-initial و is the consonant v/w (والنسيا Valencia, فولغوغراد is ف).
            ("", "f") if i == 0 and ch == "و" else _AR_SKELETON_ALT.get(ch, (_AR_SKELETON.get(ch, ""),))
            for w in _arabic_words(name)
            for i, ch in enumerate(w)
        ]
        keys: dict[str, None] = {}
        for combo in itertools.product(*classes):
            keys.setdefault(_collapse("".join(combo)), None)
            if len(keys) >= _MAX_KEYS:
                break
        return tuple(k for k in keys if k)
    if _CYRILLIC_RE.search(name):
        key = skeleton_cyrillic(name)
        return (key,) if key else ()
    key = skeleton_latin(name)
    words = fold_latin(name).split()
    out = [key] if key else []
    if words and len(words[-1]) > 2 and words[-1].endswith("h") and words[-1][-2] in "aeiou":
        with_h = _collapse(key + "h")
        if with_h != key:
            out.append(with_h)
    return tuple(out)


# Latin spellings of each Arabic letter, most likely first. "" means "may be silent".
_AR_LATIN: dict[str, tuple[str, ...]] = {
    "ا": ("a", "e", "o", ""), "و": ("o", "u", "v", "w", "ov"), "ي": ("i", "y", "e", "ie", "ey"),
    "ء": ("",), "ع": ("", "a"),
    "ب": ("b", "p"), "پ": ("p",), "ت": ("t",), "ث": ("th", "s", "t"), "ج": ("j", "zh", "g", "dj"),
    "چ": ("ch",), "ح": ("h", ""), "خ": ("kh", "h", "ch"), "د": ("d",), "ذ": ("dh", "z", "th"),
    "ر": ("r",), "ز": ("z", "s"), "ژ": ("zh", "j"), "س": ("s", "ss"), "ش": ("sh", "ch", "sch"),
    "ص": ("s",), "ض": ("d", "dh"), "ط": ("t",), "ظ": ("z", "dh"), "غ": ("g", "gh", "h"),
    "ف": ("f", "v", "ph"), "ڤ": ("v",), "ق": ("q", "k", "g"), "ك": ("k", "c", "ck"),
    "گ": ("g",), "ل": ("l",), "م": ("m",), "ن": ("n",), "ه": ("h", "a", ""),
}  # fmt: skip
_AR_LATIN_DIGRAPHS = {
    "تش": ("ch", "tch", "tsh"), "دج": ("dzh", "j", "dj"), "تس": ("ts", "tz"),
    "يو": ("yu", "iu", "yo", "io", "u", "iou", "eo"), "يا": ("ya", "ia", "a", "iya", "ja"),
}  # fmt: skip
_AR_LATIN_INITIAL = {"اي": ("i", "ei", "ai", "e", "y", "ie"), "او": ("o", "u", "au", "ou", "ow")}


def _arabic_units(word: str) -> list[tuple[str, ...]]:
    units: list[tuple[str, ...]] = []
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        if i == 0 and pair in _AR_LATIN_INITIAL:
            units.append(_AR_LATIN_INITIAL[pair])
            i += 2
            continue
        if pair in _AR_LATIN_DIGRAPHS:
            units.append(_AR_LATIN_DIGRAPHS[pair])
            i += 2
            continue
        ch = word[i]
        opts = _AR_LATIN.get(ch, (ch,) if ch.isascii() else ("",))
        if i == 0 and ch == "ا":
            opts = ("a", "i", "e", "o", "u")
        elif i == 0 and ch in "وي":
            opts = ("v", "w", "y", "o", "u", "i") if ch == "و" else ("y", "i", "e", "ye", "j")
        elif i == len(word) - 1 and ch == "ه":
            opts = ("a", "ah", "")
        elif i == len(word) - 1 and ch == "ي":
            opts = ("i", "y", "iy", "e")
        elif i == len(word) - 1 and ch == "ا":
            opts = ("a", "ia", "ya", "e")
        units.append(opts)
        i += 1
    return units


@lru_cache(maxsize=8192)
def transliterations(name: str, max_variants: int = 96) -> tuple[str, ...]:
    """Candidate Latin spellings of an Arabic-script name, most likely first.

    Variants are enumerated by increasing number of non-default letter choices, so the
    cap keeps the most plausible ones. Output is lower-case ASCII without spaces.

    Parameters
    ----------
    name
        Arabic-script name (normalized inside).
    max_variants
        Upper bound of the number of returned spellings.

    Returns
    -------
    tuple of str

    Examples
    --------
    >>> transliterations("كورسك")[0]
    'korsk'
    >>> "kursk" in transliterations("كورسك")
    True
    """
    words = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in normalize_key(name).split()]
    units = [u for w in words for u in _arabic_units(w)]
    if not units:
        return ()
    seen: dict[str, None] = {}
    ambiguous = [i for i, u in enumerate(units) if len(u) > 1]
    for k in range(len(ambiguous) + 1):
        for positions in itertools.combinations(ambiguous, k):
            alt_choices = [units[p][1:] for p in positions]
            for choice in itertools.product(*alt_choices):
                picked = dict(zip(positions, choice, strict=True))
                s = "".join(picked.get(i, u[0]) for i, u in enumerate(units))
                seen.setdefault(s, None)
                if len(seen) >= max_variants:
                    return tuple(seen)
    return tuple(seen)


@lru_cache(maxsize=65536)
def latin_match_key(latin: str) -> str:
    """Folded Latin name without spaces and Arabic articles, compared to transliterations.

    Examples
    --------
    >>> latin_match_key("Deir ez-Zor"), latin_match_key("Al Ḩasakah")
    ('deirezzor', 'hasakah')
    """
    words = fold_latin(latin).split()
    return phonetic_latin("".join(_drop_articles_latin(words)) or "".join(words))


_PHONETIC = ((re.compile(r"c(?=[eiy])"), "s"), (re.compile(r"ph"), "f"), (re.compile(r"ck"), "k"),
             (re.compile(r"q"), "k"), (re.compile(r"x"), "ks"))  # fmt: skip


def phonetic_latin(s: str) -> str:
    """Spelling-neutral form of a folded Latin string (soft ``c`` → ``s``, ``ph`` → ``f`` ...).

    Applied to both Latin names and generated transliterations before comparing them.

    Examples
    --------
    >>> phonetic_latin("valencia"), phonetic_latin("philippopolis")
    ('valensia', 'filippopolis')
    """
    for pattern, repl in _PHONETIC:
        s = pattern.sub(repl, s)
    return s


def translit_similarity(arabic: str, latin: str) -> float:
    """How well a Latin name matches an Arabic-script name, in [0, 1].

    The best rapidfuzz ratio between the folded Latin name (spaces removed) and the
    transliteration candidates of ``arabic``.

    Examples
    --------
    >>> translit_similarity("غلوشكوفو", "Glushkovo") == 1.0
    True
    >>> translit_similarity("كورسك", "Kazan") < 0.6
    True
    """
    target = latin_match_key(latin)
    if not target:
        return 0.0
    # Arabic script has no doubled letters (shadda is stripped): compare undoubled too.
    targets = {target, re.sub(r"(.)\1", r"\1", target.replace("zhzh", "zh"))}
    best = 0.0
    for cand in map(phonetic_latin, transliterations(arabic)):
        for t in targets:
            r = fuzz.ratio(cand, t)
            if r > best:
                best = r
        if best >= 100.0:
            break
    return best / 100.0

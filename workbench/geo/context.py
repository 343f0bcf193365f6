"""Text cues around a place mention: trigger words, country adjectives, containment.

Pure functions over the article text and character offsets (which index the original
text). They read a few words around a mention and return normalized cues for the ranking.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from workbench.articles.normalize import normalize_key
from workbench.geo.nisba import country_adjectives

__all__ = [
    "TRIGGERS",
    "MentionCues",
    "clean_mention",
    "container_index",
    "following_adjective",
    "mention_cues",
    "next_mention_relation",
    "preceding_trigger",
    "split_mention",
]

# Normalized trigger word → the kind of place it announces.
TRIGGERS: dict[str, str] = {
    normalize_key(w): k
    for w, k in (
        ("مدينة", "city"), ("المدينة", "city"), ("قرية", "village"), ("القرية", "village"),
        ("بلدة", "town"), ("البلدة", "town"), ("بلدات", "town"), ("قرى", "village"),
        ("منطقة", "region"), ("مقاطعة", "region"), ("إقليم", "region"), ("محافظة", "region"),
        ("ولاية", "region"), ("أوبلاست", "region"), ("جمهورية", "country"), ("دولة", "country"),
        ("العاصمة", "capital"), ("عاصمة", "capital"), ("ميناء", "city"), ("مدن", "city"),
    )
}  # fmt: skip

_PROCLITICS = ("وب", "وفي", "فب", "و", "ف", "ب", "ل", "ك")
_LAST_WORD = re.compile(r"([^\s،,.:;؛!?؟\"“”«»()\[\]]+)\s+$")
_WORD = re.compile(r"[^\s،,.:;؛!?؟\"“”«»()\[\]]+")
# Words between two mentions that make the second the container of the first.
_CONTAINMENT_GAPS = frozenset(
    normalize_key(g)
    for g in (
        "في", "ب", "ب ", "بمنطقة", "في منطقة", "في مقاطعة", "بمقاطعة", "في إقليم", "بإقليم",
        "في محافظة", "بمحافظة", "في ولاية", "بولاية", "من", "من منطقة", "من مقاطعة",
        "التابعة ل", "التابعة لمنطقة", "التابعة لمقاطعة", "في جمهورية", "بجمهورية", "شمال",
        "جنوب", "في شمال", "في جنوب", "في شرق", "في غرب", "شرق", "غرب", "غربي", "شرقي",
        "لمنطقة", "لمقاطعة", "لمحافظة", "لولاية", "ضمن", "في ريف", "بريف",
        "في محيط", "داخل", "في قضاء", "بقضاء", "في ناحية", "في مديرية", "بمديرية",
    )
)  # fmt: skip


# «X الواقعة في Y», «X التابعة لY», «X الواقعة على بعد ... من Y» is not containment.
_RELATIVE_WORDS = frozenset(
    normalize_key(w)
    for w in ("الواقعة", "الواقع", "الواقعه", "التابعة", "التابع", "الكائنة", "الكائن", "وهي", "وهو")
)


@dataclass(frozen=True, slots=True)
class MentionCues:
    """Cues for one mention.

    Attributes
    ----------
    core
        The mention without a leading trigger word (``"منطقة كورسك"`` → ``"كورسك"``).
    trigger
        Kind announced by a trigger word before or at the start of the mention
        (``city``, ``village``, ``town``, ``region``, ``capital``, ``country``) or ``None``.
    trigger_word
        The normalized trigger word itself.
    adjective_country
        ISO code of a country adjective right after the mention (``الروسية`` → ``RU``).
    adjective
        The normalized adjective.
    """

    core: str
    trigger: str | None = None
    trigger_word: str | None = None
    adjective_country: str | None = None
    adjective: str | None = None


def _strip_proclitic(word: str) -> list[str]:
    out = [word]
    for p in _PROCLITICS:
        if word.startswith(p) and len(word) > len(p) + 2:
            out.append(word[len(p) :])
    return out


def _trigger_of(word: str) -> tuple[str, str] | None:
    for w in _strip_proclitic(normalize_key(word)):
        if w in TRIGGERS:
            return w, TRIGGERS[w]
    return None


_NOISE = re.compile(r"[#_\d\u0660-\u0669\u200b-\u200f\u2060-\u2064\ufeff]+")


def clean_mention(mention: str) -> str:
    """Mention text without hashtag marks, underscores and digits (social-media forms).

    Examples
    --------
    >>> clean_mention("#حفر_الباطن"), clean_mention("الامارات71")
    ('حفر الباطن', 'الامارات')
    """
    return " ".join(_NOISE.sub(" ", mention).split())


def split_mention(mention: str) -> tuple[str, str | None, str | None]:
    """Split a leading trigger word off a mention.

    Returns
    -------
    tuple
        ``(core, trigger_kind, trigger_word)``; ``core`` is the mention itself when it has
        no trigger word or only a trigger word.

    Examples
    --------
    >>> split_mention("منطقة كورسك")
    ('كورسك', 'region', 'منطقه')
    """
    words = mention.split()
    if len(words) > 1:
        hit = _trigger_of(words[0])
        if hit:
            return " ".join(words[1:]), hit[1], hit[0]
    return mention, None, None


def preceding_trigger(text: str, start: int) -> tuple[str, str] | None:
    """Trigger word immediately before ``text[start:]`` as ``(word, kind)``, or ``None``.

    A proclitic on the trigger is allowed (``بمنطقة``, ``وفي مدينة`` → ``مدينة``).
    """
    m = _LAST_WORD.search(text[max(0, start - 40) : start])
    return _trigger_of(m.group(1)) if m else None


def following_adjective(
    text: str, end: int, table: Mapping[str, str] | None = None
) -> tuple[str, str] | None:
    """Country adjective right after a mention as ``(adjective, iso2)``, or ``None``.

    Two-word adjectives (``الكورية الشمالية``) are tried before one-word ones.
    """
    table = country_adjectives() if table is None else table
    window = text[end : end + 60]
    if window[:1] not in (" ", "\u00a0"):
        return None
    words = _WORD.findall(window)[:2]
    if len(words) == 2:
        two = normalize_key(" ".join(words))
        if two in table:
            return two, table[two]
    if words:
        one = normalize_key(words[0])
        if one in table:
            return one, table[one]
    return None


def next_mention_relation(
    text: str, mentions: Sequence[tuple[int, int, str]], i: int, *, max_gap: int = 24
) -> tuple[int, str] | None:
    """How mention ``i`` relates to the next mention of the text, from the words between them.

    Returns
    -------
    tuple or None
        ``(j, relation)`` with ``relation`` one of ``"in"`` («X في Y», «X بمنطقة Y»,
        «X شمال Y» ...), ``"comma"`` («X، Y»: Y contains X only if Y is a region or
        country) and ``"and"`` («X وY»: X shares Y's container); ``None`` otherwise.
    """
    end_i = mentions[i][1]
    following = sorted(
        (j for j, m in enumerate(mentions) if m[0] >= end_i and j != i),
        key=lambda j: mentions[j][0],
    )
    if not following:
        return None
    j = following[0]
    gap = text[end_i : mentions[j][0]]
    if len(gap) > max_gap or "\n" in gap:
        return None
    g = normalize_key(gap)
    if g in ("،", ","):
        return j, "comma"
    if g in ("و", "، و", ", و", "او", "ثم"):
        return j, "and"
    # «في قرية مارينو الواقعة في منطقة كورسك»: a relative «located/belonging» word first.
    words = g.split()
    if len(words) > 1 and words[0] in _RELATIVE_WORDS:
        g = " ".join(words[1:])
    # «في قرية مارينو في كورسك»: a trailing proclitic glued to Y stays in the gap.
    if g in _CONTAINMENT_GAPS or g.replace(" ", "") in _CONTAINMENT_GAPS:
        return j, "in"
    return None


def container_index(
    text: str, mentions: Sequence[tuple[int, int, str]], i: int, *, max_gap: int = 24
) -> int | None:
    """Index of the mention that may contain mention ``i`` («X في Y», «X، Y»), or ``None``."""
    rel = next_mention_relation(text, mentions, i, max_gap=max_gap)
    return rel[0] if rel and rel[1] in ("in", "comma") else None


def mention_cues(text: str, start: int, end: int, table: Mapping[str, str] | None = None) -> MentionCues:
    """All cues of the mention ``text[start:end]``."""
    table = country_adjectives() if table is None else table
    core, kind, word = split_mention(clean_mention(text[start:end]) or text[start:end])
    if kind is None:
        hit = preceding_trigger(text, start)
        if hit:
            word, kind = hit
    adj = following_adjective(text, end, table)
    words = core.split()
    if adj is None and len(words) > 1:
        # The entity span may include the adjective: «كورسك الروسية».
        for n in (2, 1):
            tail = normalize_key(" ".join(words[-n:]))
            if len(words) > n and tail in table:
                adj = (tail, table[tail])
                core = " ".join(words[:-n])
                break
    return MentionCues(
        core=core,
        trigger=kind,
        trigger_word=word,
        adjective_country=adj[1] if adj else None,
        adjective=adj[0] if adj else None,
    )

"""Rule component: place names from the gazetteer, matched on normalized tokens.

A dictionary of normalized names (one to several tokens) is matched against
token n-grams, longest first. Single-word names are the risky ones («صور» is
Tyre and "pictures"), so a single-word match is kept only with evidence: the
place is prominent (country, region, large city), a place trigger precedes it
(«قرية مارينو»), or a preposition does («في كورسك»).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from workbench.articles.normalize import normalize_key
from workbench.nlp.lexicon import FUNCTION_WORDS, PERSON_TITLES, PLACE_TRIGGERS
from workbench.nlp.spans import EntitySpan

__all__ = ["GazetteerRuler", "PlaceName", "find_place_spans"]

SPAN_KEY = "wb_gazetteer"
PRIO_PLACE = 10
PRIO_PLACE_WEAK = 5
_PREPOSITIONS = frozenset(
    {
        "في",
        "من",
        "الي",
        "علي",
        "عن",
        "قرب",
        "شمال",
        "جنوب",
        "شرق",
        "غرب",
        "وسط",
        "داخل",
        "خارج",
        "نحو",
        "باتجاه",
        "بين",
        "حول",
    }
)
# Proclitic tokens split off by the tokenizer that act like prepositions.
_TANWEEN = frozenset("\u064b\u064c\u064d")
_CLITIC_PREPS = frozenset({"ب", "ل", "لل", "وب", "ول", "فب", "فل"})


@dataclass(frozen=True, slots=True)
class PlaceName:
    """What the ruler knows about a name, i.e. how much context a one-word match needs.

    Attributes
    ----------
    prominent
        Country, region or large city: accepted without context.
    ambiguous
        Also an everyday word («صور» pictures/Tyre): needs a place trigger («مدينة صور»).
    frequent
        A frequent word of Arabic text and not a prominent place: needs a trigger.
    country
        A country name: always accepted.
    soft
        Often a place, often a word («سيول» Seoul/floods): needs a preposition or a trigger.
    """

    prominent: bool
    ambiguous: bool = False
    frequent: bool = False
    country: bool = False
    soft: bool = False


def find_place_spans(
    norms: list[str],
    names: Mapping[str, PlaceName],
    max_len: int = 5,
    indefinite: Sequence[bool] | None = None,
) -> list[EntitySpan]:
    """Place-name candidates over normalized tokens, longest match first.

    Parameters
    ----------
    norms
        Normalized token texts.
    names
        Normalized names (tokens joined by one space) and what is known of them.
    max_len
        Longest name in tokens.
    indefinite
        Per token, whether it carries tanween as written («بريطانيًا» "British",
        not «بريطانيا» Britain): such a token never starts a one-word place.
    """
    spans: list[EntitySpan] = []
    i, n = 0, len(norms)
    while i < n:
        found = 0
        for length in range(min(max_len, n - i), 0, -1):
            key = " ".join(norms[i : i + length])
            info = names.get(key)
            if info is None and length > 1:
                info = names.get(key.replace(" ", ""))  # «بيونغ يانغ» = «بيونغيانغ»
            if info is None:
                continue
            if length == 1 and indefinite is not None and indefinite[i]:
                break
            if _accept(norms, i, length, info):
                prio = PRIO_PLACE if length > 1 or info.prominent else PRIO_PLACE_WEAK
                spans.append(EntitySpan(i, i + length, "LOC", prio, "gazetteer"))
                found = length
            break
        i += found or 1
    return spans


# Words around a city name that make it a sports team («فاز برشلونة على ريال مدريد»).
SPORTS_CONTEXT = frozenset(
    normalize_key(w)
    for w in [
        "فريق",
        "نادي",
        "منتخب",
        "لاعب",
        "لاعبي",
        "مباراة",
        "مباراه",
        "ضد",
        "فاز",
        "فوز",
        "تعادل",
        "هدف",
        "أهداف",
        "الدوري",
        "دوري",
        "كأس",
        "بطولة",
        "البطولة",
        "مدرب",
        "الملعب",
        "ملعب",
        "ذهاب",
        "إياب",
        "الفريق",
        "النادي",
        "المنتخب",
        "تغلب",
        "خسر",
        "هزم",
        "يونايتد",
        "سيتي",
        "ريال",
    ]
)
SPORTS_WINDOW = 4


def _in_sports_context(norms: list[str], i: int, length: int) -> bool:
    lo, hi = max(0, i - SPORTS_WINDOW), min(len(norms), i + length + SPORTS_WINDOW)
    return any(norms[k] in SPORTS_CONTEXT for k in range(lo, hi) if not i <= k < i + length)


def _accept(norms: list[str], i: int, length: int, info: PlaceName) -> bool:
    word = norms[i]
    if not info.country and _in_sports_context(norms, i, length):
        return False  # a club named after its city is an organization, not a place
    if word in FUNCTION_WORDS or word in PERSON_TITLES or word in PLACE_TRIGGERS:
        return False
    if length == 1 and word[:1] in ("و", "ف") and word[1:] in FUNCTION_WORDS:
        return False  # «وإن» is not Van (Turkey)
    if length == 1 and len(word) < 3:
        return False
    last = norms[i + length - 1]
    if length > 1 and (len(last) < 2 or last in FUNCTION_WORDS or len(word) < 2):
        return False  # a name does not end on «و» or «من» («اول من», «ايران و»)
    prev = norms[i - 1] if i > 0 else ""
    triggered = prev in PLACE_TRIGGERS
    if info.ambiguous:
        return triggered
    if length > 1 or info.country or triggered:
        return True
    prepositional = prev in _PREPOSITIONS or prev in _CLITIC_PREPS
    if info.soft:
        return prepositional
    if info.prominent:
        return True
    return prepositional and not info.frequent


class GazetteerRuler:
    """spaCy component storing place candidates in ``doc.spans["wb_gazetteer"]``.

    Parameters
    ----------
    names
        Normalized place names; see :class:`PlaceName`. Set later with :meth:`set_names`.
    """

    def __init__(self, nlp: Language, name: str = "gazetteer_ruler") -> None:
        self.name = name
        self.names: dict[str, PlaceName] = {}
        self.max_len = 1

    def set_names(self, names: Iterable[tuple[str, PlaceName]]) -> None:
        """Replace the dictionary of names."""
        self.names = dict(names)
        self.max_len = max((k.count(" ") + 1 for k in self.names), default=1)

    def __call__(self, doc: Doc) -> Doc:
        norms = [t.norm_ for t in doc]
        indefinite = [any(ch in _TANWEEN for ch in t.text) for t in doc]
        doc.spans[SPAN_KEY] = [
            Span(doc, s.start, s.end, label=s.label, kb_id=f"{s.priority}:{s.source}")
            for s in find_place_spans(norms, self.names, self.max_len, indefinite)
        ]
        return doc


@Language.factory("workbench_gazetteer_ruler")
def make_gazetteer_ruler(nlp: Language, name: str) -> GazetteerRuler:
    """Factory for :class:`GazetteerRuler`."""
    return GazetteerRuler(nlp, name)

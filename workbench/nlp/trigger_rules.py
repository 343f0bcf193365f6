"""Rule component: persons after titles, organizations after trigger nouns, quoted names.

The rules are pure functions over a list of :class:`Tok` (text, normalized form,
punctuation flag) so they can be tested without spaCy; :class:`TriggerRules` is
the thin spaCy component that runs them and stores the spans in
``doc.spans["wb_triggers"]``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from workbench.articles.normalize import normalize_key
from workbench.nlp.lexicon import (
    FUNCTION_WORDS,
    KNOWN_ORGS,
    MEDIA_TRIGGERS,
    MISC_TRIGGERS,
    NAME_CONNECTORS,
    ORG_TRIGGERS,
    PERSON_TITLES,
    PLACE_TRIGGERS,
    person_names,
    word_counts,
)
from workbench.nlp.spans import EntitySpan

__all__ = ["Tok", "TriggerRules", "find_trigger_spans"]

SPAN_KEY = "wb_triggers"
OPEN_QUOTES = {"“", "«", '"', "‹", "„", "'", "‘"}
CLOSE_QUOTES = {"”", "»", '"', "›", "’", "'"}
MAX_NAME = 4
PROCLITIC_TOKENS = frozenset(
    {"و", "ف", "ب", "ل", "ك", "لل", "وب", "ول", "وك", "فب", "فل", "فك", "ولل", "فلل"}
)
MAX_QUOTED = 6

# Priorities: quoted names and known organizations beat everything; title+name
# beats gazetteer places (a person named like a town stays a person).
PRIO_QUOTED = 30
PRIO_KNOWN_ORG = 25
PRIO_PERSON = 20
PRIO_ORG = 15
PRIO_PLACE_TRIGGER = 7
PLACE_CONTINUATION_MAX_COUNT = 30
MAX_PLACE = 3


@dataclass(frozen=True, slots=True)
class Tok:
    """The little a rule needs to know about a token."""

    text: str
    norm: str
    is_punct: bool
    is_newline: bool = False


def _is_adjective(norm: str) -> bool:
    # nisba adjectives with the article: الروسي، الأوكرانية، الشماليين
    return norm.startswith("ال") and (norm.endswith(("ي", "يه", "يين", "يون", "يات")) and len(norm) >= 5)


def _is_name_token(t: Tok) -> bool:
    if t.is_punct or t.is_newline or len(t.norm) < 2 or t.norm in PROCLITIC_TOKENS:
        return False
    if t.norm in FUNCTION_WORDS or t.norm in PERSON_TITLES or t.norm in ORG_TRIGGERS:
        return False
    if t.norm in PLACE_TRIGGERS:
        return False
    if any(ch.isdigit() for ch in t.norm):
        return False
    if t.norm.startswith("ال") and t.norm not in NAME_CONNECTORS:
        return False
    return not _is_clitic_word(t.norm)


CLITIC_REST_COUNT = 80
FAMILY_NAME_MAX_COUNT = 150


def _is_family_name_with_article(t: Tok) -> bool:
    """«الصفدي», «السيسي»: an «ال» word rare enough in general text to be a family name."""
    return (
        t.norm.startswith("ال")
        and len(t.norm) >= 5
        and not t.is_punct
        and t.norm not in FUNCTION_WORDS
        and word_counts().get(t.norm, 0) < FAMILY_NAME_MAX_COUNT
    )


def _is_clitic_word(norm: str) -> bool:
    """A proclitic attached to an everyday word («بنظيره»): it ends a name run."""
    if norm in person_names() or norm in NAME_CONNECTORS or len(norm) < 4:
        return False
    counts = word_counts()
    return norm[0] in "وفبلك" and counts.get(norm[1:], 0) >= CLITIC_REST_COUNT > counts.get(norm, 0)


def _name_run(toks: Sequence[Tok], i: int) -> int:
    """End index of a person-name run starting at ``i`` (== i when there is none)."""
    j = i
    words = 0  # connectors («بن», «آل», «عبد») do not count towards MAX_NAME
    while j < len(toks) and words < MAX_NAME:
        t = toks[j]
        prev = toks[j - 1].norm if j > i else ""
        if prev in {"عبد", "ابو", "ابي", "ال"} and t.norm.startswith("ال"):
            j += 1  # «عبد الله», «أبو الغيط»
            continue
        if not _is_name_token(t):
            if words and _is_family_name_with_article(t):
                j += 1  # «أيمن الصفدي»: a rare «ال» word closes the name
            break
        if t.norm not in NAME_CONNECTORS:
            words += 1
        j += 1
    # a run may not end on a connector («بن»)
    while j > i and toks[j - 1].norm in NAME_CONNECTORS:
        j -= 1
    return j


def _find_persons(toks: Sequence[Tok]) -> list[EntitySpan]:
    spans: list[EntitySpan] = []
    names = person_names()
    for i, t in enumerate(toks):
        if t.norm not in PERSON_TITLES:
            continue
        # skip descriptors (adjectives, «ال» genitives) up to a comma:
        # «مستشار الأمن القومي في كوريا الجنوبية، شين وون سيك،»
        j = i + 1
        while j < len(toks) and j - i <= 3 and _is_adjective(toks[j].norm):
            j += 1
        if j < len(toks) and toks[j].text in {"،", ","}:
            j += 1
        end = _name_run(toks, j)
        if end > j:
            spans.append(EntitySpan(j, end, "PER", PRIO_PERSON, "title"))
            continue
        # apposition further on: title … ، NAME ،
        k = j
        while k < len(toks) and k - i <= 8 and not toks[k].is_newline and toks[k].text not in {".", "؟", "!"}:
            if toks[k].text in {"،", ","}:
                end = _name_run(toks, k + 1)
                if end > k + 1 and end < len(toks) and toks[end].text in {"،", ",", "."}:
                    spans.append(EntitySpan(k + 1, end, "PER", PRIO_PERSON, "title-apposition"))
                break
            k += 1
    # a known given name followed by a name token: «أحمد حسن»
    for i, t in enumerate(toks):
        if t.norm in names and i + 1 < len(toks):
            end = _name_run(toks, i)
            if end - i >= 2:
                spans.append(EntitySpan(i, end, "PER", PRIO_PERSON - 5, "given-name"))
    return spans


def _quoted(toks: Sequence[Tok], i: int) -> int:
    """End (index of the closing quote) of a quotation opening at ``i``, or -1."""
    if toks[i].text not in OPEN_QUOTES:
        return -1
    for j in range(i + 1, min(len(toks), i + 2 + MAX_QUOTED)):
        if toks[j].text in CLOSE_QUOTES:
            return j if j > i + 1 else -1
        if toks[j].is_newline or toks[j].text in {".", "؟", "!", ":"}:
            return -1
    return -1


def _find_orgs_and_misc(toks: Sequence[Tok]) -> list[EntitySpan]:
    spans: list[EntitySpan] = []
    for i, t in enumerate(toks):
        if t.norm in ORG_TRIGGERS or t.norm in MISC_TRIGGERS:
            label = "ORG" if t.norm in ORG_TRIGGERS else "MISC"
            j = i + 1
            if j < len(toks) and (close := _quoted(toks, j)) > 0:
                spans.append(EntitySpan(j + 1, close, label, PRIO_QUOTED, "quoted"))
                continue
            if label != "ORG":
                continue
            if t.norm in MEDIA_TRIGGERS:
                end = _name_run(toks, j)
                if end > j:  # «صحيفة وول ستريت جورنال» → the name only
                    spans.append(EntitySpan(j, end, "ORG", PRIO_ORG, "media-name"))
                    continue
            # trigger + «ال» genitive chain: «وزارة الدفاع الروسية», «هيئة الاستخبارات الوطنية»
            k = j
            while k < len(toks) and k - j < 4 and toks[k].norm.startswith("ال") and len(toks[k].norm) > 3:
                if toks[k].norm in FUNCTION_WORDS:
                    break
                k += 1
            if k == j and j < len(toks) and _is_place_name_token(toks[j]):
                # «بنك دبي الإسلامي», «جامعة بغداد»: trigger + a proper name (+ adjectives)
                k = j + 1
                while k < len(toks) and k - j < 3 and _is_adjective(toks[k].norm):
                    k += 1
                spans.append(EntitySpan(i, k, "ORG", PRIO_ORG, "trigger-name"))
                continue
            if k > j and toks[k - 1].norm in PERSON_TITLES and (end := _name_run(toks, k)) > k:
                # «جامعة الملك سعود»: the organization is named after a person; it wins over the person
                spans.append(EntitySpan(i, end, "ORG", PRIO_PERSON + 1, "trigger-eponym"))
            elif k > j:
                spans.append(EntitySpan(i, k, "ORG", PRIO_ORG, "trigger-chain"))
    # organizations written without a trigger
    norms = [t.norm for t in toks]
    for org in KNOWN_ORGS:
        parts = org.split()
        n = len(parts)
        for i in range(len(norms) - n + 1):
            if norms[i : i + n] == parts:
                spans.append(EntitySpan(i, i + n, "ORG", PRIO_KNOWN_ORG, "known-org"))
    return spans


PLACE_NAME_HEADS = frozenset(
    normalize_key(w)
    for w in [
        "باب",
        "رأس",
        "عين",
        "دير",
        "جسر",
        "تل",
        "بئر",
        "جبل",
        "وادي",
        "كفر",
        "بيت",
        "خان",
        "سوق",
        "مرج",
        "أم",
        "أبو",
    ]
)


def _is_place_name_token(t: Tok) -> bool:
    if not _is_name_token(t) or t.norm in NAME_CONNECTORS:
        return False
    # indefinite adjectives follow place nouns too: «منطقة عازلة», «قرية نائية»
    return not t.text.rstrip("\u064b\u064c\u064d").endswith(("ة", "ية"))


def _find_places_after_triggers(toks: Sequence[Tok]) -> list[EntitySpan]:
    """«قرية مارينو», «بلدة سودجا»: a name right after a place noun is a place,
    even when no gazetteer knows it (the geocoder then decides how precisely)."""
    spans = []
    for i, t in enumerate(toks[:-1]):
        if t.norm not in PLACE_TRIGGERS:
            continue
        j = i + 1
        while j < len(toks) and j - i <= MAX_PLACE and _is_place_name_token(toks[j]):
            if j > i + 1 and word_counts().get(toks[j].norm, 0) >= PLACE_CONTINUATION_MAX_COUNT:
                break  # «قرية مارينو تعرضت…»: an everyday word ends the name
            j += 1
        if (
            j == i + 2
            and toks[i + 1].norm in PLACE_NAME_HEADS
            and j < len(toks)
            and toks[j].norm.startswith("ال")
        ):
            j += 1  # «معبر باب الهوى», «بلدة رأس العين»
        if j > i + 1:
            spans.append(EntitySpan(i + 1, j, "LOC", PRIO_PLACE_TRIGGER, "place-trigger"))
    return spans


def find_trigger_spans(toks: Sequence[Tok]) -> list[EntitySpan]:
    """All person/organization/misc/place candidates found by trigger rules (may overlap)."""
    return _find_persons(toks) + _find_orgs_and_misc(toks) + _find_places_after_triggers(toks)


def doc_toks(doc: Doc) -> list[Tok]:
    """The rule view of a spaCy Doc (``norm_`` is set by the normalizer component)."""
    return [Tok(t.text, t.norm_, t.is_punct or t.is_quote, "\n" in t.text) for t in doc]


class TriggerRules:
    """spaCy component storing trigger-rule candidates in ``doc.spans["wb_triggers"]``."""

    def __init__(self, nlp: Language, name: str = "trigger_rules") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        found = find_trigger_spans(doc_toks(doc))
        doc.spans[SPAN_KEY] = [
            Span(doc, s.start, s.end, label=s.label, kb_id=f"{s.priority}:{s.source}") for s in found
        ]
        return doc


@Language.factory("workbench_trigger_rules")
def make_trigger_rules(nlp: Language, name: str) -> TriggerRules:
    """Factory for :class:`TriggerRules`."""
    return TriggerRules(nlp, name)

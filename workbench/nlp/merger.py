"""Component that turns candidate spans (rules, gazetteer, model) into ``doc.ents``."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from workbench.nlp.lexicon import person_names
from workbench.nlp.spans import LABELS, EntitySpan, resolve_overlaps

__all__ = ["EntityMerger"]

SPAN_KEYS = ("wb_triggers", "wb_gazetteer")
# Rule sources kept next to a trained model: quoted names after a trigger, organizations
# known by name, «قرية X»-style places and organizations named after a person.
PRECISE_RULE_SOURCES = frozenset({"quoted", "known-org", "place-trigger", "trigger-eponym"})
# The default next to a model: those, the gazetteer's places (which the map needs),
# organizations named by a chain after a trigger noun («وزارة الدفاع الروسية») and media
# names after «صحيفة»/«قناة» («صحيفة وول ستريت جورنال»).
STANDARD_RULE_SOURCES = PRECISE_RULE_SOURCES | {"gazetteer", "trigger-chain", "media-name"}
# Rule sources whose label comes from an explicit trigger word and may relabel a model span.
LABELLING_RULE_SOURCES = frozenset(
    {"quoted", "known-org", "media-name", "trigger-eponym", "trigger-name", "title", "title-apposition"}
)
_TANWEEN = frozenset("\u064b\u064c\u064d")


def _widen(model_span: EntitySpan, rules: list[EntitySpan]) -> EntitySpan:
    """Let explicit context correct the model where the two agree on where a name is.

    A model span cut short («كيم جونج») takes the boundaries of a rule span of the same
    label that contains it («كيم جونج أون»); a span a trigger noun labels explicitly
    («صحيفة وول ستريت جورنال» → ORG) takes the trigger's label; a PER span of two or more
    words that is exactly a gazetteer place («بيونغ يانغ») becomes LOC. The model's
    priority is kept.
    """
    best = model_span
    for r in rules:
        contains = r.start <= best.start and r.end >= best.end
        if not contains:
            continue
        relabel = r.label != best.label and r.source in LABELLING_RULE_SOURCES
        # a name of two or more words that the gazetteer knows as a place, exactly, is a
        # place and not a person («بيونغ يانغ»); one-word names (صوفيا، جاكسون) stay
        relabel = relabel or (
            best.label == "PER"
            and r.label == "LOC"
            and r.source == "gazetteer"
            and (r.start, r.end) == (best.start, best.end)
            and best.length >= 2
        )
        if (r.label == best.label and r.length > best.length) or relabel:
            best = EntitySpan(r.start, r.end, r.label, model_span.priority, "model+" + r.source)
    return best


def is_adjective_token_span(span: Span) -> bool:
    """A span made only of adjectives, not a name: one word with tanween («بريطانيًا»
    "British"), or country adjectives and plural nationality nouns only («كوري شمالي»,
    «الروسية», «روس», «الأوروبيون»).

    Only nationality words count: a frequent word merely *ending* like a nisba is often a
    name («الرازي», «الأهلي», «دبي», «هنري»), and vetoing those cost the model 1.7 (ANERcorp
    dev) and 4.8 (AQMAR dev) F1 points (docs/ner.md, session 3)."""
    if len(span) == 1 and any(ch in _TANWEEN for ch in span[0].text):
        return True
    return all(_is_adjective_word(tok.norm_) for tok in span)


def _is_adjective_word(norm: str) -> bool:
    if norm in person_names():
        return False
    if len(norm) >= 5 and norm.endswith(("يين", "يون")):  # plural nisba: «كوريين», «شماليين»
        return True
    return norm in _PLURAL_NATIONALITIES or norm in _nationality_adjectives()


@lru_cache(maxsize=1)
def _nationality_adjectives() -> frozenset[str]:
    """Normalized country adjectives in every gender, number and article form, with the
    ambiguous «كوري» and the compass adjectives that complete them («كوري شمالي»)."""
    from workbench.geo.nisba import country_adjectives, nisba_forms

    words = set(country_adjectives())
    for stem in ("كوري", "شمالي", "جنوبي", "شرقي", "غربي", "أوروبي", "أفريقي", "آسيوي"):
        words.update(nisba_forms(stem))
    return frozenset(words)


# Plural nationality nouns that are not nisba-shaped.
_PLURAL_NATIONALITIES = frozenset({"روس", "عرب", "اكراد", "اتراك", "فرس", "افغان", "ارمن", "صرب"})


class EntityMerger:
    """Resolve overlaps between the model's entities and rule candidates.

    Parameters
    ----------
    model_priority
        Priority of entities already in ``doc.ents`` (set by a statistical NER).
        Rule spans carry theirs in ``kb_id`` as ``"priority:source"``.
    rule_sources
        Rule sources whose spans are used (``None``: all). With a trained model the
        pipeline keeps only the high-precision ones (:data:`PRECISE_RULE_SOURCES`):
        measured on the ANERcorp and AQMAR dev sets, the others cost more precision
        than they add recall (docs/ner.md).
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "entity_merger",
        *,
        model_priority: int = 12,
        rule_sources: Iterable[str] | None = None,
    ) -> None:
        self.name = name
        self.model_priority = model_priority
        self.rule_sources = None if rule_sources is None else frozenset(rule_sources)

    def __call__(self, doc: Doc) -> Doc:
        cands = [
            EntitySpan(e.start, e.end, e.label_, self.model_priority, "model")
            for e in doc.ents
            if e.label_ in LABELS and not is_adjective_token_span(e)
        ]
        rule_cands: list[EntitySpan] = []
        for key in SPAN_KEYS:
            for span in doc.spans.get(key, []):
                prio = int(span.kb_id_.split(":", 1)[0]) if span.kb_id_ else 0
                source = span.kb_id_.split(":", 1)[-1]
                if self.rule_sources is not None and source not in self.rule_sources:
                    continue
                rule_cands.append(EntitySpan(span.start, span.end, span.label_, prio, source))
        cands = [_widen(c, rule_cands) for c in cands] + rule_cands
        doc.ents = [Span(doc, s.start, s.end, label=s.label) for s in resolve_overlaps(cands)]
        return doc


@Language.factory("workbench_entity_merger", default_config={"model_priority": 12, "rule_sources": None})
def make_entity_merger(
    nlp: Language, name: str, model_priority: int, rule_sources: list[str] | None
) -> EntityMerger:
    """Factory for :class:`EntityMerger`."""
    return EntityMerger(nlp, name, model_priority=model_priority, rule_sources=rule_sources)

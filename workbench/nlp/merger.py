"""Component that turns candidate spans (rules, gazetteer, model) into ``doc.ents``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from workbench.nlp.lexicon import person_names, word_counts
from workbench.nlp.spans import LABELS, EntitySpan, resolve_overlaps

__all__ = ["EntityMerger"]

SPAN_KEYS = ("wb_triggers", "wb_gazetteer")
_TANWEEN = frozenset("\u064b\u064c\u064d")
NISBA_MIN_COUNT = 50


def is_adjective_token_span(span: Span) -> bool:
    """A one-token span that is an adjective, not a name: indefinite with tanween
    («بريطانيًا» "British"), or a frequent nisba/plural form («كوري», «روس», «الروسية»)."""
    if len(span) != 1:
        return False
    tok = span[0]
    if any(ch in _TANWEEN for ch in tok.text):
        return True
    norm = tok.norm_
    nisba = norm.endswith(("ي", "يه", "يين", "يون", "يات")) or norm in _PLURAL_NATIONALITIES
    return nisba and word_counts().get(norm, 0) >= NISBA_MIN_COUNT and norm not in person_names()


# Plural nationality nouns that are not nisba-shaped.
_PLURAL_NATIONALITIES = frozenset({"روس", "عرب", "اكراد", "اتراك", "فرس", "افغان", "ارمن", "صرب"})


class EntityMerger:
    """Resolve overlaps between the model's entities and rule candidates.

    Parameters
    ----------
    model_priority
        Priority of entities already in ``doc.ents`` (set by a statistical NER).
        Rule spans carry theirs in ``kb_id`` as ``"priority:source"``.
    """

    def __init__(self, nlp: Language, name: str = "entity_merger", *, model_priority: int = 12) -> None:
        self.name = name
        self.model_priority = model_priority

    def __call__(self, doc: Doc) -> Doc:
        cands = [
            EntitySpan(e.start, e.end, e.label_, self.model_priority, "model")
            for e in doc.ents
            if e.label_ in LABELS and not is_adjective_token_span(e)
        ]
        for key in SPAN_KEYS:
            for span in doc.spans.get(key, []):
                prio = int(span.kb_id_.split(":", 1)[0]) if span.kb_id_ else 0
                source = span.kb_id_.split(":", 1)[-1]
                cands.append(EntitySpan(span.start, span.end, span.label_, prio, source))
        doc.ents = [Span(doc, s.start, s.end, label=s.label) for s in resolve_overlaps(cands)]
        return doc


@Language.factory("workbench_entity_merger", default_config={"model_priority": 12})
def make_entity_merger(nlp: Language, name: str, model_priority: int) -> EntityMerger:
    """Factory for :class:`EntityMerger`."""
    return EntityMerger(nlp, name, model_priority=model_priority)

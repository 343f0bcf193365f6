"""The pipeline factory: ``load_pipeline("ar")`` returns a ready spaCy ``Language``.

Components, in order::

    tokenizer         ArabicTokenizer (proclitics split off known words)
    ar_normalizer     token.norm_ = Arabic matching form
    ner               trained statistical model, when one is shipped/given
    coordination      entities joined by an attached «و» split in two (after ner)
    consistency       other mentions of a name the model found get its label
    trigger_rules     persons after titles, organizations after trigger nouns, quoted names
    gazetteer_ruler   place names from the gazetteer
    entity_merger     overlaps resolved into doc.ents (labels PER, LOC, ORG, MISC)
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import spacy
from spacy.language import Language

from workbench.articles.normalize import normalize_key
from workbench.errors import PipelineError
from workbench.nlp import consistency as _consistency
from workbench.nlp import coordination as _coordination  # noqa: F401

# Importing the component modules registers their factories with spaCy.
from workbench.nlp import gazetteer_ruler as _gr
from workbench.nlp import merger as _merger  # noqa: F401
from workbench.nlp import normalizer as _normalizer  # noqa: F401
from workbench.nlp import tokenizer as _tok
from workbench.nlp import trigger_rules as _tr  # noqa: F401
from workbench.nlp.gazetteer_ruler import PlaceName
from workbench.nlp.lexicon import SOFT_AMBIGUOUS_PLACE_WORDS, is_ambiguous_place_word, word_counts
from workbench.nlp.merger import PRECISE_RULE_SOURCES, STANDARD_RULE_SOURCES
from workbench.paths import cache_dir

if TYPE_CHECKING:
    from workbench.geo.gazetteer import Gazetteer

__all__ = ["default_model_path", "load_pipeline", "place_names_from_gazetteer"]

ModelChoice = Literal["default", "none"] | str | Path

# Kinds of place whose one-word names count as places without context
# (``city`` is a capital or a place of >= 100,000 inhabitants, see workbench.geo.build).
PROMINENT_KINDS = frozenset({"country", "region", "city"})
# Priority of the trained model's entities in the merger (above every rule span).
MODEL_PRIORITY = 40
# A one-word name seen this often in Arabic Wikipedia is likely an everyday word too
# (150 until session 3; 50 keeps out «تسوية», «ردة», «جنة», «أمان» after a preposition:
# +0.4 F1 on both dev sets with the model, +0.4 / +0.05 rules-only, no recall lost).
FREQUENT_WORD_COUNT = 50


def default_model_path() -> Path:
    """Folder of the shipped statistical NER model (may not exist)."""
    return Path(__file__).resolve().parents[1] / "models" / "ner_ar"


def place_names_from_gazetteer(gazetteer: Gazetteer) -> Iterable[tuple[str, PlaceName]]:
    """Normalized Arabic place names of a gazetteer, in the ruler's terms."""
    counts = word_counts()
    for name, kind in _arabic_names_cached(gazetteer):
        frequent = counts.get(name, 0) >= FREQUENT_WORD_COUNT
        if frequent and kind in PROMINENT_KINDS and kind != "country":
            # «يوميا» (daily) is an alternate name of Umeå, «بأنه» of Baneh: a frequent word
            # counts as a prominent place only when it is the place's own Arabic name
            kind = kind if _is_display_name(gazetteer, name) else "town"
        # a frequent word shaped like a nisba adjective («شمالي», «مالية») needs context
        # even when a region carries it as its Arabic name
        adjective_like = frequent and " " not in name and name.endswith(("ي", "يه"))
        yield (
            name,
            PlaceName(
                prominent=kind in PROMINENT_KINDS,
                ambiguous=is_ambiguous_place_word(name),
                frequent=frequent,
                country=kind == "country",
                soft=name in SOFT_AMBIGUOUS_PLACE_WORDS or (adjective_like and kind != "country"),
            ),
        )


def _is_display_name(gazetteer: Gazetteer, norm_name: str) -> bool:
    """Whether ``norm_name`` is the main Arabic name of a prominent place it names."""
    return any(
        e.kind in PROMINENT_KINDS and normalize_key(e.name_ar) == norm_name
        for e in gazetteer.lookup(norm_name)
    )


def _arabic_names_cached(gazetteer: Gazetteer) -> Iterable[tuple[str, str]]:
    """``gazetteer.arabic_names()``, cached next to the gazetteer's cache as a small TSV.

    Sorting 150,000 names out of SQLite takes ~2 s; reading the cached list ~0.1 s. The
    cache key is the gazetteer file's path, size and modification time, so a rebuilt or
    imported-into gazetteer gets a fresh list.
    """
    path = getattr(gazetteer, "path", None)
    if not isinstance(path, Path) or not path.exists():
        return gazetteer.arabic_names()
    stat = path.stat()
    key = hashlib.sha1(f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    cache = cache_dir() / f"ruler-names-{key}.tsv"
    if cache.exists():
        with cache.open(encoding="utf-8") as fh:
            return [tuple(line.rstrip("\n").split("\t", 1)) for line in fh]  # type: ignore[misc]
    names = list(gazetteer.arabic_names())
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text("".join(f"{n}\t{k}\n" for n, k in names), encoding="utf-8")
        os.replace(tmp, cache)
    except OSError:
        pass  # a read-only cache only costs time
    return names


def load_pipeline(
    lang: str = "ar",
    *,
    gazetteer: Gazetteer | None = None,
    model: ModelChoice = "default",
    rules: bool | Literal["all", "standard", "precise"] = "standard",
) -> Language:
    """Build the workbench NLP pipeline.

    Parameters
    ----------
    lang
        Only ``"ar"`` is supported.
    gazetteer
        Source of place names for the ruler and of known words for the tokenizer.
        ``None`` opens the default gazetteer (built on first use).
    model
        ``"default"`` loads the shipped NER model when present, ``"none"`` runs
        rules only, a path loads a spaCy model folder whose ``ner`` is used.
    rules
        Which rule spans join the model's entities (the model wins overlaps, rules fill
        its gaps). ``"standard"`` (the default): the high-precision rules (quoted names,
        known organizations, «قرية X», eponyms), the gazetteer's places, which the map
        needs, organizations named after a trigger noun («وزارة الدفاع الروسية») and
        media names («صحيفة وول ستريت جورنال»).
        ``"precise"``: only the high-precision rules (best score on the ANERcorp/AQMAR
        dev sets). ``True``/``"all"``: every rule, also persons after titles or given
        names (on the dev sets these add more wrong entities than right ones;
        docs/ner.md).
        ``False``: no rules. Without a model every rule runs whatever this says, unless
        it is ``False``.

    Returns
    -------
    spacy.language.Language
        Entities in ``doc.ents`` with labels ``PER``, ``LOC``, ``ORG``, ``MISC``.
    """
    if lang != "ar":
        raise PipelineError(f"language {lang!r} is not supported; use load_pipeline('ar')", code="W201")
    if rules not in (True, False, "all", "standard", "precise"):
        raise PipelineError(
            f"unknown rules={rules!r}; use 'standard' (the default), 'precise', 'all', True or False",
            code="W206",
        )
    model_path = _model_path(model)
    nlp = _load_model(model_path) if model_path is not None else _blank_pipeline()
    if rules:
        nlp.add_pipe("workbench_trigger_rules", name="trigger_rules")
        ruler = nlp.add_pipe("workbench_gazetteer_ruler", name="gazetteer_ruler")
        if gazetteer is None:
            from workbench.geo.gazetteer import default_gazetteer

            gazetteer = default_gazetteer()
        names = list(place_names_from_gazetteer(gazetteer))
        assert isinstance(ruler, _gr.GazetteerRuler)
        ruler.set_names(names)
        tokenizer = nlp.tokenizer
        if isinstance(tokenizer, _tok.ArabicTokenizer):
            tokenizer.add_known(n.split()[0] for n, _ in names)
    if model_path is None:
        nlp.add_pipe("workbench_entity_merger", name="entity_merger")
    else:
        chosen = {"precise": PRECISE_RULE_SOURCES, "standard": STANDARD_RULE_SOURCES}.get(str(rules))
        sources = sorted(chosen) if chosen is not None else None
        nlp.add_pipe(
            "workbench_entity_merger",
            name="entity_merger",
            config={"model_priority": MODEL_PRIORITY, "rule_sources": sources},
        )
    return nlp


def _blank_pipeline() -> Language:
    nlp = spacy.blank("ar", config={"nlp": {"tokenizer": {"@tokenizers": "workbench.ArabicTokenizer.v1"}}})
    nlp.add_pipe("workbench_ar_normalizer", name="ar_normalizer")
    return nlp


def _load_model(path: Path) -> Language:
    """The trained pipeline (its tokenizer, normalizer, vectors and ``ner``) as the base."""
    try:
        nlp = spacy.load(path)
    except Exception as exc:  # any load failure gets the same advice
        raise PipelineError(
            f"could not load the NER model at {path}: {exc}; "
            "rebuild it with `make train-ner` or pass model='none'",
            code="W202",
        ) from exc
    if "ner" not in nlp.pipe_names:
        raise PipelineError(f"the model at {path} has no 'ner' component", code="W203")
    factories = [nlp.get_pipe_meta(name).factory for name in nlp.pipe_names]
    if "workbench_ar_normalizer" not in factories:
        nlp.add_pipe("workbench_ar_normalizer", name="ar_normalizer", first=True)
    if "workbench_ar_coordination" not in factories:
        nlp.add_pipe("workbench_ar_coordination", after="ner")
    if _consistency.COMPONENT not in factories:
        nlp.add_pipe(_consistency.COMPONENT, after="workbench_ar_coordination")
    if not isinstance(nlp.tokenizer, _tok.ArabicTokenizer):
        raise PipelineError(
            f"the model at {path} does not use the workbench tokenizer "
            "(workbench.ArabicTokenizer.v1); retrain it with `make train-ner`",
            code="W205",
        )
    return nlp


def _model_path(model: ModelChoice) -> Path | None:
    if model == "none":
        return None
    if model == "default":
        path = default_model_path()
        return path if (path / "meta.json").exists() else None
    path = Path(model)
    if not (path / "meta.json").exists():
        raise PipelineError(f"no spaCy model at {path} (meta.json missing)", code="W204")
    return path

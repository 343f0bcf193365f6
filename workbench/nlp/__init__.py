"""Arabic NLP: the spaCy pipeline and its components.

Imported lazily: ``workbench.nlp.proclitics`` and other pure modules stay cheap to import
(spaCy is loaded only by :func:`load_pipeline`).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__all__ = ["LABELS", "default_model_path", "load_pipeline"]

_LAZY = {
    "LABELS": "workbench.nlp.spans",
    "default_model_path": "workbench.nlp.pipeline",
    "load_pipeline": "workbench.nlp.pipeline",
}

if TYPE_CHECKING:  # pragma: no cover
    from workbench.nlp.pipeline import default_model_path, load_pipeline
    from workbench.nlp.spans import LABELS


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'workbench.nlp' has no attribute {name!r}")

"""Arabic NLP: the spaCy pipeline and its components."""

from workbench.nlp.pipeline import default_model_path, load_pipeline
from workbench.nlp.spans import LABELS

__all__ = ["LABELS", "default_model_path", "load_pipeline"]

"""Training and evaluation of the workbench's Arabic NER model (see docs/ner.md).

Corpora are read from ``../shared/data`` and never copied into the repository; the
trained model is package data in ``workbench/models/ner_ar``.
"""

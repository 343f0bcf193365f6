# NER training (issue 3). Included from the top-level Makefile.
# `make train-ner` rebuilds workbench/models/ner_ar from ../shared with a fixed seed (42).
# Intermediates go under training/ (git-ignored); corpora are read from ../shared only.
NER_PY ?= .venv/bin/python
# One core, low priority, single-threaded BLAS: the machine is shared.
TRAIN_ENV ?= OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 PYTHONHASHSEED=0
TRAIN_CPU ?= taskset -c 1 nice -n 5
NER_CORPUS := training/corpus
NER_VECTORS := training/vectors
NER_RUN ?= training/runs/ner_ar
NER_MODEL ?= workbench/models/ner_ar
NER_PRETRAIN_TEXT := training/pretrain_quarter.jsonl

NER_LEXICON := training/lexicon.tsv

.PHONY: ner-silver train-ner-silver train-ner train-ner-dev train-ner-pretrain ner-corpus ner-vectors ner-vectors-v1 ner-lexicon ner-pretrain-text eval-ner

# ANERcorp/AQMAR/NewsFANE -> DocBins (workbench tokens), dev/test CoNLL files (~10 s).
ner-corpus: $(NER_CORPUS)/report.json
$(NER_CORPUS)/report.json:
	$(TRAIN_ENV) $(TRAIN_CPU) $(NER_PY) -m workbench.nlp.training.convert --out $(NER_CORPUS)

# skipgram floret vectors on Arabic Wikipedia (100 d, 50k rows): text preparation ~1.5 min,
# floret ~12 min. (v1 used cbow 80 d: `make ner-vectors-v1`, ~4.5 min.)
ner-vectors: $(NER_VECTORS)/sg100/config.cfg
$(NER_VECTORS)/sg100/config.cfg:
	$(NER_PY) -c "import floret" 2>/dev/null || $(NER_PY) -m pip install --quiet floret
	$(TRAIN_ENV) $(TRAIN_CPU) $(NER_PY) -m workbench.nlp.training.vectors --work $(NER_VECTORS) \
		--dim 100 --bucket 50000 --epoch 5 --model skipgram --out $(NER_VECTORS)/sg100

ner-vectors-v1: $(NER_VECTORS)/spacy/config.cfg
$(NER_VECTORS)/spacy/config.cfg:
	$(NER_PY) -c "import floret" 2>/dev/null || $(NER_PY) -m pip install --quiet floret
	$(TRAIN_ENV) $(TRAIN_CPU) $(NER_PY) -m workbench.nlp.training.vectors --work $(NER_VECTORS) \
		--dim 80 --bucket 50000 --epoch 5

# Name lists for the model's lexicon feature (~1.5 min): the workbench gazetteer's Arabic
# names, Wikipedia titles typed by their opening words, given-name lists (no NER corpus).
ner-lexicon: $(NER_LEXICON)
$(NER_LEXICON):
	$(NER_PY) -m workbench.cli gazetteer build
	$(TRAIN_ENV) $(TRAIN_CPU) $(NER_PY) -m workbench.nlp.training.lexicon --out $@

# The shipped model (configs/ner_ar.cfg, v2): trained on the train AND dev sets for 2,400 steps
# (the step where the same config peaks on dev when dev is held out: `make train-ner-dev`),
# model-last packaged (~5 min). From scratch, with vectors and name lists: ~20 min.
NER_ALL_SETS := aner_train aner_dev aqmar_train aqmar_dev
train-ner: ner-corpus ner-vectors ner-lexicon
	$(TRAIN_ENV) $(TRAIN_CPU) $(NER_PY) -m workbench.nlp.training.train --config configs/ner_ar.cfg \
		--corpus $(NER_CORPUS) --output $(NER_RUN) --package $(NER_MODEL) --package-from last \
		--train $(NER_ALL_SETS) --dev aner_dev aqmar_dev
	$(TRAIN_ENV) $(TRAIN_CPU) $(NER_PY) -m workbench.nlp.training.report --model $(NER_MODEL) \
		--corpus $(NER_CORPUS) --out $(NER_RUN)/scores.json

# The same config with dev held out (best checkpoint on dev): the honest dev scores and the
# learning curve in docs/ner.md; packaged under training/, not shipped (~7 min).
NER_DEV_MODEL := training/packaged/ner_ar_dev
train-ner-dev: $(NER_DEV_MODEL)/config.cfg
$(NER_DEV_MODEL)/config.cfg: | ner-corpus ner-vectors ner-lexicon
	$(TRAIN_ENV) $(TRAIN_CPU) $(NER_PY) -m workbench.nlp.training.train --config configs/ner_ar.cfg \
		--corpus $(NER_CORPUS) --output training/runs/ner_ar_dev \
		--package $(NER_DEV_MODEL) --set training.max_steps 3600 \
		--train aner_train aqmar_train --dev aner_dev aqmar_dev
	$(TRAIN_ENV) $(TRAIN_CPU) $(NER_PY) -m workbench.nlp.training.report \
		--model $(NER_DEV_MODEL) --corpus $(NER_CORPUS) \
		--out training/runs/ner_ar_dev/scores.json

# Variant v3 (tried, not shipped; docs/ner.md): "silver" names, the entities that the held-out
# model finds at least twice, with one label in >= 70% of them, in the Wikipedia text, added
# to the curated lists (~9 min on two processes); then configs/ner_ar_silver.cfg on train+dev.
NER_SILVER := training/lexicon_silver.tsv
ner-silver: $(NER_SILVER)
$(NER_SILVER): | train-ner-dev
	$(TRAIN_ENV) nice -n 5 $(NER_PY) -m workbench.nlp.training.lexicon \
		--silver $(NER_DEV_MODEL) $(NER_VECTORS)/wiki.norm.txt $(NER_LEXICON) --out $@

train-ner-silver: ner-silver
	$(TRAIN_ENV) $(TRAIN_CPU) $(NER_PY) -m workbench.nlp.training.train \
		--config configs/ner_ar_silver.cfg --corpus $(NER_CORPUS) \
		--output training/runs/ner_ar_silver --package training/packaged/ner_ar_silver \
		--package-from last --train $(NER_ALL_SETS) --dev aner_dev aqmar_dev

# Wikipedia text (workbench tokens, normalized), every 4th paragraph: 2.4M words.
ner-pretrain-text: $(NER_PRETRAIN_TEXT)
$(NER_PRETRAIN_TEXT):
	$(TRAIN_ENV) $(TRAIN_CPU) $(NER_PY) -m workbench.nlp.training.vectors --work $(NER_VECTORS) \
		--no-floret --pretrain-jsonl $(NER_PRETRAIN_TEXT)

# Variant without vectors: spacy pretrain (~16 min) + 2,400 steps (~8 min); packaged under
# training/, not shipped.
train-ner-pretrain: ner-corpus ner-pretrain-text
	$(TRAIN_ENV) $(TRAIN_CPU) $(NER_PY) -m workbench.nlp.training.train \
		--config configs/ner_ar_pretrain.cfg --corpus $(NER_CORPUS) \
		--output training/runs/ner_ar_pretrain --package training/packaged/ner_ar_pretrain \
		--pretrain training/pretrain/ner_ar --set paths.raw_text $(NER_PRETRAIN_TEXT) \
		--train aner_train aqmar_train --dev aner_dev aqmar_dev
	$(TRAIN_ENV) $(TRAIN_CPU) $(NER_PY) -m workbench.nlp.training.report \
		--model training/packaged/ner_ar_pretrain --corpus $(NER_CORPUS) \
		--out training/runs/ner_ar_pretrain/scores.json

eval-ner:
	$(NER_PY) -m workbench.nlp.training.report --model $(NER_MODEL) --corpus $(NER_CORPUS)

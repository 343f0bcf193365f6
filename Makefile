# Two commands for users: `make lab` and `make test` (see README).
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Caches (gazetteer) go inside the clone for tests; users get the platform cache dir.
TEST_CACHE := $(CURDIR)/.cache

.PHONY: setup gazetteer lab app report test lint bench data clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

setup: $(STAMP)

gazetteer: setup
	$(BIN)/workbench gazetteer build

lab: gazetteer
	$(BIN)/jupyter lab notebooks/01_quickstart.ipynb

# The workbench as a web app (no code cells shown).
app: gazetteer
	$(BIN)/voila notebooks/00_app.ipynb --strip_sources=True

report: gazetteer
	$(BIN)/workbench report sample:kursk_marino --out build/report.html

test: setup
	WORKBENCH_CACHE_DIR=$(TEST_CACHE) $(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check workbench tests benchmarks scripts
	$(BIN)/mypy workbench

bench: setup
	WORKBENCH_CACHE_DIR=$(TEST_CACHE) $(BIN)/python benchmarks/bench_pipeline.py
	WORKBENCH_CACHE_DIR=$(TEST_CACHE) $(BIN)/python benchmarks/bench_report.py
	WORKBENCH_CACHE_DIR=$(TEST_CACHE) $(BIN)/python benchmarks/bench_store.py
	WORKBENCH_CACHE_DIR=$(TEST_CACHE) $(BIN)/python benchmarks/bench_ui.py

# Rebuild the committed derived data from ../shared (needs ../shared).
data: setup
	$(BIN)/python scripts/build_lexicons.py
	$(BIN)/python scripts/build_basemap.py
	$(BIN)/python scripts/build_geo_data.py

clean:
	rm -rf build .cache .pytest_cache

-include mk/*.mk

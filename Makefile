# The two commands in the README: `make run` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test install install-test bench lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,serve]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(BIN)/ydm

# No bytecode in the tree: the checkout stays as cloned (a compiled ydm/__pycache__/clock.*.pyc would
# otherwise sit beside the sources that a check of "who reads the wall clock" scans).
test: install-test
	PYTHONDONTWRITEBYTECODE=1 $(BIN)/python -m pytest -q

bench: install-test
	$(BIN)/python bench/run_all.py --readme

lint: install-test
	$(BIN)/python -m ruff check ydm tests bench
	$(BIN)/lint-imports --config pyproject.toml

clean:
	rm -rf $(VENV) build dist .pytest_cache

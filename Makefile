# The two commands in the README: `make run` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test install install-test bench lint lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Dependencies come from the hash-pinned locks (scripts/lock.py): exactly the files the tests ran on, or
# nothing; then ydm itself, without touching them (hatchling, its build backend, is in both locks).
$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml requirements-test.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-test.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
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

# Pin the tested set again (the versions installed in .venv; `make lock LOCK_ARGS=--upgrade` for the
# newest pyproject.toml allows, then `make test` before committing the locks).
lock: | $(BIN)/python
	$(BIN)/python scripts/lock.py $(LOCK_ARGS)

clean:
	rm -rf $(VENV) build dist .pytest_cache

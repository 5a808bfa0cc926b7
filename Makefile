# Two commands for a new user: `make run` and `make test`. Everything else is set up on the way.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# Bytecode compiled once at install: otherwise every `chirp` command compiles its imports
# again wherever PYTHONDONTWRITEBYTECODE is set (about 2 s for SQLAlchemy and Alembic).

.PHONY: install run migrate test lint typecheck contracts pytest bench bench-quick wrk chromium screenshots format clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen --compile-bytecode --python $(PYTHON)
	touch $@

install: $(VENV)/.installed

migrate: install
	$(BIN)/chirp migrate upgrade

run: migrate
	$(BIN)/chirp serve

test: install chromium lint typecheck contracts pytest

lint:
	$(BIN)/ruff check src tests

typecheck:
	$(BIN)/mypy

contracts:
	$(BIN)/lint-imports

pytest:
	$(BIN)/pytest -q

# The browser tests drive Debian's Chromium (never a downloaded one).
chromium:
	@command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

# docs/home.png and its 390 px and dark twins, from a server with a little demo data.
screenshots: install chromium
	$(BIN)/python docs/screenshots.py

# The benchmark (bench/run.py): SQLite and PostgreSQL at 10,000 profiles and 1,000,000
# tweets plus the scaling run, into BENCHMARKS.md; bench-quick is a small SQLite run.
wrk:
	@command -v wrk >/dev/null || (apt-get update && apt-get install -y wrk)

bench: install wrk
	$(BIN)/python bench/run.py --both --scaling

bench-quick: install wrk
	$(BIN)/python bench/run.py --quick

format: install
	$(BIN)/ruff check --fix src tests
	$(BIN)/ruff format src tests

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache .mypy_cache .ruff_cache

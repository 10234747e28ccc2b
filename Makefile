# The two commands: `make run` (the demo site on SQLite) and `make test` (every test).
# `make help` lists every target.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PORT ?= 8000

.DEFAULT_GOAL := help

.PHONY: help run test lint format messages translations bench

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.run-installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.run-installed

translations: $(VENV)/.run-installed ## Compile the Welsh catalogue (.po -> .mo)
	$(MANAGE) compile_translations

run: $(VENV)/.run-installed translations ## Serve the demo site at http://127.0.0.1:$(PORT)/ on SQLite
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: $(VENV)/.test-installed translations ## Run every test (PostgreSQL if DATABASE_URL is set, else SQLite)
	$(PY) -m pytest

lint: $(VENV)/.test-installed ## ruff, template indentation, and missing migrations
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

format: $(VENV)/.test-installed ## Format Python and templates in place
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates

messages: $(VENV)/.run-installed ## Extract new strings into the Welsh catalogue (needs GNU gettext), then compile it
	$(MANAGE) makemessages --locale cy --no-obsolete --add-location file --ignore ".venv/*" --ignore "var/*" --ignore "tests/*"
	$(MANAGE) compile_translations

bench: $(VENV)/.run-installed ## Benchmark on PostgreSQL and Redis (drops and recreates the database vsen_bench; needs wrk, nginx)
	$(PY) deploy/bench.py

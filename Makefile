# The two commands: `make run` (the demo site on SQLite) and `make test` (every test).
# `make help` lists every target.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PORT ?= 8000

.DEFAULT_GOAL := help

.PHONY: help run test lint format messages translations bench lock

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# The dependencies come from the lock files, every file checked against its hash; the
# project itself adds nothing to them (--no-deps).
$(VENV)/.run-installed: requirements/base.txt pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet --require-hashes -r requirements/base.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.test-installed: requirements/test.txt pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet --require-hashes -r requirements/test.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.run-installed

UV_VERSION := 0.13.9
# What `make lock` resolves for: the servers' Python and platform, not this machine's.
LOCK_FOR := --python-version 3.11 --python-platform x86_64-unknown-linux-gnu
UV_COMPILE = $(VENV)/bin/uv pip compile pyproject.toml --quiet --generate-hashes $(LOCK_FOR) \
	--custom-compile-command "make lock" $(if $(UPGRADE),--upgrade)

$(VENV)/bin/uv: | $(VENV)/bin/python
	$(PY) -m pip install --quiet uv==$(UV_VERSION)

lock: $(VENV)/bin/uv ## Rewrite requirements/*.txt from pyproject.toml (keeps locked versions; UPGRADE=1 takes the newest allowed)
	$(UV_COMPILE) -o requirements/base.txt
	$(UV_COMPILE) --extra test -c requirements/base.txt -o requirements/test.txt

translations: $(VENV)/.run-installed ## Compile the Welsh catalogue (.po -> .mo)
	$(MANAGE) compile_translations

run: $(VENV)/.run-installed translations ## Serve the demo site at http://127.0.0.1:$(PORT)/ on SQLite
	@echo "Bringing the database up to date..."
	@$(MANAGE) migrate --noinput -v 0
	@PORT=$(PORT) $(MANAGE) load_demo_content
	PORT=$(PORT) WAGTAILADMIN_BASE_URL=http://127.0.0.1:$(PORT) $(MANAGE) runserver 127.0.0.1:$(PORT)

# Ordinary tests in parallel (one database per worker); then, one at a time, the browser
# tests (Playwright must run after every database test in its process) and the fault tests
# (they stop and start real services). Coverage is measured over both and combined.
TEST_WORKERS ?= 2
COVERAGE_FLOOR ?= 92
SERIAL_TESTS := browser or fault

test: $(VENV)/.test-installed translations ## Run every test with coverage (PostgreSQL if DATABASE_URL is set, else SQLite)
	@rm -f .coverage .coverage.*
	@status=0; \
	$(PY) -m pytest -n $(TEST_WORKERS) -m "not ($(SERIAL_TESTS))" --cov --cov-report= || status=1; \
	$(PY) -m pytest -p no:xdist -m "$(SERIAL_TESTS)" --cov --cov-append --cov-report=; \
	serial=$$?; [ $$serial -eq 0 ] || [ $$serial -eq 5 ] || status=1; \
	$(PY) -m coverage report --fail-under=$(COVERAGE_FLOOR) || status=1; \
	exit $$status

lint: $(VENV)/.test-installed ## ruff, template indentation, lock files, missing and unsafe migrations
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates
	$(PY) checks/lock.py
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run
	$(PY) checks/migrations.py

format: $(VENV)/.test-installed ## Format Python and templates in place
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates

messages: $(VENV)/.run-installed ## Extract new strings into the Welsh catalogue (needs GNU gettext), then compile it
	$(MANAGE) makemessages --locale cy --no-obsolete --no-wrap --add-location file --ignore ".venv/*" --ignore "var/*" --ignore "tests/*"
	$(MANAGE) compile_translations

bench: $(VENV)/.run-installed ## Benchmark on PostgreSQL and Redis (drops and recreates the database vsen_bench; needs wrk, nginx)
	$(PY) deploy/bench.py

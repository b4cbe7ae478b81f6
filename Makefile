# OpenDSR. `make run` sets everything up and serves the demo; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NHSUK := node_modules/nhsuk-frontend/dist/nhsuk
STATIC_NHSUK := opendsr/web/static/nhsuk
export DJANGO_SETTINGS_MODULE := opendsr.settings

.PHONY: run test lint format assets core migrate demo serve bench test-postgres clean system-deps help

help:
	@echo "make run    set up and serve the demo on http://127.0.0.1:8000"
	@echo "make test   lint, unit, integration and browser tests, and the policy clock scenarios"
	@echo "make bench  the benchmark (100,000 people)"

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed: install python3.11 and try again"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch node_modules/.package-lock.json

assets: node_modules/.package-lock.json
	@mkdir -p $(STATIC_NHSUK) build/webroot
	cp $(NHSUK)/nhsuk-frontend.min.css $(NHSUK)/nhsuk-frontend.min.js $(STATIC_NHSUK)/
	rm -rf $(STATIC_NHSUK)/assets build/webroot/assets
	cp -r $(NHSUK)/assets $(STATIC_NHSUK)/assets
	cp -r $(NHSUK)/assets build/webroot/assets

# The policy clock compiled with mypyc (scripts/build_core.py); without a C compiler it runs as Python.
core: $(STAMP)
	$(BIN)/python scripts/build_core.py

migrate: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py migrate --no-input -v 0

demo: migrate
	DEBUG=1 $(BIN)/python manage.py load_demo

serve:
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

run: $(STAMP) assets core demo serve

system-deps:
	@scripts/system-deps

lint: $(STAMP)
	$(BIN)/ruff format --check opendsr tests scripts
	$(BIN)/ruff check opendsr tests scripts
	$(BIN)/djlint opendsr --lint --profile=jinja --extension=jinja
	$(BIN)/python scripts/check_scoped_queries.py
	$(BIN)/python scripts/check_imports.py
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

format: $(STAMP)
	$(BIN)/ruff format opendsr tests scripts
	$(BIN)/ruff check --fix opendsr tests scripts

test: $(STAMP) assets core system-deps lint
	OPENDSR_TESTING=1 DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest
	@if [ -x ../shared/tools/check-scenarios ]; then ../shared/tools/check-scenarios ../shared/scenarios ../shared/scenarios-v2; \
	else echo "check-scenarios: the shared scenarios are not beside this checkout; skipped"; fi

test-postgres: $(STAMP) assets core system-deps
	scripts/with-postgres env OPENDSR_TESTING=1 DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest

bench: $(STAMP) core
	OPENDSR_TESTING=1 $(BIN)/python -m opendsr.bench $(BENCH_ARGS)

clean:
	rm -rf build $(STATIC_NHSUK) db.sqlite3 var

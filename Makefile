# Indgang — the two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist workers; CI machines have 2 cores.
TEST_WORKERS ?= auto

.PHONY: setup run serve test test-fast lint format schema bench messages clean

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Indgang needs Python 3.11 or newer")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## setup: create .venv, install Python and npm packages (DKFDS), collect static files
setup: $(VENV)/.installed node_modules/.installed
	@mkdir -p var
	$(PY) manage.py collectstatic --noinput --verbosity 0

## run: migrate, load the demo municipality and serve on http://127.0.0.1:8000 (ASGI, SQLite)
##      with the message and task workers beside the server (SMS and e-mail print in this terminal)
run: export PUBLIC_BASE_URL ?= http://$(HOST):$(PORT)
run: setup
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py seed_demo
	DEBUG=1 $(PY) manage.py send_messages & worker=$$!; \
	DEBUG=1 $(PY) manage.py db_worker --no-reload & tasks=$$!; \
	trap 'kill -TERM $$worker $$tasks 2>/dev/null; wait $$worker $$tasks' EXIT; \
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

## test: the whole suite; PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set
test: setup
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile -q

## lint: ruff check and format check
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## schema: regenerate the committed OpenAPI file docs/openapi.yaml
schema: $(VENV)/.installed
	$(PY) manage.py spectacular --file docs/openapi.yaml --validate --fail-on-warn

## bench: the benchmarks under benchmarks/ (never part of make test)
bench: setup
	$(PY) benchmarks/run.py

## messages: regenerate and compile the English translations (needs GNU gettext)
messages: $(VENV)/.installed
	$(PY) manage.py makemessages --locale en --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'benchmarks/*' --no-obsolete
	$(PY) manage.py compilemessages --locale en --ignore '.venv/*' --ignore 'node_modules/*'

clean:
	rm -rf var/static var/test-static .pytest_cache

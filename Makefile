# Bestuurstafel: `make run` sets everything up and serves the demo; `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := run
PYTHON_VERSION := $(shell cat .python-version)
UV_VERSION := 0.13.9
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv
PY := .venv/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= $(or $(CHROMIUM_PATH),/usr/bin/chromium)

.PHONY: run serve setup install install-dev assets messages messages-extract migrate demo test test-postgres lint check chromium bench clean

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

install: $(if $(findstring .tools,$(UV)),.tools/bin/uv)
	$(UV) sync --frozen --no-dev
	npm ci --no-audit --no-fund --silent

install-dev: $(if $(findstring .tools,$(UV)),.tools/bin/uv)
	$(UV) sync --frozen
	npm ci --no-audit --no-fund --silent

messages:
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

# Update every app's Dutch catalogue (<app>/locale/nl) from the source; then translate what is new.
messages-extract:
	@for app in bestuurstafel/*/locale; do (cd $$(dirname $$app) && ../../$(PY) ../../manage.py makemessages -l nl -e html,txt,py --add-location=file -v 0); done

assets:
	$(MANAGE) build_assets

migrate:
	$(MANAGE) migrate --noinput -v 0

demo:
	$(MANAGE) load_demo

setup: install messages assets migrate
	$(MANAGE) collectstatic --noinput -v 0

# Serve the demo at http://$(HOST):$(PORT) with the background task worker beside it.
run: setup demo
	@echo "Bestuurstafel: http://$(HOST):$(PORT)  (stop with Ctrl-C)"
	@trap 'kill 0' EXIT INT TERM; \
	export MEETING_REPLY_ADDRESS=$${MEETING_REPLY_ADDRESS-antwoord@bestuurstafel.invalid}; \
	DEBUG=True $(MANAGE) db_worker --interval 1 --reload >var/worker.log 2>&1 & \
	DEBUG=True $(MANAGE) runserver $(HOST):$(PORT)

chromium:
	@test -x $(CHROMIUM) || (echo "Chromium not found at $(CHROMIUM); installing Debian's chromium" && \
		(apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)))
	@test -x $(CHROMIUM) || (echo "Chromium is required for the browser tests" && exit 1)

test: install-dev messages assets chromium
	$(PY) -m pytest -q

test-postgres: install-dev messages assets chromium
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/bestuurstafel} $(PY) -m pytest -q

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy bestuurstafel bench
	$(MANAGE) makemigrations --check --dry-run

bench: install-dev messages assets chromium
	$(PY) -m bench $(BENCH)

clean:
	rm -rf .venv .tools node_modules var

# Haven — `make help` lists the targets. Only Python 3.11 and make are needed.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The admin's links (notifications, "view live") and every absolute link the site writes
# point at the host and port the demo is served on.
export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
export HAVEN_HOST := $(HOST)
export HAVEN_PORT := $(PORT)

# Dependencies install from hash-locked files compiled from pyproject.toml (`make lock`).
LOCK_BASE := requirements/base.txt
LOCK_TEST := requirements/test.txt
UV := $(VENV)/bin/uv
UV_COMPILE := $(UV) pip compile pyproject.toml --quiet --generate-hashes --universal --python-version 3.11 --custom-compile-command "make lock"
# Shown by CI and `make test` so the slowest tests (and the browser tests' share) stay visible.
DURATIONS ?= --durations=25

.PHONY: help venv install install-test lock lock-upgrade demo serve serve-prod benchmark migrate messages compile-messages load-demo test test-fast test-browser test-postgres coverage lint format pre-commit clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

venv: $(VENV)/bin/python ## Create the virtualenv in .venv

install: venv ## Install Haven and its runtime dependencies from the lock file
	$(PIP) install --quiet --require-hashes -r $(LOCK_BASE)
	$(PIP) install --quiet --no-deps -e .

install-test: venv ## Install Haven with what the tests need, from the lock file
	$(PIP) install --quiet --require-hashes -r $(LOCK_TEST)
	$(PIP) install --quiet --no-deps -e .

$(UV): $(VENV)/bin/python
	$(PIP) install --quiet "uv>=0.5"

lock: $(UV) ## Recompile requirements/*.txt from pyproject.toml (keeps current pins where allowed)
	@mkdir -p requirements
	$(UV_COMPILE) -o $(LOCK_BASE)
	$(UV_COMPILE) --extra test --extra browser -o $(LOCK_TEST)

lock-upgrade: $(UV) ## Like lock, but move every pin to the newest release pyproject.toml allows
	@mkdir -p requirements
	$(UV_COMPILE) --upgrade -o $(LOCK_BASE)
	$(UV_COMPILE) --upgrade --extra test --extra browser -o $(LOCK_TEST)

compile-messages: ## Compile locale/*.po into .mo files (no gettext needed)
	$(PY) -m cms.compile_messages

migrate: ## Apply database migrations
	$(MANAGE) migrate --noinput

load-demo: ## Load bilingual demo content and reset the demo logins (links point at HOST:PORT)
	$(MANAGE) load_demo --host $(HOST) --port $(PORT)

demo: install compile-messages migrate load-demo ## Set everything up on SQLite and serve the demo
	@echo ""
	@echo "Serving Haven at http://$(HOST):$(PORT)/  (English /en/, Spanish /es/, admin /admin/)"
	@echo "Supporter emails are sent by a background worker and printed here."
	@$(MANAGE) db_worker --backend email --no-reload & trap "kill $$!" EXIT; \
	  $(MANAGE) runserver $(HOST):$(PORT)

serve: ## Serve the site and the email worker (after `make demo` has run once)
	@$(MANAGE) site_address $(HOST) $(PORT)
	@$(MANAGE) db_worker --backend email --no-reload & trap "kill $$!" EXIT; \
	  $(MANAGE) runserver $(HOST):$(PORT)

serve-prod: ## Production-like: gunicorn (2 workers per core) and the email worker; needs SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL (docs/deployment.md)
	DJANGO_SETTINGS_MODULE=cms.settings.production $(MANAGE) collectstatic --noinput --verbosity 0
	@DJANGO_SETTINGS_MODULE=cms.settings.production $(MANAGE) db_worker --backend email --no-reload & trap "kill $$!" EXIT; \
	  DJANGO_SETTINGS_MODULE=cms.settings.production GUNICORN_BIND=$(HOST):$(PORT) \
	  $(VENV)/bin/gunicorn -c cms/gunicorn.conf.py cms.wsgi

benchmark: ## Run the benchmarks (cache, signing, lookup) and print their ratios; see benchmarks/README.md
	$(PY) benchmarks/run_all.py

messages: ## Re-extract UI strings into locale/es/LC_MESSAGES/django.po
	$(MANAGE) makemessages --locale es --no-obsolete --ignore '.venv/*' --ignore 'static_collected/*'

test: install-test compile-messages ## Run the whole suite, shuffled, browser tests included (SQLite unless DATABASE_URL is set)
	$(PY) -m pytest $(DURATIONS) $(PYTEST_ARGS)

test-fast: install-test compile-messages ## The suite without the browser tests (the everyday loop)
	$(PY) -m pytest --ignore=tests/browser -m "not browser" $(DURATIONS) $(PYTEST_ARGS)

test-browser: install-test compile-messages ## Only the browser tests (Chromium through Playwright)
	$(PY) -m pytest tests/browser $(DURATIONS) $(PYTEST_ARGS)

coverage: install-test compile-messages ## The suite on SQLite with branch coverage; fails under 90%
	$(PY) -m pytest --cov --cov-branch --cov-fail-under=90 $(DURATIONS) $(PYTEST_ARGS)

test-postgres: ## Run the suite against PostgreSQL on 127.0.0.1:5432
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/haven $(MAKE) test

lint: install-test ## ruff (check and format --check) and Django's checks
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

format: install-test ## Format code with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

pre-commit: install-test ## Install the git hook that runs ruff check and ruff format on commit
	$(VENV)/bin/pre-commit install

clean: ## Remove the virtualenv, database and compiled files
	rm -rf $(VENV) db.sqlite3 static_collected media
	find . -name '__pycache__' -prune -exec rm -rf {} +

# CITISENSE portal. Quick start: `make run`, then `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed

# `make run` is for local development: debug on, SQLite under var/ unless DATABASE_URL says otherwise.
RUN_ENV := DJANGO_DEBUG=$${DJANGO_DEBUG:-1}
TEST_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/citisense)
TEST_REDIS_URL ?= $(or $(REDIS_URL),redis://127.0.0.1:6379/1)
TEST_ENV := DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL)

.PHONY: help install system-deps run migrate seed test lint format messages worker beat clean
.PHONY: backup restore bench profile soak html-checker

help:
	@echo "make run      install, migrate, seed demo data and serve on http://127.0.0.1:8000/"
	@echo "              (and the demo network on http://demo-network.localhost:8000/)"
	@echo "make test     the whole test suite on PostgreSQL and Redis"
	@echo "make lint     ruff (lint and format check), migrations and translations checks"
	@echo "make worker   a Celery worker (needs REDIS_URL)"
	@echo "make beat     the Celery beat scheduler (needs REDIS_URL)"
	@echo "make bench    load benchmark at 20x the network's size (about 10 minutes)"
	@echo "make profile PAGE=\"network overview\"  one page under pyinstrument at 20x data, into build/"
	@echo "make soak     10 minutes of mixed traffic against gunicorn (SOAK_SECONDS=60 for less)"
	@echo "make backup   dump the database and media into var/backups/ (BACKUP_DIR=… to change)"
	@echo "make restore  BACKUP=var/backups/citisense-… restores that backup"

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP) messages

messages: $(STAMP)
	DJANGO_DEBUG=1 $(MANAGE) compilemessages --ignore=.venv --verbosity=0

migrate: install
	@mkdir -p var
	$(RUN_ENV) $(MANAGE) migrate --no-input

# CITISENSE (the default network, on 127.0.0.1:8000), then the running demo network beside it
# (on http://demo-network.localhost:8000/: browsers resolve *.localhost to this machine).
seed: migrate
	$(RUN_ENV) $(MANAGE) seed_demo --with-demo-users
	$(RUN_ENV) $(MANAGE) seed_demo --with-demo-users --data portal/seed/demo-network.json

run: seed
	$(RUN_ENV) $(MANAGE) runserver 127.0.0.1:8000

system-deps:
	@bash scripts/system_deps.sh

# The W3C Nu HTML Checker, pinned by package-lock.json; its postinstall (a Java download) never runs.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

html-checker: system-deps node_modules/.package-lock.json

test: install system-deps html-checker
	@$(TEST_ENV) $(BIN)/python scripts/check_services.py
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

lint: install
	@mkdir -p var
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_DEBUG=1 $(MANAGE) makemigrations --check --dry-run

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

worker: install
	$(RUN_ENV) $(BIN)/celery -A citisense worker --loglevel=INFO

beat: install
	@mkdir -p var
	$(RUN_ENV) $(BIN)/celery -A citisense beat --loglevel=INFO --schedule=var/celerybeat-schedule

# Not part of `make test`: recreates $$DATABASE_URL's database with a `_bench` suffix, serves it
# with gunicorn in production mode and drives it with wrk. BENCH_ARGS="--duration 5" etc.
bench: install
	@bash bench/deps.sh
	$(TEST_ENV) $(BIN)/python bench/run.py $(BENCH_ARGS)
# One benchmarked page under pyinstrument on the bench database (20x data, DEBUG off, nothing
# cached): build/profile-<page>.html and .txt. PAGE is a name from bench/pages.py.
profile: install
	@test -n "$(PAGE)" || { echo 'usage: make profile PAGE="network overview" (a name from bench/pages.py)' >&2; exit 2; }
	$(TEST_ENV) $(BIN)/python bench/profile_page.py --page "$(PAGE)" $(PROFILE_ARGS)
# Not part of `make test`: mixed traffic against gunicorn on $$DATABASE_URL's database with a
# `_soak` suffix; fails on any failed request or a worker growing 10%. SOAK_SECONDS=60 for less.
SOAK_SECONDS ?= 600
soak: install
	$(TEST_ENV) $(BIN)/python bench/soak.py --seconds $(SOAK_SECONDS) $(SOAK_ARGS)
# Backups: pg_dump custom format + a tarball of MEDIA_ROOT and PRIVATE_MEDIA_ROOT.
BACKUP_DIR ?= var/backups
backup: install
	$(MANAGE) backup --output $(BACKUP_DIR)

restore: install
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=$(BACKUP_DIR)/citisense-…" >&2; exit 2; }
	$(MANAGE) restore $(BACKUP)

clean:
	rm -rf $(VENV) var/static .pytest_cache

# Köprü — `make run` serves the demo on http://127.0.0.1:8000; `make test` runs every check.
SHELL := /bin/bash
PY ?= /usr/bin/python3
VENV := .venv
BIN := $(VENV)/bin
export DJANGO_SETTINGS_MODULE ?= config.settings.local
APT_PACKAGES := python3-venv gettext sqlite3 chromium libatomic1 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core postgresql-client poppler-utils
PG_URL ?= postgres://postgres@127.0.0.1:5432/kopru
PYTEST_WORKERS ?= 2

.PHONY: run test setup apt venv messages migrate demo lint types migrations-check test-sqlite test-postgres bench clean serve lock upgrade deps-check loadtest

setup: apt venv messages

apt:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# requirements/*.in name what we use; requirements/*.txt are the locks (every version
# pinned, every file's hash): installs take exactly what CI tested.
$(BIN)/.installed: requirements/base.txt requirements/dev.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --require-hashes -r requirements/dev.txt
	touch $@

venv: $(BIN)/.installed

messages: venv
	@$(BIN)/python manage.py compilemessages --ignore=.venv -v0

migrate: setup
	$(BIN)/python manage.py migrate --no-input -v0

demo: migrate
	$(BIN)/python manage.py load_demo

RUN_PORT ?= 8000
run: demo
	@echo ""
	@echo "Köprü on http://127.0.0.1:$(RUN_PORT)  (English: http://127.0.0.1:$(RUN_PORT)/en/)"
	@echo "Task worker (manage.py worker) and scheduler (manage.py run_scheduler) run in the"
	@echo "background; their logs: var/worker.log, var/scheduler.log"
	@$(BIN)/python manage.py worker > var/worker.log 2>&1 & echo $$! > var/worker.pid
	@$(BIN)/python manage.py run_scheduler > var/scheduler.log 2>&1 & echo $$! > var/scheduler.pid
	@trap 'kill $$(cat var/worker.pid) $$(cat var/scheduler.pid) 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver 127.0.0.1:$(RUN_PORT)

lint: venv
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

types: venv
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/mypy kopru config

migrations-check: venv
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run -v1

test-sqlite: setup
	@echo "=== pytest on SQLite, with the coverage gate ([tool.coverage.report] fail_under) ==="
	@mkdir -p var/coverage
	env -u DATABASE_URL DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest -n $(PYTEST_WORKERS) -q \
	  --cov --cov-report=term:skip-covered --cov-report=html:var/coverage/html

test-postgres: setup
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('postgresql://postgres@127.0.0.1:5432/postgres', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "=== pytest on PostgreSQL ($(PG_URL)) ==="; \
	  DJANGO_SETTINGS_MODULE=config.settings.test DATABASE_URL=$(PG_URL) $(BIN)/pytest -n $(PYTEST_WORKERS) -q; \
	else \
	  echo ""; \
	  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	  echo "!!  PostgreSQL is NOT reachable on 127.0.0.1:5432: the PostgreSQL leg  !!"; \
	  echo "!!  of the test suite is SKIPPED. Only SQLite was tested.              !!"; \
	  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	fi

test: setup lint types migrations-check test-sqlite test-postgres

# Dependencies. `make lock` after editing requirements/*.in (keeps every other pin);
# `make upgrade` moves every pin to the newest release (or one: `make upgrade P=django`).
UV_COMPILE = $(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 --python-platform x86_64-manylinux_2_36
lock: venv
	$(UV_COMPILE) requirements/base.in -o requirements/base.txt
	$(UV_COMPILE) requirements/dev.in -o requirements/dev.txt

upgrade: venv
	$(UV_COMPILE) $(if $(P),--upgrade-package $(P),--upgrade) requirements/base.in -o requirements/base.txt
	$(UV_COMPILE) $(if $(P),--upgrade-package $(P),--upgrade) requirements/dev.in -o requirements/dev.txt

# Drift check (what Dependabot would tell): the locks still match the .in files, which
# pins have newer releases, and known vulnerabilities of the locked versions (pip-audit,
# PyPI's advisory data). Exits non-zero on a stale lock or a vulnerability.
deps-check: venv
	@$(BIN)/python deploy/deps_check.py

# The production topology on this machine under load (PostgreSQL, gunicorn -w 4, worker,
# scheduler, an import running); prints p95, errors and the saturation figures.
loadtest: venv
	$(BIN)/python deploy/loadtest.py

bench: migrate
	@for f in bench/*.py; do echo "=== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf var/static var/*.sqlite3* .mypy_cache .ruff_cache

# urbanforum — `make run` (set up, load the real demo data, serve on SQLite) and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
STAMP := $(VENV)/.installed
export URBANFORUM_VAR ?= $(CURDIR)/var

.PHONY: run test lint format typecheck pytest bench setup system-deps clean-db messages

setup: $(STAMP)
	@git config merge.po.driver "$(VENV)/bin/python scripts/merge_po.py %O %A %B" 2>/dev/null || true

$(STAMP): pyproject.toml
	@test -x $(PY) || python3.11 -m venv $(VENV) || python3 -m venv $(VENV)
	@test -x $(UV) || $(PY) -m pip install --quiet --disable-pip-version-check uv==0.13.9
	$(UV) pip install --quiet --compile-bytecode --python $(PY) -e '.[dev]'
	@touch $(STAMP)

# Development mode: DEBUG on, console e-mail, SQLite under var/ unless DATABASE_URL is set.
run: setup
	URBANFORUM_DEV=1 $(PY) -m urbanforum migrate --noinput
	URBANFORUM_DEV=1 $(PY) -m urbanforum demo
	PY=$(PY) bash scripts/run-dev.sh

system-deps:
	@bash scripts/system-deps.sh

lint: setup
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/lint-imports

format: setup
	$(VENV)/bin/ruff format src tests bench
	$(VENV)/bin/ruff check --fix src tests bench

typecheck: setup
	URBANFORUM_TESTING=1 $(VENV)/bin/mypy

pytest: setup system-deps
	URBANFORUM_TESTING=1 $(VENV)/bin/pytest $(PYTEST_ARGS)

# Everything: lint, types, all tests (unit, API, permission matrices, browser journeys).
test: lint typecheck pytest

bench: setup
	@for script in bench/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

messages: setup
	cd src/urbanforum && URBANFORUM_DEV=1 ../../$(PY) -m django makemessages --all --add-location=file --ignore 'static/*' --ignore 'engines/*' --settings=urbanforum.settings && URBANFORUM_DEV=1 ../../$(PY) -m django compilemessages --settings=urbanforum.settings

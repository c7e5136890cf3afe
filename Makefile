# 精准营销云 — `make run` starts the whole product locally, `make test` runs every check.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# The Lambda runtime's version: chalice packages dependencies for the venv's Python.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
export PIP_DISABLE_PIP_VERSION_CHECK := 1
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Rebuild the frontend when any of its sources changed (not its installed or built files).
FRONTEND_SOURCES := $(shell find frontend -path frontend/node_modules -prune -o -path frontend/dist -prune \
                      -o -type f -print 2>/dev/null)
# An empty test folder is not kept by git: name only the ones a fresh clone has.
TEST_DIRS := $(wildcard tests/unit tests/integration tests/e2e)

.PHONY: help run test lint monthly daily venv frontend browser package-check clean

help:
	@echo "make run            start API, user and admin portals and moto locally (Ctrl-C stops)"
	@echo "make test           install what the tests need, run the static checks, every test and the packaging check"
	@echo "make lint           static checks only: ruff, mypy (domain and services), eslint (frontend/src)"
	@echo "make monthly        run the monthly RFM analysis now on the running local stack (DATE=YYYY-MM-DD to pretend)"
	@echo "make daily          run the daily fee reminders, staff digest and due deletions now (DATE=YYYY-MM-DD to pretend)"
	@echo "make package-check  chalice package + cfn-lint + size check only"
	@echo "make clean          remove build output and caches (keeps .venv and .local-state)"

run: venv frontend
	$(PY) -m local.run

test: lint browser frontend
	scripts/check_package.sh
	PACKAGED_TEMPLATE=build/package/sam.json $(PY) -m pytest -q -n 2 --timeout=900 --durations=20 $(TEST_DIRS)

# Static checks, before any test: ruff (ruff.toml and the per-layer ruff.toml files), mypy (mypy.ini), eslint.
lint: venv frontend/node_modules/.installed
	$(VENV)/bin/ruff check
	$(VENV)/bin/mypy
	cd frontend && npm run lint

monthly: venv
	$(PY) -m local.monthly $(if $(DATE),--date $(DATE))

daily: venv
	$(PY) -m local.daily $(if $(DATE),--date $(DATE))

package-check: venv
	scripts/check_package.sh

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -r requirements-dev.txt
	@touch $@

frontend: frontend/dist/.built

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	scripts/install_frontend.sh
	@touch $@

frontend/dist/.built: frontend/node_modules/.installed $(FRONTEND_SOURCES)
	cd frontend && npm run build
	@touch $@

# The browser tests drive Debian's chromium (never a downloaded browser) and need CJK fonts.
browser:
	@if [ ! -x /usr/bin/chromium ] || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then \
	    $(SUDO) apt-get -o Acquire::http::Timeout=60 update && \
	    $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -o Acquire::http::Timeout=60 install -y --no-install-recommends chromium fonts-noto-cjk; \
	fi

clean:
	rm -rf build .pytest_cache .ruff_cache .mypy_cache tests/artifacts frontend/dist .chalice/deployments
	find . -path ./.venv -prune -o -path ./frontend/node_modules -prune -o -name __pycache__ -type d -print \
	    | xargs rm -rf

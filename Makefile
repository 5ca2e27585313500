# Mutirões — one entry point for development, tests and operations.
# `make` (or `make help`) lists the commands.

SHELL := /bin/bash
.DEFAULT_GOAL := help

ROOT        := $(abspath .)
VENV        ?= $(ROOT)/.venv
PY          := $(VENV)/bin/python
PIP         := $(VENV)/bin/pip
BACKEND     := $(ROOT)/mutiroes_backend
FRONTEND    := $(ROOT)/mutiroes-frontend
PYTHON      ?= python3

# Test services: the machine's PostgreSQL and Redis unless told otherwise.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/mutiroes
TEST_REDIS_URL    ?= redis://127.0.0.1:6379/15
export TEST_DATABASE_URL TEST_REDIS_URL

.PHONY: help
help: ## List the commands
	@grep -hE '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

# ---------------------------------------------------------------- development
$(VENV)/.installed: $(BACKEND)/requirements.txt $(BACKEND)/requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r $(BACKEND)/requirements-dev.txt
	touch $@

.PHONY: install
install: $(VENV)/.installed ## Create the virtualenv and install the backend

.PHONY: dev
dev: install ## Run the product locally with demo data (no Docker, no PostgreSQL needed)
	cd $(BACKEND) && DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	cd $(BACKEND) && DJANGO_DEBUG=1 $(PY) manage.py seed_demo --with-demo-logins
	@echo ""
	@echo "  API:   http://127.0.0.1:$${PORT:-8000}/api/"
	@echo "  Admin: http://127.0.0.1:$${PORT:-8000}/admin/  (admin@mutiroes.dev / mutiroes-demo)"
	@echo ""
	cd $(BACKEND) && DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$${PORT:-8000}

# ---------------------------------------------------------------- quality
.PHONY: lint
lint: install ## ruff (lint + format check)
	$(VENV)/bin/ruff check $(BACKEND)
	$(VENV)/bin/ruff format --check $(BACKEND)

.PHONY: test-backend
test-backend: install ## Backend test suite on the real PostgreSQL and Redis
	cd $(BACKEND) && $(VENV)/bin/pytest -q

.PHONY: test
test: lint test-backend ## The whole test suite (what CI runs)

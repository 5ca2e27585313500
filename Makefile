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
dev: install ## Run the product locally with demo data: API, admin and web app (no Docker, no PostgreSQL)
	VENV=$(VENV) $(ROOT)/deploy/dev.sh

# ---------------------------------------------------------------- quality
.PHONY: lint
lint: install ## ruff (lint + format check) and mypy (strict on the rules, services, selectors, views and serializers)
	$(VENV)/bin/ruff check $(BACKEND)
	$(VENV)/bin/ruff format --check $(BACKEND)
	cd $(BACKEND) && $(VENV)/bin/mypy
	$(VENV)/bin/ruff check deploy nginx tests bench
	$(VENV)/bin/ruff format --check deploy nginx tests bench

.PHONY: test-backend
test-backend: install ## Backend test suite on the real PostgreSQL and Redis
	cd $(BACKEND) && $(VENV)/bin/pytest -q

.PHONY: test-contract
test-contract: install ## Schemathesis against the OpenAPI schema, with every check (no 5xx, no undocumented answer)
	cd $(BACKEND) && $(VENV)/bin/pytest -q contract_tests

.PHONY: test
test: lint test-monitoring test-backend test-contract test-frontend ## The whole test suite (what CI runs)
	$(MAKE) frontend-build
	CLUSTER_FRONTEND=1 $(MAKE) test-cluster
	$(MAKE) test-e2e
	$(MAKE) test-compose
	$(MAKE) test-swarm

# ---------------------------------------------------------------- operations (owned by runtime)
# Every command of the original README. On Docker Compose when an engine answers
# (`docker info`), otherwise on the native cluster (supervisord; deploy/native/cluster.py).
# Choose explicitly with MODE=docker or MODE=native. Native settings: CLUSTER_DIR (state,
# default var/cluster), CLUSTER_PORT (public port, default 8080), CLUSTER_DB_NAME, ...
# (see `deploy/native/cluster.py --help` and docs/runtime.md).
ifndef MODE
MODE := $(shell docker info >/dev/null 2>&1 && echo docker || echo native)
endif
CLUSTER_DIR ?= $(ROOT)/var/cluster
export CLUSTER_DIR
CLUSTER     := VENV=$(VENV) $(PYTHON) $(ROOT)/deploy/native/cluster.py
COMPOSE     ?= docker compose
BACKUP_DIR  ?= $(ROOT)/backups
N           ?=
# `make logs-backend RID=<request id>`: only the lines of one request (nginx's access line,
# Django's request line, the lines of the tasks it enqueued).
RID         ?=
RID_ARG     := $(if $(RID), --rid '$(RID)')
RID_GREP    := $(if $(RID), | grep --line-buffered -F -e '$(RID)')

define need_n
	@if ! [[ "$(N)" =~ ^[1-9][0-9]*$$ ]]; then echo "usage: make $@ N=<number>"; exit 2; fi
endef

.PHONY: quickstart up down restart status health logs-backend logs-nginx logs-celery logs-postgres \
	logs-all logs-monitoring monitoring-install monitoring-up test-monitoring scale-backends scale-workers migrate shell dbshell backup-db restore-db createsuperuser \
	info restart-backends restart-postgres celery-status cluster-install test-cluster nginx-conf \
	cluster-destroy

quickstart: ## Set everything up and start the distributed system (Docker, or the native cluster)
ifeq ($(MODE),docker)
	@test -f .env || { $(PYTHON) deploy/docker/make_env.py > .env && echo "wrote .env with fresh secrets"; }
	$(COMPOSE) up -d --build --wait
else
	@command -v nginx >/dev/null && command -v supervisord >/dev/null || $(MAKE) --no-print-directory cluster-install
	@$(MAKE) --no-print-directory install
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory frontend-build; \
	else echo "Node.js not found: the cluster starts without the web app"; fi
	$(CLUSTER) up
endif
	@$(MAKE) --no-print-directory health MODE=$(MODE)
	@$(MAKE) --no-print-directory info MODE=$(MODE)

up: ## Start the system: nginx, 3 backends, PostgreSQL, Redis, 2 workers, beat, frontend
ifeq ($(MODE),docker)
	$(COMPOSE) up -d --build --wait
else
	$(CLUSTER) up
endif

down: ## Stop every service
ifeq ($(MODE),docker)
	$(COMPOSE) down
else
	$(CLUSTER) down
endif

restart: ## Restart everything
ifeq ($(MODE),docker)
	$(COMPOSE) restart
else
	$(CLUSTER) restart
endif

status: ## Status of every service/process
ifeq ($(MODE),docker)
	$(COMPOSE) ps
else
	$(CLUSTER) status
endif

health: ## Health of nginx, each backend, PostgreSQL, Redis, each worker, beat, frontend (exit 1 if any is down)
ifeq ($(MODE),docker)
	@COMPOSE="$(COMPOSE)" bash deploy/docker/health.sh
else
	@$(CLUSTER) health
endif

logs-backend: ## Follow the logs of the backend replicas
ifeq ($(MODE),docker)
	$(COMPOSE) logs -f --tail=100 backend$(RID_GREP)
else
	@$(CLUSTER) logs backend -f$(RID_ARG)
endif

logs-nginx: ## Follow the load balancer's logs
ifeq ($(MODE),docker)
	$(COMPOSE) logs -f --tail=100 nginx$(RID_GREP)
else
	@$(CLUSTER) logs nginx -f$(RID_ARG)
endif

logs-celery: ## Follow the Celery workers' and beat's logs
ifeq ($(MODE),docker)
	$(COMPOSE) logs -f --tail=100 celery-worker celery-beat$(RID_GREP)
else
	@$(CLUSTER) logs celery -f$(RID_ARG)
endif

logs-postgres: ## Follow PostgreSQL's log
ifeq ($(MODE),docker)
	$(COMPOSE) logs -f --tail=100 postgres$(RID_GREP)
else
	@$(CLUSTER) logs postgres -f$(RID_ARG)
endif

logs-all: ## Follow every log
ifeq ($(MODE),docker)
	$(COMPOSE) logs -f --tail=50$(RID_GREP)
else
	@$(CLUSTER) logs all -f$(RID_ARG)
endif

logs-monitoring: ## Follow the logs of Prometheus, Alertmanager and the exporters
ifeq ($(MODE),docker)
	$(COMPOSE) --profile monitoring logs -f --tail=100 prometheus alertmanager grafana mutiroes-exporter \
	  nginx-exporter postgres-exporter redis-broker-exporter redis-cache-exporter
else
	@$(CLUSTER) logs monitoring -f
endif

scale-backends: ## Scale the Django replicas: make scale-backends N=5 (nginx picks them up, no restart)
	$(need_n)
ifeq ($(MODE),docker)
	$(COMPOSE) up -d --no-deps --no-recreate --wait --scale backend=$(N) backend
else
	$(CLUSTER) scale-backends $(N)
endif

scale-workers: ## Scale the Celery workers: make scale-workers N=4
	$(need_n)
ifeq ($(MODE),docker)
	$(COMPOSE) up -d --no-deps --no-recreate --scale celery-worker=$(N) celery-worker
else
	$(CLUSTER) scale-workers $(N)
endif

migrate: ## Apply database migrations
ifeq ($(MODE),docker)
	$(COMPOSE) run --rm migrate
else
	$(CLUSTER) migrate
endif

shell: ## Django shell
ifeq ($(MODE),docker)
	$(COMPOSE) exec --index 1 backend python manage.py shell
else
	$(CLUSTER) manage shell
endif

dbshell: ## PostgreSQL shell (psql)
ifeq ($(MODE),docker)
	$(COMPOSE) exec postgres sh -c 'psql -U "$$POSTGRES_USER" -d "$$POSTGRES_DB"'
else
	$(CLUSTER) dbshell
endif

backup-db: ## Back up PostgreSQL into backups/ (pg_dump custom format)
ifeq ($(MODE),docker)
	@mkdir -p $(BACKUP_DIR)
	@f=$(BACKUP_DIR)/mutiroes-$$(date +%Y%m%d-%H%M%S).dump; \
	$(COMPOSE) exec -T postgres sh -c 'pg_dump -U "$$POSTGRES_USER" --format=custom --no-owner --no-privileges "$$POSTGRES_DB"' > $$f \
	&& chmod 600 $$f && echo "backup written: $$f"
else
	@$(CLUSTER) backup-db --dir $(BACKUP_DIR) $(if $(FILE),--file $(FILE))
endif

restore-db: ## Restore a backup: make restore-db FILE=backups/x.dump [DB=other_database] (app stopped meanwhile)
	@test -n "$(FILE)" || { echo "usage: make restore-db FILE=backups/<file>.dump"; exit 2; }
ifeq ($(MODE),docker)
	$(COMPOSE) stop backend celery-worker celery-beat
	$(COMPOSE) exec -T postgres sh -c 'pg_restore -U "$$POSTGRES_USER" -d "$$POSTGRES_DB" --clean --if-exists --no-owner --no-privileges --single-transaction' < $(FILE)
	$(COMPOSE) start backend celery-worker celery-beat
else
	$(CLUSTER) restore-db $(FILE) $(if $(DB),--db $(DB)) $(if $(FORCE),--force)
endif

createsuperuser: ## Create a Django admin user
ifeq ($(MODE),docker)
	$(COMPOSE) exec --index 1 backend python manage.py createsuperuser
else
	$(CLUSTER) manage createsuperuser
endif

info: ## Addresses, ports, replicas and sizes of the running system
ifeq ($(MODE),docker)
	@echo "Docker Compose (MODE=docker): http://localhost:$${HTTP_PORT:-80}/  API /api/  admin /admin/"
	@$(COMPOSE) ps --format 'table {{.Service}}\t{{.Name}}\t{{.Status}}'
else
	@$(CLUSTER) info
endif

restart-backends: ## Rolling restart of the backends, one replica at a time, no failed requests
ifeq ($(MODE),docker)
	@COMPOSE="$(COMPOSE)" bash deploy/docker/rolling_restart.sh
else
	$(CLUSTER) restart-backends
endif

restart-postgres: ## Restart PostgreSQL (replicas reconnect by themselves)
ifeq ($(MODE),docker)
	$(COMPOSE) restart postgres
else
	$(CLUSTER) restart-postgres
endif

celery-status: ## Celery workers, active/reserved/scheduled tasks and queue length
ifeq ($(MODE),docker)
	$(COMPOSE) exec --index 1 celery-worker celery -A config status
	$(COMPOSE) exec --index 1 celery-worker celery -A config inspect active
	$(COMPOSE) exec redis-broker sh -c 'redis-cli -a "$$REDIS_PASSWORD" --no-auth-warning LLEN celery'
else
	@$(CLUSTER) celery-status
endif

cluster-install: ## Install what the native cluster needs (Debian: nginx, supervisor, PostgreSQL/Redis clients)
	@missing=""; \
	for pair in nginx:nginx-light supervisord:supervisor psql:postgresql-client pg_dump:postgresql-client redis-cli:redis-tools; do \
	  command -v $${pair%%:*} >/dev/null || [ -x /usr/sbin/$${pair%%:*} ] || missing="$$missing $${pair#*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "nginx, supervisor and the PostgreSQL/Redis clients are installed"; fi

# ---- monitoring (owned by observability): Prometheus, Alertmanager, exporters, Grafana in Compose.
MONITORING_PACKAGES := prometheus prometheus-alertmanager prometheus-nginx-exporter \
	prometheus-postgres-exporter prometheus-redis-exporter

monitoring-install: ## Install Prometheus, Alertmanager and the exporters (Debian packages; their services are not started)
	@missing=""; for pkg in $(MONITORING_PACKAGES); do dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq; \
	  guard=""; if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; \
	    chmod +x /usr/sbin/policy-rc.d; guard=1; fi; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; rc=$$?; \
	  [ -n "$$guard" ] && rm -f /usr/sbin/policy-rc.d; exit $$rc; \
	else echo "Prometheus, Alertmanager and the exporters are installed"; fi

monitoring-up: ## Compose: start Prometheus, Alertmanager, Grafana and the exporters (profile `monitoring`)
	$(COMPOSE) --profile monitoring up -d
	@echo "Grafana http://127.0.0.1:$${GRAFANA_PORT:-3001}/ (admin / GRAFANA_ADMIN_PASSWORD from .env)"
	@echo "Prometheus http://127.0.0.1:$${PROMETHEUS_PORT:-9090}/  Alertmanager http://127.0.0.1:$${ALERTMANAGER_PORT:-9093}/"

test-monitoring: install ## promtool check config + test rules, amtool, and the static checks of the dashboard and rules
	@command -v promtool >/dev/null || { echo "promtool missing: make monitoring-install" >&2; exit 1; }
	promtool check config monitoring/prometheus/prometheus.yml
	promtool test rules monitoring/prometheus/tests/*.test.yml
	amtool check-config monitoring/alertmanager/alertmanager.yml
	$(VENV)/bin/pytest -q -p no:cacheprovider -p no:django tests/monitoring

cluster-destroy: ## Native: stop the cluster, drop its database and delete its state directory
	$(CLUSTER) destroy

nginx-conf: ## Render nginx/nginx.conf (Compose) from nginx/nginx.conf.template
	$(PYTHON) nginx/render.py --target docker -o nginx/nginx.conf

test-cluster: install ## Cluster tests: start a native cluster on free ports and test it, fairness included (slow, ~7 min)
	$(VENV)/bin/pytest -q -p no:cacheprovider -p no:django tests/cluster

# Also part of test-cluster; alone, with its timings printed (see ARCHITECTURE.md, failure modes).
.PHONY: test-fairness
test-fairness: install ## Fairness alone: one client hammers each expensive endpoint, another's p99 stays within 2x (~3 min)
	$(VENV)/bin/pytest -q -p no:cacheprovider -p no:django -s tests/cluster/test_fairness.py

# ---- Docker for real (owned by compose)
# Both need a Docker engine (`docker info`) and the Compose v2 plugin; CI installs and starts
# them (deploy/docker/ci/engine.sh). deploy/docker/ci/build.sh builds, without a registry, the
# base images missing from the engine (stand-ins, tagged with the real names) and what the
# Dockerfiles would download (wheels, the web app's standalone output).
SWARM_STACK ?= mutiroes
ENV_FILE    ?= .env

.PHONY: test-compose test-swarm docker-ci-build swarm-up swarm-down
docker-ci-build: install
	VENV=$(VENV) $(ROOT)/deploy/docker/ci/build.sh

test-compose: docker-ci-build ## Docker: build the images, run docker-compose.yml for real and test it through nginx (~6 min)
	$(VENV)/bin/pytest -q -p no:cacheprovider -p no:django --durations=5 tests/compose

test-swarm: docker-ci-build ## Docker: the same images as a Swarm stack on a single-node swarm (tests/swarm, ~5 min)
	$(VENV)/bin/pytest -q -p no:cacheprovider -p no:django --durations=5 tests/swarm

swarm-up: ## Deploy the stack on the current Swarm (docker stack deploy; secrets from .env as Swarm secrets)
	@test -f $(ENV_FILE) || { $(PYTHON) deploy/docker/make_env.py > $(ENV_FILE) && echo "wrote $(ENV_FILE) with fresh secrets"; }
	$(PYTHON) deploy/docker/swarm.py up --stack $(SWARM_STACK) --env-file $(ENV_FILE)

swarm-down: ## Remove the Swarm stack and its secrets (volumes stay; docker volume rm to drop them)
	$(PYTHON) deploy/docker/swarm.py down --stack $(SWARM_STACK)

# ---- frontend (owned by frontend)
# The Next.js app in mutiroes-frontend/ (see mutiroes-frontend/README.md).
FRONTEND_STAMP := $(FRONTEND)/node_modules/.package-lock.json

$(FRONTEND_STAMP): $(FRONTEND)/package.json $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && npm ci --no-audit --no-fund
	touch $@

.PHONY: frontend-install frontend-build frontend-dev test-frontend test-e2e test-e2e-local
frontend-install: ## Install the web app's dependencies (npm ci, from package-lock.json)
	cd $(FRONTEND) && npm ci --no-audit --no-fund

frontend-build: $(FRONTEND_STAMP) ## Build the web app (Next.js standalone output)
	cd $(FRONTEND) && NEXT_TELEMETRY_DISABLED=1 npm run build

frontend-dev: $(FRONTEND_STAMP) ## Web app with hot reload on :3000 against API_INTERNAL_URL (default the `make dev` API)
	$(FRONTEND)/scripts/dev.sh

test-frontend: $(FRONTEND_STAMP) install ## Web app: API types match the schema, ESLint, tsc --noEmit, unit tests
	cd $(FRONTEND) && npm run -s gen:api >/dev/null && git diff --exit-code -- src/lib/api/schema.d.ts \
	  || { echo "src/lib/api/schema.d.ts is stale: run 'npm run gen:api' in mutiroes-frontend and commit it" >&2; exit 1; }
	cd $(FRONTEND) && npm run lint && npm run typecheck && npm test

test-e2e: $(FRONTEND_STAMP) install ## Browser tests (Chromium) through nginx on a native cluster started on free ports
	VENV=$(VENV) $(ROOT)/deploy/e2e-cluster.sh

test-e2e-local: $(FRONTEND_STAMP) ## Browser tests against E2E_BASE_URL, or the dev server and the built web app
	VENV=$(VENV) $(FRONTEND)/scripts/e2e-local.sh

# ---- chaos (owned by reliability)
# Faults against a native cluster on its own throwaway PostgreSQL and Redis (tests/chaos/):
# Redis stopped under load, PostgreSQL restarted under load, the media disk full. Needs root
# (runuser to the postgres user for initdb, mount for a small tmpfs). About 6 minutes.
.PHONY: test-chaos
test-chaos: install ## Chaos tests: Redis down, PostgreSQL restart, disk full, on a throwaway cluster (slow)
	$(VENV)/bin/pytest -q -p no:cacheprovider -p no:django tests/chaos

# ---- benchmarks (owned by bench)
# `make bench` starts its own native cluster on free loopback ports (database mutiroes_bench,
# Redis DBs 9 and 10), generates the data set, loads it with wrk and writes bench/results/
# (see bench/README.md), also the web app (builds mutiroes-frontend when needed; Chromium) and the
# cost at 10× the mutirões (database mutiroes_bench_x10). Not part of `make test`. Options:
# BENCH_ARGS="--runs 5 --duration 20 --only webapp,growth --db-name NAME --broker-db N --cache-db N".
BENCH_ARGS ?=

.PHONY: bench bench-small bench-litter bench-install
bench-install: install ## Benchmark tools: wrk (Debian) and bench/requirements.txt into .venv
	$(PIP) install -q -r bench/requirements.txt
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

bench: bench-install ## Benchmark suite on its own native cluster: full data set, web app, 10x growth (35-60 min)
	$(PY) bench/run.py $(BENCH_ARGS)

bench-small: bench-install ## Benchmark suite on a small data set with short runs (development)
	$(PY) bench/run.py --small $(BENCH_ARGS)

bench-litter: install ## Litter reports' map query (bounding box) at 100,000 reports, in its own database
	$(PY) bench/litter_bbox.py $(BENCH_ARGS)

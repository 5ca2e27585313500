#!/usr/bin/env bash
# `make test-e2e`: the browser tests through nginx against a native cluster (3 replicas, workers,
# beat, the Next.js standalone server) started on free loopback ports with its own database and
# Redis databases, torn down afterwards. CLUSTER_E2E_KEEP=1 leaves it running.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=${VENV:-$ROOT/.venv}
FRONTEND=$ROOT/mutiroes-frontend

[ -f "$FRONTEND/.next/standalone/server.js" ] || (cd "$FRONTEND" && NEXT_TELEMETRY_DISABLED=1 npm run build)

base=$(python3 deploy/native/cluster.py free-port)
state=$(mktemp -d -t mutiroes-e2e-cluster.XXXXXX)
export MODE=native VENV CLUSTER_DIR="$state" CLUSTER_PORT="$base" CLUSTER_DB_NAME="mutiroes_e2e_$$" \
  CLUSTER_BROKER_URL="redis://127.0.0.1:6379/${E2E_BROKER_DB:-6}" CLUSTER_CACHE_URL="redis://127.0.0.1:6379/${E2E_CACHE_DB:-7}" \
  CLUSTER_BACKENDS=3 CLUSTER_WORKERS=2 CLUSTER_FRONTEND=1 CLUSTER_AUTH_RATE=600r/m CLUSTER_MONITORING=0 CLUSTER_ACTION_RATE=6000r/m \
  CLUSTER_HEAVY_RATE=500r/s CLUSTER_PAGE_RATE=1000r/s CLUSTER_UPLOAD_RATE=600r/m
cluster() { python3 "$ROOT/deploy/native/cluster.py" "$@"; }
cleanup() {
  if [ -n "${CLUSTER_E2E_KEEP:-}" ]; then echo "cluster kept in $state (port $base)"; return; fi
  cluster destroy >/dev/null 2>&1 || true
  rm -rf "$state"
}
trap cleanup EXIT

redis-cli -n "${E2E_BROKER_DB:-6}" flushdb >/dev/null
redis-cli -n "${E2E_CACHE_DB:-7}" flushdb >/dev/null
cluster up
cluster manage seed_demo >/dev/null
# The browser tests seed mutirões already running or over (e2e_support, test-only) instead of
# waiting on the clock: `$E2E_MANAGE e2e_mutirao ...`.
export E2E_SUPPORT=1 E2E_MANAGE="python3 $ROOT/deploy/native/cluster.py manage"
cd "$FRONTEND"
E2E_BASE_URL="http://127.0.0.1:$base" npx vitest run --config vitest.e2e.config.ts "$@"

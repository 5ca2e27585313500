#!/usr/bin/env bash
# Start the web app for development (hot reload) against the API.
#   API_INTERNAL_URL (http://127.0.0.1:8000), FRONTEND_PORT (3000).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci
export NEXT_TELEMETRY_DISABLED=1 AUTH_COOKIE_SECURE="${AUTH_COOKIE_SECURE:-0}"
export API_INTERNAL_URL="${API_INTERNAL_URL:-http://127.0.0.1:8000}"
export PUBLIC_SITE_URL="${PUBLIC_SITE_URL:-http://127.0.0.1:${FRONTEND_PORT:-3000}}"
exec npx next dev --hostname 127.0.0.1 --port "${FRONTEND_PORT:-3000}"

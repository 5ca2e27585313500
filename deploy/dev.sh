#!/usr/bin/env bash
# `make dev`: the API (Django runserver, SQLite, eager tasks) and, when Node.js is there, the web
# app (Next.js dev server) against it. Ctrl-C stops both.
#   PORT (API, 8000), FRONTEND_PORT (3000), VENV (.venv)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=${VENV:-$ROOT/.venv}
PORT=${PORT:-8000}
FRONTEND_PORT=${FRONTEND_PORT:-3000}
export DJANGO_DEBUG=1 FRONTEND_URL="http://127.0.0.1:$FRONTEND_PORT" API_PUBLIC_URL="http://127.0.0.1:$PORT"

cd "$ROOT/mutiroes_backend"
"$VENV/bin/python" manage.py migrate --noinput
"$VENV/bin/python" manage.py seed_demo --with-demo-logins
"$VENV/bin/python" manage.py runserver "127.0.0.1:$PORT" &
api=$!
trap 'kill $api 2>/dev/null || true' EXIT INT TERM

echo ""
echo "  API:      http://127.0.0.1:$PORT/api/   (docs: /api/docs/)"
echo "  Admin:    http://127.0.0.1:$PORT/admin/ (admin@mutiroes.dev / mutiroes-demo)"
if command -v npm >/dev/null 2>&1; then
  echo "  Web app:  http://127.0.0.1:$FRONTEND_PORT/ (ana@mutiroes.dev / mutiroes-demo)"
  echo ""
  API_INTERNAL_URL="http://127.0.0.1:$PORT" FRONTEND_PORT="$FRONTEND_PORT" "$ROOT/mutiroes-frontend/scripts/dev.sh" &
  web=$!
  trap 'kill $api $web 2>/dev/null || true' EXIT INT TERM
  wait -n $api $web
else
  echo "  (Node.js not found: the web app is not started. Install Node.js 20 and run make dev again.)"
  echo ""
  wait $api
fi

#!/usr/bin/env bash
# Run the end-to-end tests. With E2E_BASE_URL set, against that (e.g. nginx on the
# native cluster). Without it, start what they need on free ports and stop it after:
# the Django dev server (SQLite, demo data; in a throw-away copy of the backend so
# the developer's database is untouched) and the built Next.js standalone server. The tests that
# need a mutirão already running or over run E2E_MANAGE (manage.py of the backend under test).
#   VENV (../.venv)  PYTHON for the backend;  E2E_KEEP=1 keeps the temp dir.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$here"

if [ -n "${E2E_BASE_URL:-}" ]; then
  exec npx vitest run --config vitest.e2e.config.ts "$@"
fi

python="${VENV:-$root/.venv}/bin/python"
[ -x "$python" ] || { echo "No backend virtualenv at $python (run 'make install')." >&2; exit 1; }
[ -f .next/standalone/server.js ] || npm run build

free_port() { "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
api_port="$(free_port)"
web_port="$(free_port)"
work="$(mktemp -d -t mutiroes-e2e.XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -z "${E2E_KEEP:-}" ]; then rm -rf "$work"; else echo "kept $work"; fi
}
trap cleanup EXIT

cp -r "$root/mutiroes_backend" "$work/backend"
rm -rf "$work/backend/db.sqlite3" "$work/backend/var"
# An empty compiled catalogue (e.g. mid-edit) would stop Django from starting.
find "$work/backend" -name '*.mo' -size 0 -delete
(
  cd "$work/backend"
  export DJANGO_DEBUG=1 DATABASE_URL= REDIS_URL= CELERY_BROKER_URL= FRONTEND_URL="http://127.0.0.1:$web_port"
  "$python" manage.py migrate --noinput >"$work/migrate.log" 2>&1 || { tail -20 "$work/migrate.log" >&2; exit 1; }
  "$python" manage.py seed_demo --with-demo-logins >"$work/seed.log" 2>&1 || { tail -20 "$work/seed.log" >&2; exit 1; }
)
(
  cd "$work/backend"
  DJANGO_DEBUG=1 DATABASE_URL= REDIS_URL= CELERY_BROKER_URL= FRONTEND_URL="http://127.0.0.1:$web_port" \
    exec "$python" manage.py runserver "127.0.0.1:$api_port" --noreload >"$work/backend.log" 2>&1
) &
pids+=($!)
(
  PORT="$web_port" HOSTNAME=127.0.0.1 API_INTERNAL_URL="http://127.0.0.1:$api_port" \
    PUBLIC_SITE_URL="http://127.0.0.1:$web_port" AUTH_COOKIE_SECURE=0 MAP_TILE_URL="" \
    exec "$here/scripts/serve.sh" >"$work/frontend.log" 2>&1
) &
pids+=($!)

for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$api_port/api/health/" >/dev/null 2>&1 && curl -fsS -o /dev/null "http://127.0.0.1:$web_port/entrar" 2>/dev/null; then
    break
  fi
  sleep 1
done
curl -fsS -o /dev/null "http://127.0.0.1:$web_port/entrar" || { echo "frontend did not start:"; tail -20 "$work/frontend.log" "$work/backend.log"; exit 1; }

# The browser tests seed mutirões already running or over (test-only command, see e2e_support).
export E2E_SUPPORT=1
export E2E_MANAGE="env -C $work/backend DJANGO_DEBUG=1 DATABASE_URL= REDIS_URL= CELERY_BROKER_URL= E2E_SUPPORT=1 $python manage.py"
set +e
E2E_BASE_URL="http://127.0.0.1:$web_port" npx vitest run --config vitest.e2e.config.ts "$@"
status=$?
set -e
if [ "$status" -ne 0 ]; then
  echo "--- backend log (tail)"; tail -30 "$work/backend.log"
  echo "--- frontend log (tail)"; tail -30 "$work/frontend.log"
fi
exit "$status"

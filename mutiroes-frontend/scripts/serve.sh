#!/usr/bin/env bash
# Serve the built app (standalone output) the way production does.
#   PORT (3000), HOSTNAME (127.0.0.1), API_INTERNAL_URL (http://127.0.0.1:8000),
#   AUTH_COOKIE_SECURE (1; set 0 for plain-http local runs), PUBLIC_SITE_URL, MAP_TILE_URL.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f .next/standalone/server.js ]; then
  echo "No build found: run 'npm run build' first." >&2
  exit 1
fi
# The standalone server does not carry static assets itself.
rm -rf .next/standalone/.next/static .next/standalone/public
cp -r .next/static .next/standalone/.next/static
[ -d public ] && cp -r public .next/standalone/public
export NEXT_TELEMETRY_DISABLED=1 NODE_ENV=production
export PORT="${PORT:-3000}" HOSTNAME="${HOSTNAME_BIND:-${HOSTNAME:-127.0.0.1}}"
exec node .next/standalone/server.js

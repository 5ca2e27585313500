#!/usr/bin/env bash
# `make health` on Docker Compose: every container of every service, checked from inside.
# Prints a table; exits 1 if any part is down.
set -uo pipefail
COMPOSE=${COMPOSE:-docker compose}
down=0
row() { printf '%-16s %-5s %s\n' "$1" "$2" "$3"; [ "$2" = "up" ] || down=1; }

printf '%-16s %-5s %s\n' COMPONENT STATUS DETAIL
code=$($COMPOSE exec -T nginx wget -q -S -O /dev/null http://127.0.0.1:8080/nginx-health 2>&1 | awk '/HTTP\//{print $2}' | tail -1)
[ "$code" = 200 ] && row nginx up "/nginx-health 200" || row nginx DOWN "/nginx-health ${code:-no answer}"

for id in $($COMPOSE ps -q backend); do
  name=$(docker inspect -f '{{.Name}}' "$id" | tr -d /)
  if docker exec "$id" python -c "import urllib.request as u; print(u.urlopen('http://127.0.0.1:8000/api/health/', timeout=3).read().decode())" >/tmp/mutiroes-health.$$ 2>&1; then
    row "$name" up "$(cat /tmp/mutiroes-health.$$)"
  else row "$name" DOWN "$(tail -1 /tmp/mutiroes-health.$$)"; fi
done
[ -n "$($COMPOSE ps -q backend)" ] || row backend DOWN "no container"

$COMPOSE exec -T postgres sh -c 'pg_isready -U "$POSTGRES_USER" -d "$POSTGRES_DB"' >/dev/null 2>&1 \
  && row postgres up "pg_isready" || row postgres DOWN "pg_isready failed"
for r in redis-broker redis-cache; do
  $COMPOSE exec -T "$r" sh -c 'redis-cli -a "$REDIS_PASSWORD" --no-auth-warning ping' 2>/dev/null | grep -q PONG \
    && row "$r" up PONG || row "$r" DOWN "no PONG"
done

for id in $($COMPOSE ps -q celery-worker); do
  host=$(docker inspect -f '{{.Config.Hostname}}' "$id")
  # Captured, not piped into `grep -q`: with pipefail, grep leaving early makes celery's
  # remaining output fail with SIGPIPE, and a healthy worker would read as DOWN.
  pong=$(docker exec "$id" celery -A config inspect ping --timeout 10 -d "worker@$host" 2>/dev/null)
  if [[ $pong == *pong* ]]; then
    row "worker@$host" up pong
  else row "worker@$host" DOWN "no pong"; fi
done
[ -n "$($COMPOSE ps -q celery-worker)" ] || row celery-worker DOWN "no container"

beats=$($COMPOSE ps -q celery-beat | wc -l)
state=$($COMPOSE ps --format '{{.State}}' celery-beat 2>/dev/null | head -1)
[ "$beats" = 1 ] && [ "$state" = running ] && row beat up "1 instance, $state" || row beat DOWN "$beats instance(s), ${state:-absent}"

code=$($COMPOSE exec -T frontend node -e "fetch('http://127.0.0.1:3000/').then(r=>console.log(r.status)).catch(()=>console.log(0))" 2>/dev/null | tr -d '\r')
[ -n "$code" ] && [ "$code" -ge 200 ] && [ "$code" -lt 500 ] && row frontend up "/ $code" || row frontend DOWN "/ ${code:-no answer}"

ready=$($COMPOSE exec -T nginx wget -q -O - http://127.0.0.1:8081/api/health/ready/ 2>/dev/null)
[ -n "$ready" ] && row readiness up "$ready" || row readiness DOWN "/api/health/ready/ not 200"

# ---- monitoring (profile `monitoring`, optional): Prometheus's targets and the alerts firing;
# a critical alert firing fails the check, as natively (deploy/native/monitoring.py).
if [ -n "$($COMPOSE --profile monitoring ps -q prometheus 2>/dev/null)" ]; then
  prom() { $COMPOSE --profile monitoring exec -T prometheus wget -q -O - "http://127.0.0.1:9090$1" 2>/dev/null; }
  targets=$(prom /api/v1/targets?state=active | python3 -c '
import json, sys
t = json.load(sys.stdin)["data"]["activeTargets"]
down = [x["labels"]["job"] + "/" + x["labels"]["instance"] for x in t if x["health"] != "up"]
print(f"{len(t) - len(down)}/{len(t)} targets up" + (f"; down: {chr(44).join(down)}" if down else ""))' 2>/dev/null)
  [ -n "$targets" ] && row prometheus up "$targets" || row prometheus DOWN "no answer"
  alerts=$(prom /api/v1/alerts | python3 -c '
import json, sys
a = [x for x in json.load(sys.stdin)["data"]["alerts"] if x["state"] == "firing"]
names = sorted({x["labels"]["alertname"] + " (" + x["labels"].get("severity", "-") + ")" for x in a})
print(("CRITICAL " if any(x["labels"].get("severity") == "critical" for x in a) else "") + "firing: " + (", ".join(names) or "none"))' 2>/dev/null)
  case "$alerts" in
    "") row alerts DOWN "unknown" ;;
    CRITICAL*) row alerts DOWN "${alerts#CRITICAL }" ;;
    *) row alerts up "$alerts" ;;
  esac
else
  printf '%-16s %-5s %s\n' prometheus off "not running (make monitoring-up)"
fi
rm -f /tmp/mutiroes-health.$$
exit $down

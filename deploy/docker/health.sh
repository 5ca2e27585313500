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
  if docker exec "$id" celery -A config inspect ping --timeout 5 -d "worker@$host" 2>/dev/null | grep -q pong; then
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
rm -f /tmp/mutiroes-health.$$
exit $down

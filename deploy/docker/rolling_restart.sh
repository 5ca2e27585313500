#!/usr/bin/env bash
# `make restart-backends` on Docker Compose: one replica at a time. docker stop sends SIGTERM
# (gunicorn finishes in-flight requests within stop_grace_period); nginx retries GETs that
# hit the stopping replica on another one (proxy_next_upstream error timeout) and drops it
# from the upstream when Docker DNS stops returning it. The next replica is restarted only
# once this one reports healthy again.
set -euo pipefail
COMPOSE=${COMPOSE:-docker compose}
for id in $($COMPOSE ps -q backend); do
  name=$(docker inspect -f '{{.Name}}' "$id" | tr -d /)
  echo "restarting $name"
  docker restart --time 30 "$id" >/dev/null
  for _ in $(seq 1 60); do
    [ "$(docker inspect -f '{{.State.Health.Status}}' "$id")" = healthy ] && break
    sleep 2
  done
  [ "$(docker inspect -f '{{.State.Health.Status}}' "$id")" = healthy ] || { echo "$name not healthy; stopping the roll"; exit 1; }
  echo "$name healthy"
done

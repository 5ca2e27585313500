#!/usr/bin/env bash
# CI only: build, without any registry, everything `docker compose build` needs.
#  1. The stand-ins for the base images the Dockerfiles and docker-compose.yml name (python,
#     node, postgres, redis, nginx-unprivileged), tagged with those exact names, from one
#     debootstrap of Debian bookworm (minbase) imported as mutiroes-ci/bookworm:base.
#  2. What the project images would download inside a container: the backend's wheels
#     (mutiroes_backend/.prebuilt/wheels, pinned by requirements.txt) and the web app's Next
#     standalone output (mutiroes-frontend/.prebuilt), built on the host. The Dockerfiles use
#     them when present; a normal build (no .prebuilt) downloads as usual.
# Then it checks that no base image of the Dockerfiles would be pulled.
# A base image that is already on the engine and is not a stand-in is left alone.
# Usage: deploy/docker/ci/build.sh   (VENV = the virtualenv whose pip builds the wheels)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
HERE=$ROOT/deploy/docker/ci
VENV=${VENV:-$ROOT/.venv}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
export DOCKER_BUILDKIT=0  # the classic builder: local images only, nothing else to install
step() { printf '==> %s (%ss)\n' "$1" "$SECONDS"; }

if ! docker image inspect mutiroes-ci/bookworm:base >/dev/null 2>&1; then
  step "debootstrap bookworm (minbase)"
  rootfs=$(mktemp -d "${TMPDIR:-/tmp}/mutiroes-ci-rootfs.XXXXXX")
  trap 'rm -rf "$rootfs"' EXIT
  debootstrap --variant=minbase bookworm "$rootfs" "$MIRROR" >"$rootfs.log" 2>&1 \
    || { tail -20 "$rootfs.log"; exit 1; }
  rm -f "$rootfs.log"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb
  tar -C "$rootfs" -c . | docker import - mutiroes-ci/bookworm:base >/dev/null
  rm -rf "$rootfs"
fi

step "stand-ins"
node_bin=$(readlink -f "$(command -v node)")
[[ $("$node_bin" --version) == v20.* ]] || { echo "the node stand-in needs the host's Node.js 20" >&2; exit 1; }
cp "$node_bin" "$HERE/node/node"
trap 'rm -f "$HERE/node/node"' EXIT
# A real image already on the engine (a machine with a registry) is never replaced; a stand-in
# (label mutiroes.ci.standin) is rebuilt, from the build cache when nothing changed.
standin() {  # standin DIR TAG...
  local dir=$1 tag
  shift
  for tag in "$@"; do
    if docker image inspect "$tag" >/dev/null 2>&1 \
      && [ -z "$(docker image inspect -f '{{index .Config.Labels "mutiroes.ci.standin"}}' "$tag")" ]; then
      echo "$tag: a real image is here, no stand-in"
      return
    fi
  done
  local log
  log=$(mktemp)
  docker build --label mutiroes.ci.standin="$dir" -t "$1" "$HERE/$dir" >"$log" 2>&1 || { cat "$log"; rm -f "$log"; return 1; }
  rm -f "$log"
  for tag in "${@:2}"; do docker tag "$1" "$tag"; done
}
standin python python:3.11-slim-bookworm python:3.11-alpine
standin node node:20-bookworm-slim
standin postgres postgres:15-alpine
standin redis redis:7-alpine
standin nginx nginxinc/nginx-unprivileged:1.28-alpine

step "backend wheels"
wheels=$ROOT/mutiroes_backend/.prebuilt/wheels
if [ ! -f "$wheels/.complete" ] || [ "$ROOT/mutiroes_backend/requirements.txt" -nt "$wheels/.complete" ]; then
  rm -rf "$ROOT/mutiroes_backend/.prebuilt"
  "$VENV/bin/pip" wheel -q --disable-pip-version-check -r "$ROOT/mutiroes_backend/requirements.txt" \
    -w "$wheels" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
  # Pins behind an environment marker may apply to the image's Python and not to the host's.
  guarded=$(sed -nE 's/^([A-Za-z0-9_.-]+==[^ ;]+) *;.*/\1/p' "$ROOT/mutiroes_backend/requirements.txt")
  if [ -n "$guarded" ]; then
    "$VENV/bin/pip" download -q --disable-pip-version-check --no-deps --only-binary=:all: \
      -d "$wheels" $guarded 2> >(grep -v "is ignored: it is neither" >&2)
  fi
  touch "$wheels/.complete"
fi

step "web app standalone output"
web=$ROOT/mutiroes-frontend
[ -f "$web/.next/standalone/server.js" ] || make -C "$ROOT" --no-print-directory frontend-build VENV="$VENV"
if [ ! -f "$web/.prebuilt/.complete" ] || [ "$web/.next/standalone/server.js" -nt "$web/.prebuilt/.complete" ]; then
  rm -rf "$web/.prebuilt" && mkdir -p "$web/.prebuilt"
  cp -a "$web/.next/standalone" "$web/.prebuilt/standalone"
  cp -a "$web/.next/static" "$web/.prebuilt/static"
  touch "$web/.prebuilt/.complete"
fi

step "no base image would be pulled"
missing=0
for image in $(sed -nE 's/^ARG [A-Z_]+_IMAGE=//p; s/^FROM ([^ $]+).*/\1/p' "$ROOT"/mutiroes_backend/Dockerfile \
    "$ROOT"/mutiroes-frontend/Dockerfile "$ROOT"/nginx/Dockerfile | sort -u); do
  docker image inspect "$image" >/dev/null 2>&1 || { echo "would be pulled: $image" >&2; missing=1; }
done
[ "$missing" = 0 ] || { echo "refusing to go on: the images above are not on this engine" >&2; exit 1; }
step "ready"

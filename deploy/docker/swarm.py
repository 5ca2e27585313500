#!/usr/bin/env python3
"""`make swarm-up` / `make swarm-down`: docker-compose.yml as a Docker Swarm stack.

    python3 deploy/docker/swarm.py up --stack mutiroes --env-file .env [--no-build]
    python3 deploy/docker/swarm.py down --stack mutiroes

`up` renders the stack from the same Compose file with deploy/docker/swarm.yml on top
(`docker compose config`), turns the secrets of .env into Swarm secrets (files under
/run/secrets/ in the containers, read through the *_FILE variables; never environment
variables of the services), drops what `docker stack deploy` does not know (build, depends_on,
restart, profiles), deploys it without asking any registry (`--resolve-image never`: the
images are the ones `docker compose build` made on this engine; on several nodes push them to
a registry first, see docs/runtime.md), and waits until the migration job has completed and
every service runs all its replicas, healthy. Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILES = [ROOT / "docker-compose.yml", ROOT / "deploy" / "docker" / "swarm.yml"]
# Keys of a Compose service that `docker stack deploy` ignores or refuses.
NOT_FOR_SWARM = ("build", "depends_on", "restart", "profiles", "pull_policy", "container_name")
# environment variable -> secret name, per kind of service. The variable is removed from the
# service's environment and NAME_FILE points at /run/secrets/<secret>.
DJANGO_SECRETS = {
    "DJANGO_SECRET_KEY": "django_secret_key",
    "DATABASE_URL": "database_url",
    "REDIS_URL": "redis_url",
    "CELERY_BROKER_URL": "celery_broker_url",
    "EMAIL_HOST_PASSWORD": "email_host_password",
}
SERVICE_SECRETS = {
    "postgres": {"POSTGRES_PASSWORD": "postgres_password"},
    "redis-broker": {"REDIS_PASSWORD": "redis_broker_password"},
    "redis-cache": {"REDIS_PASSWORD": "redis_cache_password"},
}
DJANGO_SERVICES = ("migrate", "backend", "celery-worker", "celery-beat")
ONE_SHOT = "migrate"


def docker(*args: str, stdin: str | None = None, check: bool = True) -> str:
    proc = subprocess.run(["docker", *args], input=stdin, text=True, capture_output=True)
    if check and proc.returncode != 0:
        sys.exit(f"docker {' '.join(args[:3])} ... failed:\n{proc.stderr.strip()}")
    return proc.stdout


def compose(env_file: Path, *args: str) -> str:
    files = [arg for path in COMPOSE_FILES for arg in ("-f", str(path))]
    return docker("compose", "--env-file", str(env_file), *files, *args)


def render(env_file: Path, stack: str) -> tuple[dict, dict[str, str]]:
    """The stack file and the secrets (Swarm name -> value) it refers to."""
    config = json.loads(compose(env_file, "config", "--format", "json"))
    secret_values: dict[str, str] = {}
    services = {}
    for name, svc in config["services"].items():
        if svc.get("profiles"):
            continue
        for key in NOT_FOR_SWARM:
            svc.pop(key, None)
        for key in [k for k, v in svc.items() if v is None]:  # e.g. `entrypoint: null`
            del svc[key]
        env = svc.get("environment") or {}
        wanted = DJANGO_SECRETS if name in DJANGO_SERVICES else SERVICE_SECRETS.get(name, {})
        mounts = []
        for variable, secret in wanted.items():
            value = env.pop(variable, None)
            if not value:
                continue
            digest = hashlib.sha256(value.encode()).hexdigest()[:12]
            swarm_name = f"{stack}_{secret}_{digest}"  # secrets are immutable: a new value, a new name
            secret_values[swarm_name] = value
            mounts.append({"source": secret, "target": secret, "mode": 0o444})
            env[f"{variable}_FILE"] = f"/run/secrets/{secret}"
            config.setdefault("secrets", {})[secret] = {"external": True, "name": swarm_name}
        if mounts:
            svc["secrets"] = mounts
        for port in svc.get("ports", []):
            # Host mode: the port of the node nginx runs on, on every address (Swarm binds no
            # single address); the routing mesh would need the kernel's IPVS.
            port.pop("host_ip", None)
            port["published"] = int(port["published"])
            port["mode"] = "host"
        limits = svc.get("deploy", {}).get("resources", {}).get("limits", {})
        for key in ("cpus", "memory"):  # the stack loader wants strings where Compose prints numbers
            if key in limits:
                limits[key] = str(limits[key])
        services[name] = svc
    config["services"] = services
    config.pop("name", None)
    for section in ("networks", "volumes"):
        for item in (config.get(section) or {}).values():
            item.pop("name", None)  # the stack names them <stack>_<key>
    return config, secret_values


def services_state(stack: str) -> dict[str, tuple[int, int]]:
    out = docker("service", "ls", "--filter", f"label=com.docker.stack.namespace={stack}", "--format", "{{json .}}")
    state = {}
    for line in out.splitlines():
        row = json.loads(line)
        running, _, desired = row["Replicas"].partition("/")
        state[row["Name"]] = (int(running), int(desired.split()[0]))
    return state


def migrate_done(stack: str) -> bool:
    tasks = docker("service", "ps", f"{stack}_{ONE_SHOT}", "--format", "{{.CurrentState}}", check=False)
    return any(line.startswith("Complete") for line in tasks.splitlines())


def wait_converged(stack: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        state = services_state(stack)
        pending = {n: s for n, s in state.items() if not n.endswith(f"_{ONE_SHOT}") and s[0] != s[1]}
        done = migrate_done(stack)
        if state and not pending and done:
            print(f"stack {stack}: every service runs all its replicas; migrations applied")
            return
        if time.monotonic() > deadline:
            sys.exit(f"stack {stack} did not converge in {timeout:.0f} s: {pending or state}, migrate done={done}")
        time.sleep(2)


def up(args: argparse.Namespace) -> None:
    if docker("info", "--format", "{{.Swarm.LocalNodeState}}").strip() != "active":
        sys.exit("this engine is not part of a swarm: `docker swarm init` first (docs/runtime.md)")
    env_file = Path(args.env_file).resolve()
    if not args.no_build:
        compose(env_file, "build")
    config, secrets = render(env_file, args.stack)
    existing = set(docker("secret", "ls", "--format", "{{.Name}}").split())
    for name, value in secrets.items():
        if name not in existing:
            docker("secret", "create", "--label", f"com.docker.stack.namespace={args.stack}", name, "-", stdin=value)
    stack_file = ROOT / "var" / f"swarm-{args.stack}.json"
    stack_file.parent.mkdir(exist_ok=True)
    stack_file.write_text(json.dumps(config, indent=2))
    stack_file.chmod(0o600)
    print(docker("stack", "deploy", "--resolve-image", "never", "--prune", "-c", str(stack_file), args.stack), end="")
    wait_converged(args.stack, args.timeout)


def down(args: argparse.Namespace) -> None:
    docker("stack", "rm", args.stack, check=False)
    label = f"label=com.docker.stack.namespace={args.stack}"
    deadline = time.monotonic() + args.timeout
    # The stack's containers and networks go asynchronously; its secrets can go once they have.
    while docker("ps", "-aq", "--filter", label).strip() or docker("network", "ls", "-q", "--filter", label).strip():
        if time.monotonic() > deadline:
            sys.exit(f"stack {args.stack}: containers or networks still there after {args.timeout:.0f} s")
        time.sleep(1)
    names = docker("secret", "ls", "-q", "--filter", label).split()
    if names:
        docker("secret", "rm", *names)
    print(f"stack {args.stack} removed (its volumes stay: docker volume ls --filter {label})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["up", "down", "render"])
    parser.add_argument("--stack", default="mutiroes")
    parser.add_argument("--env-file", default=str(ROOT / ".env"))
    parser.add_argument("--no-build", action="store_true", help="use the images already on this engine")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    if args.command == "render":
        print(json.dumps(render(Path(args.env_file).resolve(), args.stack)[0], indent=2))
    else:
        {"up": up, "down": down}[args.command](args)


if __name__ == "__main__":
    main()

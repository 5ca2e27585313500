#!/usr/bin/env python3
"""The native cluster: the Compose topology as local processes under supervisord.

    nginx (public :P, internal :P+1) -> backend-1..N (gunicorn, :P+11..)  -> PostgreSQL (machine)
                                     -> frontend (next standalone, :P+2)   -> Redis (machine; broker db, cache db)
    worker-1..M (celery), beat (exactly one)

Everything generated lives in the state directory ($CLUSTER_DIR, default var/cluster):
cluster.json (the settings of this cluster), supervisord.conf, nginx/nginx.conf, logs/,
run/ (pids, socket, beat schedule), static/, media/, mail/.

Settings come from the environment the first time (`up`) and are kept in cluster.json;
an environment variable given later overrides the kept value:

    CLUSTER_PORT=8080          public nginx port; internal = P+1, frontend = P+2, backend-i = P+10+i
    CLUSTER_BACKENDS=3         Django replicas          CLUSTER_WORKERS=2   Celery workers
    CLUSTER_DB_NAME=mutiroes_cluster                    CLUSTER_PG=postgres://postgres@127.0.0.1:5432
    CLUSTER_BROKER_URL=redis://127.0.0.1:6379/2         CLUSTER_CACHE_URL=redis://127.0.0.1:6379/3
    GUNICORN_WORKERS=1  GUNICORN_THREADS=4  CELERY_CONCURRENCY=2
    CLUSTER_FRONTEND=auto|0|1  (auto: run the Next server when mutiroes-frontend has a standalone build)
    CLUSTER_TLS_CERT / CLUSTER_TLS_KEY (optional: HTTPS on P+3, HSTS on)
    CLUSTER_AUTH_RATE=10r/m    nginx limit on password checks (raised only by the browser tests)
    CLUSTER_ACTION_RATE=60r/m  nginx limit on web-app POSTs / Server Actions (raised only by the browser tests)
    CLUSTER_HEAVY_RATE=1r/s CLUSTER_PAGE_RATE=2r/s CLUSTER_UPLOAD_RATE=10r/m  searches, schema, PDF and
                               export; web-app page views; image uploads (raised only by the browser tests)
    CLUSTER_MONITORING=auto|0|1   Prometheus, Alertmanager, exporters (auto: if installed; see monitoring.py)
    CLUSTER_SCRAPE_INTERVAL=15s   Prometheus's scrape and rule evaluation interval
    CLUSTER_TEST_FAULTS=0      1 routes /api/test-faults/error/ (a 500 on purpose; test clusters only)

Every port of a cluster lies in P..P+99 (backends P+11..P+35, monitoring P+40.., metrics P+51..).

Standard library only. `python3 deploy/native/cluster.py --help` lists the commands.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "nginx"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import render as render_nginx  # noqa: E402
from waiting import wait_until  # noqa: E402 - also used by the test suites through this module

sys.path.insert(0, str(Path(__file__).resolve().parent))
import monitoring  # noqa: E402

BACKEND_DIR = ROOT / "mutiroes_backend"
FRONTEND_DIR = ROOT / "mutiroes-frontend"
VENV = Path(os.environ.get("VENV", ROOT / ".venv"))
STATE = Path(os.environ.get("CLUSTER_DIR") or ROOT / "var" / "cluster").resolve()

DEFAULTS: dict[str, object] = {
    "port": 8080,
    "backends": 3,
    "workers": 2,
    "db_name": "mutiroes_cluster",
    "pg": "postgres://postgres@127.0.0.1:5432",
    "broker_url": "redis://127.0.0.1:6379/2",
    "cache_url": "redis://127.0.0.1:6379/3",
    "gunicorn_workers": 1,
    "gunicorn_threads": 4,
    "celery_concurrency": 2,
    "frontend": "auto",
    "tls_cert": "",
    "tls_key": "",
    "auth_rate": "10r/m",
    "monitoring": "auto",
    "scrape_interval": "15s",
    "test_faults": "0",
    "action_rate": "60r/m",
    "heavy_rate": "1r/s",
    "page_rate": "2r/s",
    "upload_rate": "10r/m",
}
ENV_NAMES = {
    "port": "CLUSTER_PORT",
    "backends": "CLUSTER_BACKENDS",
    "workers": "CLUSTER_WORKERS",
    "db_name": "CLUSTER_DB_NAME",
    "pg": "CLUSTER_PG",
    "broker_url": "CLUSTER_BROKER_URL",
    "cache_url": "CLUSTER_CACHE_URL",
    "gunicorn_workers": "GUNICORN_WORKERS",
    "gunicorn_threads": "GUNICORN_THREADS",
    "celery_concurrency": "CELERY_CONCURRENCY",
    "frontend": "CLUSTER_FRONTEND",
    "tls_cert": "CLUSTER_TLS_CERT",
    "tls_key": "CLUSTER_TLS_KEY",
    "auth_rate": "CLUSTER_AUTH_RATE",
    "monitoring": "CLUSTER_MONITORING",
    "scrape_interval": "CLUSTER_SCRAPE_INTERVAL",
    "test_faults": "CLUSTER_TEST_FAULTS",
    "action_rate": "CLUSTER_ACTION_RATE",
    "heavy_rate": "CLUSTER_HEAVY_RATE",
    "page_rate": "CLUSTER_PAGE_RATE",
    "upload_rate": "CLUSTER_UPLOAD_RATE",
}
MAX_BACKENDS = 25  # backend-i listens on P+10+i, its metrics on P+70+i (monitoring.py)
MAX_WORKERS = 20


# ====================================================================== settings
class Cluster:
    def __init__(self, state: Path = STATE, *, apply_env: bool = False) -> None:
        """Settings kept in cluster.json win; the environment applies when the cluster is
        created, and on `up`/`restart`/`render` (so `make up CLUSTER_BACKENDS=4` works, but a
        CLUSTER_BACKENDS left in the environment never undoes `make scale-backends`)."""
        self.state = state
        self.file = state / "cluster.json"
        saved = json.loads(self.file.read_text()) if self.file.exists() else {}
        self.cfg: dict[str, object] = {**DEFAULTS, **saved}
        for key, env in ENV_NAMES.items():
            if (apply_env or not saved) and os.environ.get(env, "") != "":
                value: object = os.environ[env]
                if isinstance(DEFAULTS[key], int):
                    value = int(str(value))
                self.cfg[key] = value
        self.cfg.setdefault("secret_key", saved.get("secret_key") or secrets.token_urlsafe(50))
        if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", str(self.cfg["db_name"])):
            die(f"invalid database name {self.cfg['db_name']!r} (lowercase letters, digits, _)")
        if not 1 <= self.backends <= MAX_BACKENDS:
            die(f"backends must be 1..{MAX_BACKENDS}")

    def save(self) -> None:
        self.state.mkdir(parents=True, exist_ok=True)
        self.file.write_text(json.dumps(self.cfg, indent=2, sort_keys=True) + "\n")
        self.file.chmod(0o600)

    # ---- derived values
    @property
    def port(self) -> int:
        return int(self.cfg["port"])  # type: ignore[arg-type]

    @property
    def internal_port(self) -> int:
        return self.port + 1

    @property
    def frontend_port(self) -> int:
        return self.port + 2

    @property
    def tls_port(self) -> int:
        return self.port + 3

    def backend_port(self, i: int) -> int:
        return self.port + 10 + i

    @property
    def backends(self) -> int:
        return int(self.cfg["backends"])  # type: ignore[arg-type]

    @property
    def workers(self) -> int:
        return int(self.cfg["workers"])  # type: ignore[arg-type]

    @property
    def database_url(self) -> str:
        return f"{str(self.cfg['pg']).rstrip('/')}/{self.cfg['db_name']}"

    def db_url(self, name: str) -> str:
        return f"{str(self.cfg['pg']).rstrip('/')}/{name}"

    @property
    def admin_db_url(self) -> str:
        return f"{str(self.cfg['pg']).rstrip('/')}/postgres"

    @property
    def tls(self) -> bool:
        return bool(self.cfg.get("tls_cert"))

    @property
    def public_url(self) -> str:
        return f"https://127.0.0.1:{self.tls_port}" if self.tls else f"http://127.0.0.1:{self.port}"

    @property
    def frontend_built(self) -> bool:
        return (FRONTEND_DIR / ".next" / "standalone" / "server.js").exists()

    @property
    def frontend_enabled(self) -> bool:
        """The Next server runs from a copy deployed into the state dir by `up` (so a rebuild
        of mutiroes-frontend never pulls the files from under the running server)."""
        return str(self.cfg["frontend"]) != "0" and (self.state / "frontend" / "server.js").exists()

    @property
    def monitoring(self) -> bool:
        return monitoring.enabled(str(self.cfg["monitoring"]))

    @property
    def prometheus_url(self) -> str:
        return f"http://127.0.0.1:{self.port + monitoring.PROMETHEUS}"

    def path(self, *parts: str) -> Path:
        return self.state.joinpath(*parts)

    @property
    def supervisor_conf(self) -> Path:
        return self.path("supervisord.conf")

    @property
    def nginx_conf(self) -> Path:
        return self.path("nginx", "nginx.conf")

    def backend_names(self, n: int | None = None) -> list[str]:
        return [f"backend-{i}" for i in range(1, (n or self.backends) + 1)]

    def worker_names(self, n: int | None = None) -> list[str]:
        return [f"worker-{i}" for i in range(1, (n or self.workers) + 1)]

    def celery_node(self, i: int) -> str:
        return f"worker{i}@{socket.gethostname()}"

    # ---- environment shared by every Django / Celery process
    def django_env(self) -> dict[str, str]:
        hosts = ["localhost", "127.0.0.1"]
        origins = [f"http://{h}:{self.port}" for h in hosts]
        if self.tls:
            origins += [f"https://{h}:{self.tls_port}" for h in hosts]
        return {
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "DJANGO_SECRET_KEY": str(self.cfg["secret_key"]),
            "DJANGO_DEBUG": "0",
            "DJANGO_ALLOWED_HOSTS": ",".join(hosts),
            "DJANGO_CSRF_TRUSTED_ORIGINS": ",".join(origins),
            "DJANGO_NUM_PROXIES": "1",
            # TLS ends at nginx; nginx owns HSTS. Redirects/secure cookies follow the TLS setting.
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_HSTS_SECONDS": "0",
            "DJANGO_SESSION_COOKIE_SECURE": "1" if self.tls else "0",
            "DJANGO_CSRF_COOKIE_SECURE": "1" if self.tls else "0",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": str(self.cfg["cache_url"]),
            "CELERY_BROKER_URL": str(self.cfg["broker_url"]),
            "DJANGO_CACHE_PREFIX": f"mutiroes-{self.cfg['db_name']}",
            "DJANGO_STATIC_ROOT": str(self.path("static")),
            "DJANGO_MEDIA_ROOT": str(self.path("media")),
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.path("mail")),
            "FRONTEND_URL": self.public_url,
            "MUTIROES_BACKUP_DIR": str(ROOT / "backups"),
            **({"DJANGO_TEST_FAULTS": "1"} if str(self.cfg["test_faults"]) == "1" else {}),
            **self.auth_throttle_env(),
            "PYTHONUNBUFFERED": "1",
            "PATH": f"{VENV / 'bin'}:{os.environ.get('PATH', '/usr/bin:/bin')}",
        }

    def auth_throttle_env(self) -> dict[str, str]:
        """Django's auth throttle (its second line) follows a raised nginx auth rate (tests only)."""
        rate = str(self.cfg["auth_rate"])
        if rate == DEFAULTS["auth_rate"]:
            return {}
        number, unit = rate.split("r/")
        per = {"s": "sec", "m": "min"}[unit]
        return {"DJANGO_THROTTLE_AUTH": f"{number}/{per}"}

    def process_env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))}
        env.pop("DATABASE_URL", None)
        env.pop("REDIS_URL", None)
        env.update(self.django_env())
        return env


def die(message: str, code: int = 1) -> None:
    print(f"cluster: {message}", file=sys.stderr)
    raise SystemExit(code)


def say(message: str) -> None:
    print(f"cluster: {message}", flush=True)


# ====================================================================== rendering
def render_nginx_conf(c: Cluster, *, drained: set[int] | None = None) -> str:
    drained = drained or set()
    servers = []
    for i in range(1, c.backends + 1):
        flags = "down" if i in drained else "max_fails=3 fail_timeout=10s"
        servers.append(f"server 127.0.0.1:{c.backend_port(i)} {flags};  # backend-{i}")
    # nginx's secret placeholder nonce for the pages it keeps: made once per cluster directory
    nonce_file = c.path("nginx", "page-nonce.conf")
    render_nginx.ensure_page_nonce_file(nonce_file)
    return render_nginx.render(
        backend_servers=servers,
        frontend_servers=[f"server 127.0.0.1:{c.frontend_port} max_fails=3 fail_timeout=10s;"],
        public_listen=f"127.0.0.1:{c.port}",
        internal_listen=f"127.0.0.1:{c.internal_port}",
        internal_trusted=["127.0.0.1"],
        static_root=str(c.path("static")),
        media_root=str(c.path("media")),
        pid_file=str(c.path("run", "nginx.pid")),
        error_log=str(c.path("logs", "nginx-error.log")),
        access_log=str(c.path("logs", "nginx-access.log")),
        temp_dir=str(c.path("nginx", "tmp")),
        page_nonce_file=str(nonce_file),
        worker_processes="2",
        tls_cert=str(c.cfg["tls_cert"]) or None,
        tls_key=str(c.cfg["tls_key"]) or None,
        tls_listen=f"127.0.0.1:{c.tls_port}" if c.tls else None,
        auth_rate=str(c.cfg["auth_rate"]),
        action_rate=str(c.cfg["action_rate"]),
        heavy_rate=str(c.cfg["heavy_rate"]),
        page_rate=str(c.cfg["page_rate"]),
        upload_rate=str(c.cfg["upload_rate"]),
    )


def _sv_escape(value: str) -> str:
    return value.replace("%", "%%")


def _sv_env(env: dict[str, str]) -> str:
    return ",".join(f'{k}="{_sv_escape(v).replace(chr(34), "")}"' for k, v in env.items())


def _program(
    name: str, command: str, directory: Path, log: Path, env: dict[str, str] | None = None, **extra: object
) -> str:
    lines = [
        f"[program:{name}]",
        f"command={_sv_escape(command)}",
        f"directory={directory}",
        "autostart=true",
        "autorestart=true",
        "startsecs=2",
        "startretries=20",
        "stopasgroup=true",
        "killasgroup=true",
        "redirect_stderr=true",
        f"stdout_logfile={log}",
        "stdout_logfile_maxbytes=20MB",
        "stdout_logfile_backups=2",
    ]
    if env:
        lines.append(f"environment={_sv_env(env)}")
    lines += [f"{k}={v}" for k, v in extra.items()]
    return "\n".join(lines) + "\n"


def render_supervisor_conf(c: Cluster) -> str:
    run, logs = c.path("run"), c.path("logs")
    bin_ = VENV / "bin"
    parts = [
        "; GENERATED by deploy/native/cluster.py; do not edit (make up / scale-* rewrite it).",
        "[unix_http_server]",
        f"file={run / 'supervisor.sock'}",
        "chmod=0700",
        "",
        "[supervisord]",
        f"logfile={logs / 'supervisord.log'}",
        f"pidfile={run / 'supervisord.pid'}",
        f"childlogdir={logs}",
        "minfds=4096",
        f"environment={_sv_env(c.django_env())}",
        "",
        "[rpcinterface:supervisor]",
        "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
        "",
        "[supervisorctl]",
        f"serverurl=unix://{run / 'supervisor.sock'}",
        "",
    ]
    gw, gt = c.cfg["gunicorn_workers"], c.cfg["gunicorn_threads"]
    for i in range(1, c.backends + 1):
        name = f"backend-{i}"
        cmd = (
            f"{bin_ / 'gunicorn'} config.wsgi:application --bind 127.0.0.1:{c.backend_port(i)} "
            f"--worker-class gthread --workers {gw} --threads {gt} --keep-alive 75 --timeout 30 "
            f"--graceful-timeout 20 --forwarded-allow-ips 127.0.0.1 --name mutiroes-{name} "
            f"--control-socket {run / (name + '.ctl')} "
            # No access log: Django writes one JSON line per request (mutiroes.request).
            "--error-logfile -"
        )
        env = {**metrics_env(c, name, monitoring.backend_metrics_port(c.port, i)), **low_cpu_cgroup_env(c)}
        parts.append(_program(name, cmd, BACKEND_DIR, logs / f"{name}.log", env, stopsignal="TERM", stopwaitsecs=25))
    for i in range(1, c.workers + 1):
        name = f"worker-{i}"
        cmd = (
            f"{bin_ / 'celery'} -A config worker -n worker{i}@%h "
            f"--concurrency {c.cfg['celery_concurrency']} --loglevel INFO"
        )
        env = metrics_env(c, name, monitoring.worker_metrics_port(c.port, i))
        parts.append(_program(name, cmd, BACKEND_DIR, logs / f"{name}.log", env, stopsignal="TERM", stopwaitsecs=30))
    cmd = f"{bin_ / 'celery'} -A config beat --loglevel INFO --schedule {run / 'celerybeat-schedule'}"
    parts.append(
        _program(
            "beat", cmd, BACKEND_DIR, logs / "beat.log", {"REPLICA_NAME": "beat"}, stopsignal="TERM", stopwaitsecs=10
        )
    )
    if c.frontend_enabled:
        standalone = c.path("frontend")
        env = {
            "NODE_ENV": "production",
            "PORT": str(c.frontend_port),
            "HOSTNAME": "127.0.0.1",
            "API_INTERNAL_URL": f"http://127.0.0.1:{c.internal_port}",
            "PUBLIC_URL": c.public_url,
        }
        # the anonymous read cache's lifetime (lib/api/anonymous-cache.ts), when the caller sets it
        if (anonymous_seconds := os.environ.get("API_ANONYMOUS_CACHE_SECONDS")) is not None:
            env["API_ANONYMOUS_CACHE_SECONDS"] = anonymous_seconds
        parts.append(
            _program(
                "frontend",
                f"{shutil.which('node') or 'node'} server.js",
                standalone,
                logs / "frontend.log",
                env,
                stopsignal="TERM",
                stopwaitsecs=10,
            )
        )
    if c.monitoring:
        for name, cmd, env in monitoring.programs(
            c.state,
            c.port,
            internal_port=c.internal_port,
            # The maintenance database: server-wide numbers, and no session that would keep
            # `restore-db` or `destroy` from dropping the cluster's database.
            database_url=c.admin_db_url,
            redis_url=str(c.cfg["broker_url"]),
            python=bin_ / "python",
        ):
            program = _program(name, cmd, BACKEND_DIR, logs / f"{name}.log", env, stopsignal="TERM", stopwaitsecs=10)
            parts.append(program)
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    cmd = f"{nginx} -c {c.nginx_conf} -e {logs / 'nginx-error.log'} -g 'daemon off;'"
    parts.append(
        _program(
            "nginx", cmd, c.path("nginx"), logs / "nginx-stdout.log", stopsignal="QUIT", stopwaitsecs=15, priority=900
        )
    )
    return "\n".join(parts)


def metrics_env(c: Cluster, name: str, port: int) -> dict[str, str]:
    """A replica's or worker's metrics: its own multiprocess directory (emptied when it starts)
    and its listener on loopback (mutiroes/core/metrics.py)."""
    return {
        "REPLICA_NAME": name,
        "PROMETHEUS_MULTIPROC_DIR": str(c.path("run", "metrics", name)),
        "METRICS_PORT": str(port),
        "METRICS_ADDR": "127.0.0.1",
    }


# The replicas' low-priority threads (password hashes, image decoding: mutiroes/core/cpu.py) join
# a cgroup of the weight of `nice` 10 (110 against 1024), so that their low priority holds against
# PostgreSQL, Redis and every other session of the machine, not only against the other threads of
# their Gunicorn process (a thread's `nice` weighs only inside its autogroup). Made when the cgroup
# v1 `cpu` hierarchy is writable (root); else the threads keep `nice` alone.
CGROUP_V1_CPU = Path("/sys/fs/cgroup/cpu")
LOW_CPU_SHARES = 110


def low_cpu_cgroup(c: Cluster) -> Path:
    return CGROUP_V1_CPU / f"mutiroes-{c.port}-low-cpu"


def low_cpu_cgroup_env(c: Cluster) -> dict[str, str]:
    path = low_cpu_cgroup(c)
    try:
        path.mkdir(exist_ok=True)
        (path / "cpu.shares").write_text(str(LOW_CPU_SHARES))
    except OSError:
        return {}
    return {"MUTIROES_LOW_CPU_CGROUP": str(path)}


def low_cpu_cgroup_remove(c: Cluster) -> None:
    try:
        low_cpu_cgroup(c).rmdir()  # empty once the replicas are gone
    except OSError:
        pass


def write_monitoring(c: Cluster) -> None:
    if c.monitoring:
        monitoring.write_config(c.state, c.port, str(c.cfg["scrape_interval"]))
        monitoring.write_targets(c.state, c.port, c.backends, c.workers)


def write_configs(c: Cluster, *, drained: set[int] | None = None) -> None:
    for d in ("nginx/tmp", "run", "logs", "static", "media", "mail"):
        c.path(d).mkdir(parents=True, exist_ok=True)
    # nginx workers run as an unprivileged user when the master is root: they must be able
    # to walk into the state directory (tests use mkdtemp, which is 0700).
    for d in (c.state, c.path("static"), c.path("media"), c.path("nginx")):
        d.chmod(0o755)
    c.save()
    c.nginx_conf.write_text(render_nginx_conf(c, drained=drained))
    c.supervisor_conf.write_text(render_supervisor_conf(c))
    c.supervisor_conf.chmod(0o600)
    write_monitoring(c)


def deploy_frontend(c: Cluster) -> None:
    """Copy the standalone build into $CLUSTER_DIR/frontend (CLUSTER_FRONTEND=auto: if built)."""
    mode = str(c.cfg["frontend"])
    target = c.path("frontend")
    if mode == "0" or not c.frontend_built:
        if mode == "1":
            die("CLUSTER_FRONTEND=1 but mutiroes-frontend has no standalone build (npm run build)")
        shutil.rmtree(target, ignore_errors=True)
        return
    staging = c.path("frontend.new")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(FRONTEND_DIR / ".next" / "standalone", staging, symlinks=True)
    # `next build` leaves static assets and public/ outside the standalone folder.
    for src, dst in (
        (FRONTEND_DIR / ".next" / "static", staging / ".next" / "static"),
        (FRONTEND_DIR / "public", staging / "public"),
    ):
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)


# ====================================================================== processes
def sv(c: Cluster, *args: str, check: bool = True, capture: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["supervisorctl", "-c", str(c.supervisor_conf), *args],
        check=check,
        text=True,
        capture_output=capture,
    )


def sv_each(c: Cluster, action: str, names: list[str]) -> None:
    """`supervisorctl <action>` on several programs at once (supervisorctl does them one by one,
    each stop waiting for a graceful exit)."""
    with ThreadPoolExecutor(max(1, len(names))) as pool:
        list(pool.map(lambda name: sv(c, action, name, capture=True, check=False), names))


def supervisord_pid(c: Cluster) -> int | None:
    pidfile = c.path("run", "supervisord.pid")
    try:
        pid = int(pidfile.read_text().strip())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def program_states(c: Cluster) -> dict[str, tuple[str, str]]:
    """name -> (STATE, description) as supervisorctl reports them."""
    if not supervisord_pid(c):
        return {}
    out = sv(c, "status", check=False, capture=True).stdout
    states = {}
    for line in out.splitlines():
        fields = line.split(None, 2)
        if len(fields) >= 2:
            states[fields[0]] = (fields[1], fields[2] if len(fields) > 2 else "")
    return states


def program_pid(c: Cluster, name: str) -> int | None:
    out = sv(c, "pid", name, check=False, capture=True).stdout.strip()
    return int(out) if out.isdigit() and out != "0" else None


def nginx_reload(c: Cluster) -> None:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    test = subprocess.run(
        [nginx, "-t", "-q", "-c", str(c.nginx_conf), "-e", str(c.path("logs", "nginx-error.log"))],
        capture_output=True,
        text=True,
    )
    if test.returncode != 0:
        die(f"nginx configuration invalid, not reloaded:\n{test.stderr}")
    pid = int(c.path("run", "nginx.pid").read_text().strip())
    os.kill(pid, signal.SIGHUP)  # == nginx -s reload: new workers, old ones finish in-flight requests
    time.sleep(0.3)


def http_get(
    url: str, timeout: float = 3.0, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - our own http:// URLs
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - loopback only
            return resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()
    except (urllib.error.URLError, OSError, TimeoutError):
        return 0, {}, b""


def backend_healthy(c: Cluster, i: int) -> bool:
    status, _, body = http_get(f"http://127.0.0.1:{c.backend_port(i)}/api/health/", timeout=2)
    return status == 200 and f"backend-{i}".encode() in body


def port_free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def _bindable(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_port_range(span: int = monitoring.PORT_SPAN) -> int:
    """A base port P with P..P+span-1 all free on loopback, for a cluster started alongside others
    (tests, browser tests, benchmarks). The search starts at a point derived from the pid, so
    parallel runs spread out instead of racing for the same range."""
    for base in range(20000 + (os.getpid() % 200) * 100, 60000, 100):
        if all(_bindable(port) for port in range(base, base + span)):
            return base
    raise RuntimeError("no free port range on 127.0.0.1")


def run_manage(c: Cluster, *args: str, interactive: bool = False) -> int:
    python = VENV / "bin" / "python"
    if not python.exists():
        die(f"{python} missing: run `make install` first")
    cmd = [str(python), "manage.py", *args]
    if interactive:
        os.chdir(BACKEND_DIR)
        os.execvpe(cmd[0], cmd, c.process_env())
    return subprocess.run(cmd, cwd=BACKEND_DIR, env=c.process_env()).returncode


def psql(url: str, sql: str) -> str:
    out = subprocess.run(
        ["psql", url, "-v", "ON_ERROR_STOP=1", "-tAc", sql], check=True, capture_output=True, text=True
    )
    return out.stdout.strip()


def ensure_database(c: Cluster, name: str | None = None) -> None:
    name = name or str(c.cfg["db_name"])
    if psql(c.admin_db_url, f"SELECT 1 FROM pg_database WHERE datname = '{name}'") != "1":
        psql(c.admin_db_url, f'CREATE DATABASE "{name}"')
        say(f"created database {name}")


# ====================================================================== commands
def cmd_render(c: Cluster, _: argparse.Namespace) -> int:
    write_configs(c)
    say(f"wrote {c.supervisor_conf} and {c.nginx_conf}")
    return 0


def cmd_up(c: Cluster, args: argparse.Namespace) -> int:
    for tool in ("nginx", "supervisord", "supervisorctl", "psql"):
        if not shutil.which(tool) and not Path("/usr/sbin", tool).exists():
            die(f"{tool} not found: run `make cluster-install`")
    if not (VENV / "bin" / "gunicorn").exists():
        die(f"{VENV}/bin/gunicorn missing: run `make install`")
    if str(c.cfg["monitoring"]) == "1" and monitoring.missing_binaries():
        missing = ", ".join(monitoring.missing_binaries())
        die(f"CLUSTER_MONITORING=1 but {missing} missing: run `make monitoring-install`")
    running = supervisord_pid(c)
    if not running:
        ports = [c.port, c.internal_port, *(c.backend_port(i) for i in range(1, c.backends + 1))]
        ports += [monitoring.backend_metrics_port(c.port, i) for i in range(1, c.backends + 1)]
        ports += [monitoring.worker_metrics_port(c.port, i) for i in range(1, c.workers + 1)]
        if c.monitoring:
            ports += [c.port + offset for offset in range(monitoring.PROMETHEUS, monitoring.STATE_EXPORTER + 1)]
        if str(c.cfg["frontend"]) != "0" and c.frontend_built:
            ports.append(c.frontend_port)
        busy = [p for p in ports if not port_free(p)]
        if busy:
            die(f"ports in use: {busy} (choose another CLUSTER_PORT)")
    c.state.mkdir(parents=True, exist_ok=True)
    if running and c.frontend_enabled:
        sv(c, "stop", "frontend", capture=True, check=False)  # its files are about to be replaced
    deploy_frontend(c)
    write_configs(c)
    ensure_database(c)
    # The one-shot migration job (Compose: the `migrate` service) runs before any replica.
    say("migrating the database and collecting static files")
    if run_manage(c, "migrate", "--noinput") != 0:
        die("migrate failed")
    if run_manage(c, "collectstatic", "--noinput", "--verbosity", "0") != 0:
        die("collectstatic failed")
    if running:
        sv(c, "update")
        # nginx re-reads its (re-rendered) configuration without dropping connections.
        sv(c, "signal", "HUP", "nginx", capture=True, check=False)
        sv(c, "start", "all", check=False)
    else:
        # The programs inherit supervisord's environment: start it from a clean one, so a
        # DJANGO_* / CELERY_* / DATABASE_URL of the operator's shell cannot leak into the cluster.
        subprocess.run(["supervisord", "-c", str(c.supervisor_conf)], check=True, env=c.process_env())
    return wait_healthy(c, args.timeout)


def wait_healthy(c: Cluster, timeout: float) -> int:
    ok = wait_until(
        lambda: (
            all(backend_healthy(c, i) for i in range(1, c.backends + 1))
            and http_get(f"http://127.0.0.1:{c.port}/nginx-health")[0] in (200, 301)
        ),
        timeout,
    )
    if not ok:
        print(sv(c, "status", check=False, capture=True).stdout)
        die(f"cluster did not become healthy in {timeout:.0f}s; see {c.path('logs')}")
    # Workers take a few seconds to join the broker: wait for them too, so that `make health`
    # right after `make up` sees every part.
    nodes = {c.celery_node(i) for i in range(1, c.workers + 1)}
    if not wait_until(lambda: nodes <= celery_ping(c, timeout=2.0), timeout):
        say("warning: not every Celery worker answers yet; `make health` shows which")
    if c.monitoring and not wait_until(lambda: http_get(f"{c.prometheus_url}/-/ready")[0] == 200, timeout):
        say("warning: Prometheus is not ready yet; `make health` shows it")
    say(f"up: {c.public_url}  (API {c.public_url}/api/, admin {c.public_url}/admin/)")
    return 0


def cmd_down(c: Cluster, _: argparse.Namespace) -> int:
    pid = supervisord_pid(c)
    if not pid:
        say("not running")
        return 0
    sv(c, "shutdown", check=False, capture=True)
    if not wait_until(lambda: supervisord_pid(c) is None, 60):
        die("supervisord did not stop in 60 s")
    low_cpu_cgroup_remove(c)
    say("down")
    return 0


def cmd_restart(c: Cluster, args: argparse.Namespace) -> int:
    cmd_down(c, args)
    return cmd_up(c, args)


def cmd_status(c: Cluster, _: argparse.Namespace) -> int:
    if not supervisord_pid(c):
        say(f"not running (state dir {c.state})")
        return 3
    return sv(c, "status", check=False).returncode


def _redis_ping(url: str) -> str:
    m = re.match(r"redis://(?::[^@]*@)?([^:/]+):?(\d+)?/?(\d+)?", url)
    if not m:
        return "bad url"
    host, port, db = m.group(1), int(m.group(2) or 6379), m.group(3) or "0"
    try:
        with socket.create_connection((host, port), timeout=2) as s:
            s.sendall(f"*2\r\n$6\r\nSELECT\r\n${len(db)}\r\n{db}\r\n*1\r\n$4\r\nPING\r\n".encode())
            data = b""
            while data.count(b"\r\n") < 2:
                chunk = s.recv(256)
                if not chunk:
                    break
                data += chunk
        return "ok" if b"PONG" in data else data.decode(errors="replace").strip()
    except OSError as exc:
        return f"down: {exc}"


def celery_ping(c: Cluster, timeout: float = 3.0) -> set[str]:
    out = subprocess.run(
        [str(VENV / "bin" / "celery"), "-A", "config", "inspect", "ping", "--timeout", str(timeout), "--json"],
        cwd=BACKEND_DIR,
        env=c.process_env(),
        capture_output=True,
        text=True,
    )
    return set(re.findall(r"(worker\d+@[\w.\-]+)", out.stdout))


def health_rows(c: Cluster) -> list[tuple[str, bool, str]]:
    rows: list[tuple[str, bool, str]] = []
    states = program_states(c)

    def proc(name: str) -> str:
        state, desc = states.get(name, ("ABSENT", ""))
        return state if state != "RUNNING" else f"RUNNING {desc.split(',')[0]}"

    status, headers, _ = http_get(f"http://127.0.0.1:{c.port}/nginx-health")
    ok = status in (200, 301)
    rows.append(("nginx", ok, f"{c.public_url} {status or 'no answer'}; {proc('nginx')}"))
    status, headers, _ = http_get(f"http://127.0.0.1:{c.port}/api/health/") if not c.tls else (0, {}, b"")
    if not c.tls:
        rows.append(
            ("nginx -> api", status == 200, f"/api/health/ {status or 'no answer'} via {headers.get('x-replica', '-')}")
        )
    for i in range(1, c.backends + 1):
        name = f"backend-{i}"
        ok = backend_healthy(c, i)
        rows.append((name, ok, f"127.0.0.1:{c.backend_port(i)}/api/health/ {'200' if ok else 'down'}; {proc(name)}"))
    try:
        version = psql(c.database_url, "SHOW server_version")
        rows.append(("postgres", True, f"{c.database_url} (PostgreSQL {version})"))
    except (subprocess.CalledProcessError, FileNotFoundError) as exc:
        rows.append(("postgres", False, f"{c.database_url}: {getattr(exc, 'stderr', exc)!s}".strip()[:120]))
    for label, url in (("redis broker", c.cfg["broker_url"]), ("redis cache", c.cfg["cache_url"])):
        result = _redis_ping(str(url))
        rows.append((label, result == "ok", f"{url} {result}"))
    answered = celery_ping(c)
    for i in range(1, c.workers + 1):
        node = c.celery_node(i)
        ok = node in answered
        rows.append((f"worker-{i}", ok, f"{node} {'pong' if ok else 'no answer'}; {proc(f'worker-{i}')}"))
    state = states.get("beat", ("ABSENT", ""))[0]
    rows.append(("beat", state == "RUNNING", proc("beat")))
    if c.frontend_enabled:
        status, _, _ = http_get(f"http://127.0.0.1:{c.frontend_port}/", timeout=5)
        rows.append(
            (
                "frontend",
                200 <= status < 500,
                f"127.0.0.1:{c.frontend_port} {status or 'no answer'}; {proc('frontend')}",
            )
        )
    else:
        rows.append(("frontend", True, "skipped: not deployed (no standalone build, or CLUSTER_FRONTEND=0)"))
    status, _, body = http_get(f"http://127.0.0.1:{c.internal_port}/api/health/ready/", timeout=8)
    detail = body.decode(errors="replace")[:160] if body else "no answer"
    rows.append(("readiness", status == 200, f"/api/health/ready/ {status}: {detail}"))
    if c.monitoring:
        rows += monitoring.health_rows(c.port)
    return rows


def cmd_health(c: Cluster, _: argparse.Namespace) -> int:
    if not supervisord_pid(c):
        print(f"cluster not running (state dir {c.state}); `make up` starts it")
        return 1
    rows = health_rows(c)
    width = max(len(r[0]) for r in rows)
    print(f"{'COMPONENT'.ljust(width)}  STATUS  DETAIL")
    for name, ok, detail in rows:
        print(f"{name.ljust(width)}  {'up  ' if ok else 'DOWN'}    {detail}")
    down = [r[0] for r in rows if not r[1]]
    print(f"\n{'all ' + str(len(rows)) + ' checks up' if not down else 'DOWN: ' + ', '.join(down)}")
    return 1 if down else 0


def cmd_scale_backends(c: Cluster, args: argparse.Namespace) -> int:
    n = args.n
    if not 1 <= n <= MAX_BACKENDS:
        die(f"N must be 1..{MAX_BACKENDS}")
    if not supervisord_pid(c):
        die("cluster not running")
    old = c.backends
    if n > old:
        new = range(old + 1, n + 1)
        wanted = [p for i in new for p in (c.backend_port(i), monitoring.backend_metrics_port(c.port, i))]
        busy = [p for p in wanted if not port_free(p)]
        if busy:
            die(f"ports in use: {busy}")
        c.cfg["backends"] = n
        c.save()
        c.supervisor_conf.write_text(render_supervisor_conf(c))
        sv(c, "reread", capture=True)
        sv(c, "update", capture=True)  # adds backend-(old+1)..n; existing programs untouched
        if not wait_until(lambda: all(backend_healthy(c, i) for i in range(old + 1, n + 1)), 90):
            die("new replicas did not become healthy in 90 s")
        c.nginx_conf.write_text(render_nginx_conf(c))
        nginx_reload(c)  # nginx keeps running: new workers get the new upstream list
        write_monitoring(c)  # Prometheus scrapes the new replicas (file_sd)
    elif n < old:
        c.cfg["backends"] = n
        c.save()
        c.nginx_conf.write_text(render_nginx_conf(c))
        nginx_reload(c)  # stop sending to the removed replicas first
        write_monitoring(c)  # removed replicas are not "down"
        time.sleep(1)
        c.supervisor_conf.write_text(render_supervisor_conf(c))
        sv(c, "reread", capture=True)
        sv(c, "update", capture=True)  # stops and removes backend-(n+1)..old gracefully
    say(f"backends: {old} -> {n}: {', '.join(c.backend_names())}")
    return 0


def cmd_scale_workers(c: Cluster, args: argparse.Namespace) -> int:
    n = args.n
    if not 1 <= n <= MAX_WORKERS:
        die(f"N must be 1..{MAX_WORKERS}")
    if not supervisord_pid(c):
        die("cluster not running")
    old = c.workers
    c.cfg["workers"] = n
    c.save()
    c.supervisor_conf.write_text(render_supervisor_conf(c))
    sv(c, "reread", capture=True)
    sv(c, "update", capture=True)
    write_monitoring(c)
    say(f"celery workers: {old} -> {n}: {', '.join(c.worker_names())}")
    return 0


def cmd_restart_backends(c: Cluster, _: argparse.Namespace) -> int:
    """Rolling restart: drain one replica in nginx, restart it, wait for health, put it back."""
    if not supervisord_pid(c):
        die("cluster not running")
    for i in range(1, c.backends + 1):
        name = f"backend-{i}"
        c.nginx_conf.write_text(render_nginx_conf(c, drained={i}))
        nginx_reload(c)
        # Old nginx workers finish the requests they already sent to this replica.
        time.sleep(1.0)
        before = program_pid(c, name)
        sv(c, "stop", name, capture=True)  # SIGTERM: gunicorn finishes in-flight requests
        sv(c, "start", name, capture=True)
        if not wait_until(lambda i=i: backend_healthy(c, i), 60):
            die(f"{name} did not come back healthy; it stays drained (see logs/{name}.log)")
        after = program_pid(c, name)
        c.nginx_conf.write_text(render_nginx_conf(c))
        nginx_reload(c)
        say(f"{name} restarted (pid {before} -> {after}), healthy, back in the upstream")
    return 0


def _pg_cluster() -> list[str] | None:
    if not shutil.which("pg_lsclusters"):
        return None
    for line in subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True).stdout.splitlines():
        fields = line.split()
        if len(fields) >= 3 and fields[2] == "5432":
            return fields[:2]
    return None


def cmd_restart_postgres(c: Cluster, _: argparse.Namespace) -> int:
    found = _pg_cluster()
    if found:
        cmd = ["pg_ctlcluster", "--skip-systemctl-redirect", found[0], found[1], "restart"]
    elif shutil.which("systemctl"):
        cmd = ["systemctl", "restart", "postgresql"]
    else:
        die("cannot find how to restart PostgreSQL on this machine")
    say(f"restarting the machine's PostgreSQL: {' '.join(cmd)}")
    subprocess.run(cmd, check=True)
    ok = wait_until(lambda: subprocess.run(["pg_isready", "-q", "-d", c.admin_db_url]).returncode == 0, 60)
    say("PostgreSQL is back" if ok else "PostgreSQL did not come back in 60 s")
    return 0 if ok else 1


def _log_files(c: Cluster, which: str) -> list[Path]:
    logs = c.path("logs")
    if which == "backend":
        return sorted(logs.glob("backend-*.log"))
    if which == "nginx":
        return [logs / "nginx-access.log", logs / "nginx-error.log"]
    if which == "celery":
        return [*sorted(logs.glob("worker-*.log")), logs / "beat.log"]
    if which == "postgres":
        return sorted(Path("/var/log/postgresql").glob("postgresql-*.log"))
    if which == "frontend":
        return [logs / "frontend.log"]
    if which == "monitoring":
        names = ("prometheus", "alertmanager", "nginx-exporter", "postgres-exporter", "redis-exporter", "exporter")
        return [logs / f"{name}.log" for name in names]
    return sorted(logs.glob("*.log")) + sorted(Path("/var/log/postgresql").glob("postgresql-*.log"))


def cmd_logs(c: Cluster, args: argparse.Namespace) -> int:
    files = [str(p) for p in _log_files(c, args.which) if p.exists()]
    if not files:
        die(f"no {args.which} logs in {c.path('logs')}")
    cmd = ["tail", "-n", str(args.lines)] + (["-F"] if args.follow else []) + files
    if args.rid:
        # Every line that names the request id: nginx's access line, Django's request line, the
        # log lines of the tasks it enqueued. -n counts lines before the filter.
        pipeline = f"{shlex.join(cmd)} | grep --line-buffered -F -e {shlex.quote(args.rid)}"
        os.execvp("sh", ["sh", "-c", pipeline])
    os.execvp(cmd[0], cmd)
    return 0


def cmd_manage(c: Cluster, args: argparse.Namespace) -> int:
    interactive = bool(args.args) and args.args[0] in {"shell", "createsuperuser", "dbshell"} and sys.stdin.isatty()
    return run_manage(c, *args.args, interactive=interactive)


def cmd_migrate(c: Cluster, _: argparse.Namespace) -> int:
    ensure_database(c)
    return run_manage(c, "migrate", "--noinput")


def cmd_dbshell(c: Cluster, _: argparse.Namespace) -> int:
    os.execvp("psql", ["psql", c.database_url])
    return 0


def cmd_backup_db(c: Cluster, args: argparse.Namespace) -> int:
    out_dir = Path(args.dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%SZ")
    target = Path(args.file).resolve() if args.file else out_dir / f"{c.cfg['db_name']}-{stamp}.dump"
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), c.database_url],
        check=True,
    )
    target.chmod(0o600)
    say(f"backup written: {target} ({target.stat().st_size} bytes)")
    print(target)
    return 0


APP_PROGRAMS_PREFIXES = ("backend-", "worker-", "beat")


def cmd_restore_db(c: Cluster, args: argparse.Namespace) -> int:
    dump = Path(args.file).resolve()
    if not dump.is_file():
        die(f"no such backup file: {dump}")
    target = args.db or str(c.cfg["db_name"])
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", target):
        die(f"invalid database name {target!r}")
    in_place = target == c.cfg["db_name"]
    stopped: list[str] = []
    if in_place and supervisord_pid(c):
        stopped = [
            n
            for n, (state, _) in program_states(c).items()
            if n.startswith(APP_PROGRAMS_PREFIXES) and state == "RUNNING"
        ]
        say(f"stopping {', '.join(stopped)} while the database is replaced (nginx answers 502/503 meanwhile)")
        sv_each(c, "stop", stopped)
    elif (
        not in_place
        and not args.force
        and psql(c.admin_db_url, f"SELECT 1 FROM pg_database WHERE datname = '{target}'") == "1"
    ):
        die(f"database {target} exists; pass FORCE=1 to replace it")
    try:
        psql(
            c.admin_db_url,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            f"WHERE datname = '{target}' AND pid <> pg_backend_pid()",
        )
        psql(c.admin_db_url, f'DROP DATABASE IF EXISTS "{target}"')
        psql(c.admin_db_url, f'CREATE DATABASE "{target}"')
        subprocess.run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                "--dbname",
                c.db_url(target),
                str(dump),
            ],
            check=True,
        )
    finally:
        sv_each(c, "start", stopped)
    say(f"restored {dump.name} into database {target}")
    return 0


def cmd_celery_status(c: Cluster, _: argparse.Namespace) -> int:
    celery = [str(VENV / "bin" / "celery"), "-A", "config"]
    rc = 0
    for sub in (["status"], ["inspect", "active"], ["inspect", "reserved"], ["inspect", "scheduled"]):
        print(f"$ celery {' '.join(sub)}", flush=True)
        rc |= subprocess.run(
            [*celery, *sub, "--timeout", "3"] if sub[0] == "inspect" else [*celery, *sub],
            cwd=BACKEND_DIR,
            env=c.process_env(),
        ).returncode
    broker = str(c.cfg["broker_url"])
    print(f"$ queued messages in {broker} (queue 'celery')")
    m = re.match(r"redis://(?::[^@]*@)?([^:/]+):?(\d+)?/?(\d+)?", broker)
    if m and shutil.which("redis-cli"):
        subprocess.run(
            ["redis-cli", "-h", m.group(1), "-p", m.group(2) or "6379", "-n", m.group(3) or "0", "LLEN", "celery"]
        )
    return rc


def cmd_info(c: Cluster, _: argparse.Namespace) -> int:
    print(f"native cluster   state dir {c.state}")
    print(f"public           {c.public_url}  (nginx; API /api/, admin /admin/)")
    print(f"internal API     http://127.0.0.1:{c.internal_port}/api/  (API_INTERNAL_URL of the Next server)")
    state = "enabled" if c.frontend_enabled else "not deployed (no standalone build, or CLUSTER_FRONTEND=0)"
    print(f"frontend         127.0.0.1:{c.frontend_port} ({state})")
    for i in range(1, c.backends + 1):
        print(
            f"backend-{i:<8} 127.0.0.1:{c.backend_port(i)}  "
            f"gunicorn gthread {c.cfg['gunicorn_workers']}x{c.cfg['gunicorn_threads']}"
        )
    print(f"celery workers   {c.workers} x concurrency {c.cfg['celery_concurrency']}; beat x1")
    print(f"database         {c.database_url}")
    print(f"broker / cache   {c.cfg['broker_url']} / {c.cfg['cache_url']}")
    print(f"logs             {c.path('logs')}")
    print(f"static / media   {c.path('static')} / {c.path('media')}")
    print(f"mail (file)      {c.path('mail')}")
    metrics = f"backend-i P+{monitoring.BACKEND_METRICS}+i, worker-i P+{monitoring.WORKER_METRICS}+i (loopback only)"
    print(f"metrics          {metrics}")
    if c.monitoring:
        print(f"prometheus       {c.prometheus_url}/  (alerts: {c.prometheus_url}/alerts)")
        print(f"alertmanager     http://127.0.0.1:{c.port + monitoring.ALERTMANAGER}/")
    else:
        print("prometheus       off (CLUSTER_MONITORING=0, or `make monitoring-install` not run)")
    if supervisord_pid(c):
        print()
        sv(c, "status", check=False)
    return 0


def cmd_env(c: Cluster, _: argparse.Namespace) -> int:
    for key, value in c.django_env().items():
        if key != "PATH":
            print(f"export {key}='{value}'")
    return 0


def cmd_destroy(c: Cluster, args: argparse.Namespace) -> int:
    """Stop the cluster, drop its database and remove its state directory."""
    cmd_down(c, args)
    psql(c.admin_db_url, f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{c.cfg['db_name']}'")
    psql(c.admin_db_url, f'DROP DATABASE IF EXISTS "{c.cfg["db_name"]}"')
    shutil.rmtree(c.state, ignore_errors=True)
    say(f"destroyed {c.state} and database {c.cfg['db_name']}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    commands = {
        "render": (cmd_render, "write supervisord.conf and nginx.conf"),
        "up": (cmd_up, "create the database, migrate, collectstatic, start everything, wait for health"),
        "down": (cmd_down, "stop every process (supervisord included)"),
        "restart": (cmd_restart, "down, then up"),
        "status": (cmd_status, "process table"),
        "health": (cmd_health, "check every part; non-zero exit if one is down"),
        "scale-backends": (cmd_scale_backends, "set the number of Django replicas (nginx reloaded, not restarted)"),
        "scale-workers": (cmd_scale_workers, "set the number of Celery workers"),
        "restart-backends": (cmd_restart_backends, "rolling restart, one replica at a time, drained first"),
        "restart-postgres": (cmd_restart_postgres, "restart the machine's PostgreSQL"),
        "logs": (cmd_logs, "tail logs"),
        "manage": (cmd_manage, "manage.py with the cluster's environment"),
        "migrate": (cmd_migrate, "apply migrations"),
        "dbshell": (cmd_dbshell, "psql on the cluster database"),
        "backup-db": (cmd_backup_db, "pg_dump (custom format) into backups/"),
        "restore-db": (cmd_restore_db, "restore a backup (into the cluster database or --db NAME)"),
        "celery-status": (cmd_celery_status, "workers, active, reserved and scheduled tasks, queue length"),
        "info": (cmd_info, "addresses, ports, sizes"),
        "env": (cmd_env, "print the Django environment as shell exports"),
        "destroy": (cmd_destroy, "down, drop the database, delete the state directory"),
        "free-port": (None, "print a base port P with P..P+SPAN-1 free (for CLUSTER_PORT)"),
    }
    parsers = {}
    for name, (_, help_) in commands.items():
        parsers[name] = sub.add_parser(name, help=help_)
    for name in ("up", "restart"):
        parsers[name].add_argument("--timeout", type=float, default=120)
    for name in ("scale-backends", "scale-workers"):
        parsers[name].add_argument("n", type=int)
    parsers["logs"].add_argument(
        "which", choices=["backend", "nginx", "celery", "postgres", "frontend", "monitoring", "all"]
    )
    parsers["logs"].add_argument("--rid", help="only the lines of this request id (X-Request-ID)")
    parsers["logs"].add_argument("-f", "--follow", action="store_true")
    parsers["logs"].add_argument("-n", "--lines", type=int, default=100)
    parsers["manage"].add_argument("args", nargs=argparse.REMAINDER)
    parsers["backup-db"].add_argument("--dir", default=str(ROOT / "backups"))
    parsers["backup-db"].add_argument("--file")
    parsers["restore-db"].add_argument("file")
    parsers["restore-db"].add_argument("--db")
    parsers["restore-db"].add_argument("--force", action="store_true")
    parsers["free-port"].add_argument("--span", type=int, default=monitoring.PORT_SPAN)
    args = parser.parse_args(argv)
    if args.command == "free-port":
        print(free_port_range(args.span))
        return 0
    cluster = Cluster(apply_env=args.command in {"up", "restart", "render"})
    return commands[args.command][0](cluster, args)


if __name__ == "__main__":
    raise SystemExit(main())

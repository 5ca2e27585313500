"""Static checks of docker-compose.yml, the Dockerfiles and the nginx configuration.

Quick checks without a Docker engine: Compose parsed and the invariants of the runtime
(docs/runtime.md) asserted; nginx configurations checked with the machine's `nginx -t`.
`make test-compose` (tests/compose/) runs the same file for real on Docker.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "nginx"))
import render  # noqa: E402

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = ["backend", "migrate", "celery-worker", "celery-beat"]


def env_of(service: str) -> dict[str, str]:
    env = SERVICES[service].get("environment", {})
    return dict(env) if isinstance(env, dict) else dict(item.split("=", 1) for item in env)


# ------------------------------------------------------------------ compose
def test_only_nginx_publishes_a_port():
    published = {name for name, svc in SERVICES.items() if svc.get("ports") and not svc.get("profiles")}
    assert published == {"nginx"}
    for name in ("postgres", "redis-broker", "redis-cache"):
        assert "ports" not in SERVICES[name]
    # optional tools bind to the host's loopback only
    for name, svc in SERVICES.items():
        if svc.get("profiles"):
            assert all(str(p).startswith("127.0.0.1:") for p in svc.get("ports", [])), name


def test_replicas_and_singletons():
    assert SERVICES["backend"]["deploy"]["replicas"] == 3
    assert SERVICES["celery-worker"]["deploy"]["replicas"] == 2
    assert SERVICES["celery-beat"]["deploy"]["replicas"] == 1
    # scalable services must not pin a container name or a host port
    for name in ("backend", "celery-worker"):
        assert "container_name" not in SERVICES[name]
        assert "ports" not in SERVICES[name]


def test_backend_runs_gunicorn_and_waits_for_the_migrate_job():
    backend = SERVICES["backend"]
    assert backend["command"][:2] == ["gunicorn", "config.wsgi:application"]
    deps = backend["depends_on"]
    assert deps["migrate"]["condition"] == "service_completed_successfully"
    assert deps["postgres"]["condition"] == "service_healthy"
    assert deps["redis-broker"]["condition"] == "service_healthy"
    assert deps["redis-cache"]["condition"] == "service_healthy"
    migrate = SERVICES["migrate"]
    assert "migrate" in " ".join(migrate["command"]) and migrate["restart"] == "no"
    assert migrate["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in ("celery-worker", "celery-beat"):
        assert SERVICES[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert SERVICES["nginx"]["depends_on"]["backend"]["condition"] == "service_healthy"


def test_healthchecks_hit_real_endpoints():
    def test_cmd(name: str) -> str:
        return " ".join(SERVICES[name]["healthcheck"]["test"])

    assert "/api/health/" in test_cmd("backend")
    assert "/nginx-health" in test_cmd("nginx")
    assert "pg_isready" in test_cmd("postgres")
    assert "ping" in test_cmd("redis-broker") and "ping" in test_cmd("redis-cache")
    assert "inspect ping" in test_cmd("celery-worker")
    assert "3000" in test_cmd("frontend")
    for name in (
        "nginx",
        "backend",
        "celery-worker",
        "celery-beat",
        "frontend",
        "postgres",
        "redis-broker",
        "redis-cache",
    ):
        assert "healthcheck" in SERVICES[name], name


def test_postgres_15_with_a_volume():
    pg = SERVICES["postgres"]
    assert re.match(r"postgres:15(\.|-|$)", pg["image"])
    assert any(v.startswith("pgdata:") for v in pg["volumes"])
    assert "pgdata" in COMPOSE["volumes"]


def test_redis_broker_and_cache_are_separate_with_the_right_policies():
    broker = " ".join(SERVICES["redis-broker"]["command"])
    cache = " ".join(SERVICES["redis-cache"]["command"])
    assert "--maxmemory-policy noeviction" in broker and "--appendonly yes" in broker
    assert "--maxmemory-policy allkeys-lru" in cache and "--maxmemory " in cache
    env = env_of("backend")
    assert "@redis-broker:" in env["CELERY_BROKER_URL"]
    assert "@redis-cache:" in env["REDIS_URL"]


def test_every_secret_comes_from_env_and_is_documented():
    text = (ROOT / "docker-compose.yml").read_text()
    example = (ROOT / ".env.example").read_text()
    documented = set(re.findall(r"^([A-Z_][A-Z0-9_]*)=", example, flags=re.M))
    used = set(re.findall(r"(?<!\$)\$\{([A-Z_][A-Z0-9_]*)", text))  # $${X} is the container's own
    assert used <= documented, f"undocumented in .env.example: {sorted(used - documented)}"
    for secret in (
        "DJANGO_SECRET_KEY",
        "POSTGRES_PASSWORD",
        "REDIS_BROKER_PASSWORD",
        "REDIS_CACHE_PASSWORD",
        "GRAFANA_ADMIN_PASSWORD",
    ):
        assert re.search(rf"\$\{{{secret}:\?", text), f"{secret} must be required (${{{secret}:?...}})"
        assert re.search(rf"^{secret}=change-me$", example, flags=re.M), f"{secret} must be a placeholder"
    # no literal secret in the compose file
    assert not re.search(r"(PASSWORD|SECRET_KEY):\s*['\"]?[A-Za-z0-9]{8,}", text)


def test_data_services_live_on_an_internal_network():
    assert COMPOSE["networks"]["data"]["internal"] is True
    for name in ("postgres", "redis-broker", "redis-cache"):
        assert SERVICES[name]["networks"] == ["data"]
    assert "data" not in SERVICES["nginx"]["networks"]
    assert "data" not in SERVICES["frontend"]["networks"]


def compose_interpolate(value: str, variables: dict[str, str]) -> str:
    """${VAR}, ${VAR:-default} and ${VAR:?message} as Compose reads them."""

    def one(match: re.Match[str]) -> str:
        name, op, arg = match.group(1), match.group(2) or "", match.group(3) or ""
        if variables.get(name):
            return variables[name]
        if op == ":?":
            raise AssertionError(f"{name} is required: {arg}")
        return arg

    return re.sub(r"\$\{([A-Z0-9_]+)(?:(:-|:\?)([^}]*))?\}", one, value)


def test_the_api_accepts_the_web_apps_calls_in_compose():
    """The web app calls http://nginx:8081 (Host `nginx:8081`); with .env.example's allowed hosts
    every server-side call got Django's 400 (DisallowedHost) and the pages rendered empty."""
    example = dict(
        line.split("=", 1) for line in (ROOT / ".env.example").read_text().splitlines() if re.match(r"^[A-Z_]+=", line)
    )
    example = {k: ("s3cr3t-" + "Zq9" * 20 if v == "change-me" else v) for k, v in example.items()}
    env = {k: compose_interpolate(str(v), example) for k, v in env_of("backend").items()}
    internal = urllib.parse.urlsplit(SERVICES["frontend"]["environment"]["API_INTERNAL_URL"]).netloc
    public = urllib.parse.urlsplit(example["PUBLIC_URL"]).netloc
    probe = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "for host in ('" + internal + "', '" + public + "', 'evil.example'):\n"
        "    print(host, Client(HTTP_HOST=host).get('/api/health/').status_code)\n"
    )
    env.pop("DATABASE_URL")  # /api/health/ touches no database
    env.pop("REDIS_URL")
    env.pop("CELERY_BROKER_URL")
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT / "mutiroes_backend",
        env={"PATH": os.environ["PATH"], **env, "DJANGO_SECURE_SSL_REDIRECT": "0"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split("\n")[:3] == [f"{internal} 200", f"{public} 200", "evil.example 400"], result.stdout


def test_django_behind_one_proxy_and_frontend_uses_the_internal_listener():
    env = env_of("backend")
    assert env["DJANGO_NUM_PROXIES"] == "1"
    assert SERVICES["frontend"]["environment"]["API_INTERNAL_URL"] == "http://nginx:8081"


def test_dockerfiles_are_multi_stage_and_non_root():
    for path in ("mutiroes_backend/Dockerfile", "mutiroes-frontend/Dockerfile", "nginx/Dockerfile"):
        text = (ROOT / path).read_text()
        stages = re.findall(r"^FROM\s+\S+(?:\s+AS\s+(\S+))?", text, flags=re.M | re.I)
        assert len(stages) >= 2, f"{path} is not multi-stage"
        users = re.findall(r"^USER\s+(\S+)", text, flags=re.M)
        assert users and users[-1] not in ("root", "0"), f"{path} must end as a non-root user"


def test_nginx_image_supports_resolve():
    text = (ROOT / "nginx" / "Dockerfile").read_text()
    m = re.search(r"nginx-unprivileged:(\d+)\.(\d+)", text)
    assert m and (int(m.group(1)), int(m.group(2))) >= (1, 28)  # `resolve` in upstreams: >= 1.27.3


# ------------------------------------------------------------------ nginx
def test_committed_nginx_conf_is_the_rendered_template():
    assert (ROOT / "nginx" / "nginx.conf").read_text() == render.render_docker(), "run `make nginx-conf`"


def test_docker_nginx_conf_invariants():
    conf = render.render_docker()
    upstream = re.search(r"upstream django \{(.*?)\n    \}", conf, flags=re.S).group(1)
    assert "least_conn;" in upstream and "zone django" in upstream and "keepalive 32;" in upstream
    assert "server backend:8000 resolve max_fails=3 fail_timeout=10s;" in upstream
    assert "resolver 127.0.0.11" in conf
    assert "proxy_next_upstream error timeout;" in conf
    assert not re.search(r"^\s*proxy_next_upstream\s[^;]*non_idempotent", conf, flags=re.M)
    assert "limit_req_zone $binary_remote_addr zone=api:10m rate=100r/s;" in conf
    assert "zone=auth:10m rate=10r/m;" in conf and "limit_req_status 429;" in conf
    assert "client_max_body_size 12m;" in conf and "gzip on;" in conf
    assert "$proxy_add_x_forwarded_for" in conf and "X-Request-ID $mutiroes_request_id" in conf
    assert "upstream=$upstream_addr" in conf and "urt=$upstream_response_time" in conf
    assert "add_header Strict-Transport-Security" not in conf  # only with TLS


def test_nginx_compresses_the_web_apps_pages_not_the_next_server():
    """The Next server's one JavaScript thread renders; nginx gzips its HTML (always on with gzip)
    and RSC payloads (text/x-component) on every listener and target."""
    assert re.search(r"^\s*compress: false,", (ROOT / "mutiroes-frontend" / "next.config.ts").read_text(), flags=re.M)
    for conf in (render.render_docker(), (ROOT / "nginx" / "nginx.conf.template").read_text()):
        types = re.search(r"gzip_types([^;]*);", conf).group(1).split()
        assert "gzip on;" in conf and "gzip_proxied any;" in conf and "text/x-component" in types


def test_every_location_sets_every_security_header_with_always():
    conf = render.render_docker()
    # each location block's own add_header lines (nested blocks are checked on their own)
    for m in re.finditer(r"location [^{]+\{", conf):
        start = m.end()
        depth, i = 1, start
        own = []
        line_start = start
        while depth:
            ch = conf[i]
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            elif ch == "\n":
                line = conf[line_start:i]
                if depth == 1:
                    own.append(line.strip())
                line_start = i + 1
            i += 1
        headers = [line for line in own if line.startswith("add_header")]
        for name in ("X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Content-Security-Policy"):
            assert any(h.startswith(f"add_header {name} ") and h.endswith(" always;") for h in headers), (
                f"{m.group(0)} lacks {name}"
            )


def location_blocks(conf: str) -> list[tuple[str, str]]:
    """(opening line, body) of every location block, nested ones included."""
    blocks = []
    for m in re.finditer(r"location [^{]+\{", conf):
        depth, i = 1, m.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(conf[i], 0)
            i += 1
        blocks.append((m.group(0)[:-1].strip(), conf[m.end() : i - 1]))
    return blocks


def test_the_micro_cache_holds_only_anonymous_public_reads_for_a_second():
    conf = render.render_docker()
    cached = [
        (head, body) for head, body in location_blocks(conf) if "proxy_cache microcache;" in body and "@" not in head
    ]
    assert [head for head, _ in cached] == [
        "location = /api/events/",  # public: the listing
        "location ~ ^/api/(events/[0-9]+/|categories/)$",  # public: a mutirão, the categories
        "location ~ ^/api/(events/([0-9]+/)?|categories/)$",  # internal: the same, for the Next server
    ]
    for head, body in cached:
        lines = {line.strip() for line in body.splitlines()}
        for line in render.MICROCACHE:
            assert line in lines, (head, line)
    assert "proxy_cache_valid 200 1s;" in render.MICROCACHE and "proxy_cache_lock on;" in render.MICROCACHE
    key = next(line for line in render.MICROCACHE if line.startswith("proxy_cache_key"))
    for part in ("$request_method", "$http_host", "$request_uri", "$http_accept_language", "$http_origin"):
        assert part in key  # Django's answers Vary on Accept-Language and Origin
    # the web app's pages have a location of their own (below), nothing else is cached
    assert conf.count("proxy_cache microcache;") == 4
    for _, body in cached:  # Set-Cookie, no-store, Vary: * hold for the API's answers
        assert "proxy_ignore_headers" not in body
    assert "proxy_cache_path /tmp/microcache " in conf  # writable by the unprivileged image's user

    # the bypass map, read as nginx reads it: only a GET or HEAD with no credentials, no cookie and
    # no share token may be answered from (and stored in) the cache
    source, pattern = re.search(r'map "([^"]+)" \$mutiroes_cache_bypass \{\s*default 1;\s*"~([^"]+)" 0;', conf).groups()
    assert source == "$request_method|$http_authorization$http_cookie$http_x_share_token$arg_share"

    def served_from_cache(method: str, authorization="", cookie="", share="", arg="") -> bool:
        return re.search(pattern, f"{method}|{authorization}{cookie}{share}{arg}") is not None

    assert served_from_cache("GET") and served_from_cache("HEAD")
    assert not served_from_cache("POST") and not served_from_cache("OPTIONS")
    assert not served_from_cache("GET", authorization="Bearer x")
    assert not served_from_cache("GET", cookie="mutiroes_session=x")
    assert not served_from_cache("GET", share="tok") and not served_from_cache("GET", arg="tok")
    assert re.search(r"map \$upstream_status \$mutiroes_cache_refused \{\s*default 1;\s*200 0;", conf)


def test_the_pages_cache_holds_only_plain_anonymous_views_of_the_public_pages():
    conf = render.render_docker()
    blocks = dict(location_blocks(conf))
    outer = blocks["location ~ ^/(eventos(/[0-9]+)?)?$"]
    assert "if ($mutiroes_page_cache_bypass = 0) {" in outer and "error_page 418 = @mutiroes_page_cache;" in outer
    assert "proxy_cache " not in outer and "sub_filter" not in outer
    cached = blocks["location @mutiroes_page_cache"]
    lines = {line.strip() for line in cached.splitlines()}
    for line in render.PAGE_CACHE:
        assert line in lines, line
    assert "limit_req zone=pages burst=40 nodelay;" in lines  # a view from the cache counts like any other
    # the http level's hidden headers are all hidden here too, and Link (it carries the nonce Next got)
    http_level = conf[: conf.index("server {")]
    hidden = set(re.findall(r"^    proxy_hide_header ([A-Za-z-]+);", http_level, flags=re.M))
    assert hidden == set(render.HIDDEN_UPSTREAM_HEADERS)
    assert {f"proxy_hide_header {name};" for name in (*hidden, "Link")} <= lines
    assert [
        head for head, body in location_blocks(conf) if "sub_filter" in body or "proxy_pass_request_headers off" in body
    ] == ["location @mutiroes_page_cache"]
    # each answer: the placeholder replaced by this request's $request_id, the policy's nonce
    assert "sub_filter $mutiroes_page_nonce_placeholder $request_id;" in lines and "sub_filter_once off;" in lines
    assert "set $mutiroes_script_nonce $mutiroes_page_nonce_placeholder;" in lines
    assert "'nonce-$request_id'" in render.CSP_WEB_APP and render.CSP_WEB_APP in cached
    assert conf.count("set $mutiroes_script_nonce $request_id;") == 2  # every other request, both listeners
    # only a view that may be kept tells the Next server so (it then refuses to render a failure of
    # the moment, lib/api/client.ts); elsewhere the header is empty, so neither it nor a client's copy is sent
    assert "proxy_set_header X-Mutiroes-Shared-Page $mutiroes_shared_page;" in conf
    assert "set $mutiroes_shared_page 1;" in cached and conf.count("set $mutiroes_shared_page 1;") == 1
    assert conf.count('set $mutiroes_shared_page "";') == 2
    assert "proxy_set_header Content-Security-Policy \"script-src 'self' 'nonce-$mutiroes_script_nonce'\";" in conf
    # the secret is made when the container starts, never written in the image or the repository
    assert f"include {render.DOCKER_PAGE_NONCE_FILE};" in conf
    assert re.search(r"[0-9a-f]{32}", conf) is None
    dockerfile = (ROOT / "nginx" / "Dockerfile").read_text()
    # the image's command writes it, then becomes nginx (the classic builder has no COPY --chmod; the
    # script keeps its executable mode from the repository)
    assert "COPY page-nonce.sh /usr/local/bin/mutiroes-page-nonce\n" in dockerfile and "COPY --chmod" not in dockerfile
    command = """CMD ["/bin/sh", "-c", "/usr/local/bin/mutiroes-page-nonce && exec nginx -g 'daemon off;'"]"""
    assert command in dockerfile
    assert os.access(ROOT / "nginx" / "page-nonce.sh", os.X_OK)

    # the bypass map, read as nginx reads it
    source, pattern = re.search(
        r'map "([^"]+)" \$mutiroes_page_cache_bypass \{\s*default 1;\s*"~([^"]+)" 0;', conf
    ).groups()
    headers = re.findall(r"\$http_([a-z_]+)", source)
    # every header Next's pages Vary on (their own answers' Vary, minus Accept-Encoding: nginx asks
    # for none and compresses itself) sends a request around the cache
    for name in (
        "RSC",
        "Next-Router-State-Tree",
        "Next-Router-Prefetch",
        "Next-Router-Segment-Prefetch",
        "Next-Url",
        "Next-Action",
    ):
        assert name.lower().replace("-", "_") in headers, name
    assert {"authorization", "cookie", "x_share_token"} <= set(headers)
    args_map = re.search(r"map \$args \$mutiroes_page_args_refused \{(.*?)\}", conf, flags=re.S).group(1)
    refused = [p for p, v in re.findall(r'"~(\*?[^"]+)" (\d);', args_map) if v == "1"]

    def args_refused(args: str) -> bool:
        return any(re.search(p[1:], args, flags=re.I) if p.startswith("*") else re.search(p, args) for p in refused)

    for args in ("convite=abc", "fotos=2&convite=abc", "Convite=abc", "_rsc=1x2", "share=x", "c%6Fnvite=abc"):
        assert args_refused(args), args
    for args in ("", "pagina=2", "q=caf%C3%A9", "perto=-23.5,-46.6&raio=10"):
        assert not args_refused(args), args

    def served_from_cache(method: str, headers: str = "", args: str = "") -> bool:
        return re.search(pattern, f"{method}|{headers}|{int(args_refused(args))}") is not None

    assert served_from_cache("GET") and served_from_cache("HEAD") and served_from_cache("GET", args="pagina=2")
    assert not served_from_cache("POST") and not served_from_cache("OPTIONS")
    assert not served_from_cache("GET", headers="mut_access=x") and not served_from_cache("GET", headers="1")
    assert not served_from_cache("GET", args="convite=abc")


def test_app_policy_allows_the_default_map_tiles_and_the_camera_for_our_origin_only():
    # The web app's default tiles come from tile.openstreetmap.org, which "*.tile..." does not
    # match; the organizer's QR scanner needs the camera, nothing else may have it.
    img_src = re.search(r"img-src ([^;]+);", render.CSP_APP).group(1).split()
    assert "https://tile.openstreetmap.org" in img_src
    conf = render.render_docker()
    policies = set(re.findall(r'add_header Permissions-Policy "([^"]+)" always;', conf))
    assert policies == {"camera=(self), microphone=(), geolocation=(self)"}


def test_no_policy_allows_inline_scripts():
    """The web app's pages allowed 'unsafe-inline' scripts; now each answer allows only the nonce
    nginx handed the Next server for that request. Swagger UI's page (/api/docs/) allowed them
    too; it now boots from a same-origin script."""
    conf = render.render_docker()
    policies = re.findall(r'add_header Content-Security-Policy "([^"]+)" always;', conf)
    with_scripts = [p for p in policies if "default-src 'none'" not in p]  # media: no script at all
    script_sources = {re.search(r"script-src ([^;]+);", p).group(1) for p in with_scripts}
    assert script_sources == {"'self'", "'self' 'nonce-$request_id'"}, script_sources
    assert render.CSP_DOCS in policies
    docs = re.search(r"location = /api/docs/ \{(?:[^{}])*\}", conf).group(0)
    assert f'add_header Content-Security-Policy "{render.CSP_DOCS}" always;' in docs
    # every location that proxies to the Next server answers with the nonce policy
    for block in re.findall(r"location [^{]+\{(?:[^{}]|\{[^{}]*\})*?proxy_pass http://nextjs;", conf):
        assert "'nonce-$request_id'" in block, block[:200]
    # the nonce handed to the Next server: $request_id, or the pages cache's placeholder (see below)
    assert "proxy_set_header Content-Security-Policy \"script-src 'self' 'nonce-$mutiroes_script_nonce'\";" in conf


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    for d in ("tmp", "static", "media", "logs"):
        (tmp_path / d).mkdir()
    tmp_path.chmod(0o755)
    return tmp_path


def nginx_t(conf_text: str, scratch: Path) -> subprocess.CompletedProcess[str]:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    path = scratch / "nginx.conf"
    path.write_text(conf_text)
    return subprocess.run(
        [nginx, "-t", "-c", str(path), "-e", str(scratch / "logs" / "error.log")], capture_output=True, text=True
    )


def native_conf(scratch: Path, **tls: str) -> str:
    return render.render(
        backend_servers=["server 127.0.0.1:1 max_fails=3 fail_timeout=10s;", "server 127.0.0.1:2 down;"],
        frontend_servers=["server 127.0.0.1:3;"],
        public_listen="127.0.0.1:4",
        internal_listen="127.0.0.1:5",
        internal_trusted=["127.0.0.1"],
        static_root=str(scratch / "static"),
        media_root=str(scratch / "media"),
        pid_file=str(scratch / "nginx.pid"),
        error_log=str(scratch / "logs" / "e.log"),
        access_log=str(scratch / "logs" / "a.log"),
        temp_dir=str(scratch / "tmp"),
        page_nonce_file=str(scratch / "page-nonce.conf"),
        **tls,
    )


def test_native_conf_passes_nginx_t(scratch: Path):
    render.ensure_page_nonce_file(scratch / "page-nonce.conf")
    proc = nginx_t(native_conf(scratch), scratch)
    assert proc.returncode == 0, proc.stderr


def test_tls_conf_passes_nginx_t_and_adds_hsts(scratch: Path):
    if not shutil.which("openssl"):
        pytest.skip("openssl missing")
    cert, key = scratch / "cert.pem", scratch / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    render.ensure_page_nonce_file(scratch / "page-nonce.conf")
    conf = native_conf(scratch, tls_cert=str(cert), tls_key=str(key), tls_listen="127.0.0.1:6")
    assert "add_header Strict-Transport-Security" in conf and "return 301 https://" in conf
    assert "set $mutiroes_forwarded_proto https;" in conf  # the internal listener tells Django it is HTTPS
    proc = nginx_t(conf, scratch)
    assert proc.returncode == 0, proc.stderr


def test_docker_conf_passes_nginx_t_apart_from_docker_names(scratch: Path):
    """The Compose config on this machine's nginx (1.22): Docker DNS names and `resolve`
    (nginx >= 1.27.3) replaced by loopback addresses, paths moved to a scratch dir."""
    conf = render.render_docker()
    conf = re.sub(r"server (backend|frontend):(\d+) resolve", r"server 127.0.0.1:\2", conf)
    conf = re.sub(r"^\s*resolver(_timeout)? .*$", "", conf, flags=re.M)
    conf = conf.replace("listen 8080", "listen 127.0.0.1:7").replace("listen 8081", "listen 127.0.0.1:8")
    conf = conf.replace("pid /tmp/nginx.pid", f"pid {scratch}/nginx.pid").replace(
        "temp_path /tmp/", f"temp_path {scratch}/tmp/"
    )
    nonce_file = scratch / "page-nonce.conf"
    subprocess.run(["sh", str(ROOT / "nginx" / "page-nonce.sh"), str(nonce_file)], check=True)
    assert re.fullmatch(
        r'map "" \$mutiroes_page_nonce_placeholder \{ default "[0-9a-f]{32}"; \}\n', nonce_file.read_text()
    )
    conf = conf.replace(f"include {render.DOCKER_PAGE_NONCE_FILE};", f"include {nonce_file};")
    proc = nginx_t(conf, scratch)
    assert proc.returncode == 0, proc.stderr

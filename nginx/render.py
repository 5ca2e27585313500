#!/usr/bin/env python3
"""Render nginx/nginx.conf.template for Docker Compose or for the native cluster.

One template, two targets; only upstream servers, listen addresses, paths, the resolver and
TLS differ. Standard library only (runs with any python3).

    python3 nginx/render.py --target docker > nginx/nginx.conf
    python3 nginx/render.py --target docker --tls-cert /etc/nginx/tls/fullchain.pem \
        --tls-key /etc/nginx/tls/privkey.pem > nginx/nginx.tls.conf

The native cluster calls `render_native()` from deploy/native/cluster.py.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import sys
from collections.abc import Iterable
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"

# Content-Security-Policy. Scripts: same-origin files only, and on the web app's pages the
# inline <script> chunks Next's App Router streams carry a per-request nonce: nginx hands the
# Next server a fresh one ($request_id, 128 random bits) in a `Content-Security-Policy` request
# header, Next puts it on every script it renders, and the answer's policy allows that nonce
# only. Leaflet sets inline styles, hence 'unsafe-inline' for styles (not scripts). Map tiles
# come from OpenStreetMap (tile.openstreetmap.org itself, which `*.` does not cover, and its
# subdomains). Everything else is same-origin.
CSP_APP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob: https://tile.openstreetmap.org https://*.tile.openstreetmap.org; "
    "font-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; "
    "object-src 'none'"
)
# The web app's pages: the same policy, with this request's nonce for inline scripts.
CSP_NONCE_SOURCE = "'nonce-$request_id'"
CSP_WEB_APP = CSP_APP.replace("script-src 'self';", f"script-src 'self' {CSP_NONCE_SOURCE};")
# Swagger UI's bundle is served from our own static files (drf-spectacular-sidecar); its page
# boots it with a same-origin script (`/api/docs/?script`, drf-spectacular's split view), so no
# inline script here either. Its page carries one inline <style>.
CSP_DOCS = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)
# Uploaded files are data, never documents: no script, no plugins, sandboxed.
CSP_MEDIA = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox"

# The micro-cache of anonymous public reads (see the template's "micro-cache" section). The key is
# everything the answer depends on for an anonymous client: method, scheme and host (the links in
# a page), the path with its query, and the request headers Django's answers Vary on
# (Accept-Language, Origin) plus Accept (content negotiation).
MICROCACHE = [
    "proxy_cache microcache;",
    'proxy_cache_key "$request_method|$mutiroes_forwarded_proto|$http_host|$request_uri|$http_accept|'
    '$http_accept_language|$http_origin";',
    "proxy_cache_methods GET HEAD;",
    "proxy_cache_valid 200 1s;",
    "proxy_cache_lock on;",
    "proxy_cache_lock_timeout 5s;",
    "proxy_cache_use_stale updating;",
    "proxy_cache_bypass $mutiroes_cache_bypass;",
    "proxy_no_cache $mutiroes_cache_bypass $mutiroes_cache_refused;",
    "add_header X-Cache-Status $upstream_cache_status always;",
]

# The upstream headers nginx owns or drops (the template's http level: `proxy_hide_header`).
HIDDEN_UPSTREAM_HEADERS = (
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Content-Security-Policy",
    "Strict-Transport-Security",
    "X-Request-ID",
    "X-Powered-By",
)

# The cache of anonymous views of the public pages (the template's "pages micro-cache"), in the
# same zone with keys of their own. Reached only by a plain anonymous GET/HEAD
# ($mutiroes_page_cache_bypass = 0), whose own headers never reach the Next server (the ones set at
# the http level are nginx's): the key is method, scheme, host and the path with its query. Next
# sends `Cache-Control: private, no-store` on every dynamic page whoever asks, so that header says
# nothing here and is ignored (the browser still gets it); X-Accel-Expires from Next's middleware
# bounds the entry to the end of its second, Set-Cookie still refuses it, non-200 answers are
# refused. Vary is ignored: every header it names sends the request around this location.
# The nonce: Next gets the secret placeholder, each answer has it replaced by $request_id (sub_filter
# rewrites text/html only, its default: the pages).
PAGE_NONCE_VARIABLE = "$mutiroes_page_nonce_placeholder"
PAGE_CACHE = [
    "proxy_pass_request_headers off;",
    f"set $mutiroes_script_nonce {PAGE_NONCE_VARIABLE};",
    "set $mutiroes_shared_page 1;",
    "proxy_cache microcache;",
    'proxy_cache_key "page|$request_method|$mutiroes_forwarded_proto|$http_host|$request_uri";',
    "proxy_cache_methods GET HEAD;",
    "proxy_cache_valid 200 1s;",
    "proxy_cache_lock on;",
    "proxy_cache_lock_timeout 5s;",
    "proxy_cache_use_stale updating;",
    "proxy_cache_bypass $mutiroes_page_cache_bypass;",
    "proxy_no_cache $mutiroes_page_cache_bypass $mutiroes_cache_refused;",
    "proxy_ignore_headers Cache-Control Expires Vary;",
    f"sub_filter {PAGE_NONCE_VARIABLE} $request_id;",
    "sub_filter_once off;",
    "add_header X-Cache-Status $upstream_cache_status always;",
    # Next's `Link: <…css>; rel=preload; nonce="…"` header carries the nonce it was given, and
    # sub_filter rewrites bodies only: dropped here (the <link> in the page's <head> still loads the
    # styles; style-src needs no nonce). Every header hidden at the http level is hidden here too
    # (a location's proxy_hide_header replaces the inherited list).
    *[f"proxy_hide_header {name};" for name in (*HIDDEN_UPSTREAM_HEADERS, "Link")],
]


def page_nonce_conf() -> str:
    """The file nginx includes with its secret placeholder nonce: 128 random bits, hex like $request_id."""
    return f'map "" {PAGE_NONCE_VARIABLE} {{ default "{secrets.token_hex(16)}"; }}\n'


def ensure_page_nonce_file(path: Path) -> None:
    """Write the placeholder's file once (readable by its owner only); later renders keep it, so the
    pages already cached are still rewritten after a reload."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(page_nonce_conf())


# Compose: the image's command writes it when the container starts (nginx/page-nonce.sh), never in the image.
DOCKER_PAGE_NONCE_FILE = "/tmp/mutiroes-page-nonce.conf"

HSTS = "max-age=31536000; includeSubDomains"
# Same-origin only: the camera for the organizer's QR check-in scanner, geolocation for "Perto de mim".
PERMISSIONS_POLICY = "camera=(self), microphone=(), geolocation=(self)"


def security_headers(csp: str, *, tls: bool, indent: int) -> str:
    pad = " " * indent
    lines = [
        'add_header X-Content-Type-Options "nosniff" always;',
        'add_header X-Frame-Options "DENY" always;',
        'add_header Referrer-Policy "strict-origin-when-cross-origin" always;',
        f'add_header Content-Security-Policy "{csp}{"; upgrade-insecure-requests" if tls else ""}" always;',
        f'add_header Permissions-Policy "{PERMISSIONS_POLICY}" always;',
        'add_header Cross-Origin-Opener-Policy "same-origin" always;',
        "add_header X-Request-ID $mutiroes_request_id always;",
    ]
    if tls:
        lines.append(f'add_header Strict-Transport-Security "{HSTS}" always;')
    return "\n".join(pad + line for line in lines)


def _indent(lines: Iterable[str], indent: int) -> str:
    pad = " " * indent
    return "\n".join(pad + line for line in lines)


def render(
    *,
    backend_servers: list[str],
    frontend_servers: list[str],
    public_listen: str,
    internal_listen: str,
    internal_trusted: list[str],
    static_root: str,
    media_root: str,
    pid_file: str,
    error_log: str,
    access_log: str,
    temp_dir: str,
    page_nonce_file: str,
    mime_types: str = "/etc/nginx/mime.types",
    worker_processes: str = "auto",
    user: str | None = None,
    resolver: str | None = None,
    tls_cert: str | None = None,
    tls_key: str | None = None,
    tls_listen: str | None = None,
    auth_rate: str = "10r/m",
    action_rate: str = "60r/m",
    heavy_rate: str = "1r/s",
    page_rate: str = "2r/s",
    upload_rate: str = "10r/m",
) -> str:
    """Fill the template. Server lines are full `server ...;` directives without indentation."""
    if not backend_servers or not frontend_servers:
        raise ValueError("an upstream needs at least one server")
    tls = bool(tls_cert)
    if tls and not (tls_key and tls_listen):
        raise ValueError("TLS needs a certificate, a key and a listen address")

    if tls:
        public_listen_lines = [
            f"listen {tls_listen} ssl default_server;",
            f"ssl_certificate {tls_cert};",
            f"ssl_certificate_key {tls_key};",
            "ssl_protocols TLSv1.2 TLSv1.3;",
            "ssl_prefer_server_ciphers off;",
            "ssl_session_cache shared:mutiroes_tls:10m;",
            "ssl_session_timeout 1d;",
            "ssl_session_tickets off;",
        ]
        # Plain HTTP answers only with a redirect to HTTPS (and nginx's own liveness).
        redirect = "\n".join(
            [
                "    server {",
                f"        listen {public_listen} default_server;",
                "        server_name _;",
                "        location = /nginx-health {",
                "            access_log off;",
                "            default_type text/plain;",
                security_headers(CSP_APP, tls=False, indent=12),
                '            return 200 "ok\\n";',
                "        }",
                "        location / {",
                security_headers(CSP_APP, tls=False, indent=12),
                "            return 301 https://$host$request_uri;",
                "        }",
                "    }",
                "",
            ]
        )
    else:
        public_listen_lines = [f"listen {public_listen} default_server;"]
        redirect = ""

    values = {
        "WORKER_PROCESSES": worker_processes,
        "PID_FILE": pid_file,
        "ERROR_LOG": error_log,
        "ACCESS_LOG": access_log,
        "USER_DIRECTIVE": f"user {user};" if user else "",
        "MIME_TYPES": mime_types,
        "TEMP_DIR": temp_dir,
        "PAGE_NONCE_FILE": page_nonce_file,
        "RESOLVER": _indent(resolver.splitlines(), 4) if resolver else "",
        "BACKEND_SERVERS": _indent(backend_servers, 8),
        "FRONTEND_SERVERS": _indent(frontend_servers, 8),
        "PUBLIC_LISTEN": _indent(public_listen_lines, 8),
        "INTERNAL_LISTEN": _indent([f"listen {internal_listen};"], 8),
        "INTERNAL_TRUSTED": _indent([f"set_real_ip_from {net};" for net in internal_trusted], 8),
        "PUBLIC_SCHEME": "https" if tls else "http",
        "STATIC_ROOT": static_root.rstrip("/"),
        "MEDIA_ROOT": media_root.rstrip("/"),
        "TLS_REDIRECT_SERVER": redirect,
        # 10 r/min in every real deployment; the browser tests, which sign up a dozen people from
        # one address within a minute, raise it on their own throwaway cluster.
        "AUTH_RATE": auth_rate,
        # Web-app POSTs (Server Actions) per client; raised with the auth rate by the browser tests.
        "ACTION_RATE": action_rate,
        # Searches, schema, images, certificate, export per client; web-app page views per client.
        "HEAVY_RATE": heavy_rate,
        "PAGE_RATE": page_rate,
        "UPLOAD_RATE": upload_rate,
    }
    text = TEMPLATE.read_text()

    def header_block(match: re.Match[str]) -> str:
        indent = len(match.group(1))
        csp = {"": CSP_APP, "_APP": CSP_WEB_APP, "_DOCS": CSP_DOCS, "_MEDIA": CSP_MEDIA}[match.group(2)]
        return security_headers(csp, tls=tls, indent=indent)

    text = re.sub(r"^( *)\{\{SECURITY_HEADERS(|_APP|_DOCS|_MEDIA)\}\}$", header_block, text, flags=re.M)
    text = re.sub(r"^( *)\{\{MICROCACHE\}\}$", lambda m: _indent(MICROCACHE, len(m.group(1))), text, flags=re.M)
    text = re.sub(r"^( *)\{\{PAGE_CACHE\}\}$", lambda m: _indent(PAGE_CACHE, len(m.group(1))), text, flags=re.M)

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"unknown placeholder {{{{{name}}}}}")
        return values[name]

    text = re.sub(r"\{\{([A-Z_]+)\}\}", fill, text)
    return "# GENERATED from nginx/nginx.conf.template by nginx/render.py; do not edit.\n" + text


def render_docker(*, tls_cert: str | None = None, tls_key: str | None = None) -> str:
    """The Compose configuration: Docker DNS names re-resolved at run time.

    `server backend:8000 resolve` (open-source nginx >= 1.27.3) keeps one peer per container
    IP that Docker's DNS (127.0.0.11) returns, and re-resolves every `valid` seconds, so
    `docker compose up --scale backend=5` reaches the new replicas without an nginx restart.
    `valid=1s`: a Swarm task leaves the DNS 2 s before it is sent SIGTERM, and nginx must have
    forgotten it by then (the replica also keeps serving a few seconds: gunicorn.conf.py).
    """
    peer = "max_fails=3 fail_timeout=10s"
    return render(
        backend_servers=[f"server backend:8000 resolve {peer};"],
        frontend_servers=[f"server frontend:3000 resolve {peer};"],
        resolver="resolver 127.0.0.11 valid=1s ipv6=off;\nresolver_timeout 2s;",
        public_listen="8080",
        internal_listen="8081",
        # Compose networks are allocated from the private ranges.
        internal_trusted=["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"],
        static_root="/srv/static",
        media_root="/srv/media",
        pid_file="/tmp/nginx.pid",
        error_log="/dev/stderr",
        access_log="/dev/stdout",
        temp_dir="/tmp",
        page_nonce_file=DOCKER_PAGE_NONCE_FILE,
        tls_cert=tls_cert,
        tls_key=tls_key,
        tls_listen="8443" if tls_cert else None,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--target", choices=["docker"], default="docker")
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("-o", "--output", help="write here instead of stdout")
    args = parser.parse_args(argv)
    text = render_docker(tls_cert=args.tls_cert, tls_key=args.tls_key)
    if args.output:
        Path(args.output).write_text(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

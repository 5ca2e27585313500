"""The Next.js server behind nginx, calling the API through the internal listener.

Runs when the test cluster deploys the frontend: `CLUSTER_FRONTEND=1 make test-cluster`
(needs `npm run build` in mutiroes-frontend first). Skipped otherwise.
"""

from __future__ import annotations

import re
import time

from .conftest import micro_cache_expired
from .test_routing import assert_security_headers


def test_pages_through_nginx_with_headers_and_assets(cluster, frontend):
    r = frontend.get("/eventos")
    assert r.status == 200, r.status
    assert_security_headers(r, "frontend page")
    assert "x-powered-by" not in r.headers
    assets = re.findall(r'(/_next/static/[^"\s]+\.(?:js|css))', r.body.decode(errors="replace"))
    assert assets
    a = frontend.get(assets[0])
    assert a.status == 200 and "immutable" in a.headers.get("cache-control", "")
    time.sleep(0.5)
    # the page's data came from the API through the internal listener
    internal = f"port={cluster.internal_port} "
    log = (cluster.state / "logs" / "nginx-access.log").read_text()
    assert any(internal in line and "/api/" in line for line in log.splitlines())


def test_web_app_down_gives_a_page_in_portuguese_and_the_api_keeps_working(cluster, frontend):
    cluster.supervisorctl("stop", "frontend")
    micro_cache_expired()  # an anonymous /eventos rendered before the stop is kept to its second's end
    try:
        for path in ("/eventos", "/entrar"):
            r = frontend.get(path)
            assert r.status == 503, (path, r.status)
            assert r.headers.get("content-type", "").startswith("text/html"), r.headers
            assert r.headers.get("retry-after") == "10"
            assert "Voltamos em instantes" in r.body.decode()
            assert_security_headers(r, f"web app down: {path}")
        assert frontend.get("/api/events/").status == 200
    finally:
        cluster.supervisorctl("start", "frontend")
    deadline = time.monotonic() + 60
    while frontend.get("/").status != 200:
        assert time.monotonic() < deadline, "the Next server did not come back"
        time.sleep(0.5)


def test_inline_scripts_carry_this_requests_nonce_and_nothing_else_runs(cluster, frontend):
    """The policy allowed 'unsafe-inline' scripts: any injected <script> would have run."""
    nonces = []
    for _ in range(2):
        r = frontend.get("/eventos")
        assert r.status == 200, r.status
        policy = r.headers["content-security-policy"]
        script_src = re.search(r"script-src ([^;]+);", policy).group(1).split()
        assert "'unsafe-inline'" not in script_src, policy
        (nonce,) = [s[len("'nonce-") : -1] for s in script_src if s.startswith("'nonce-")]
        assert re.fullmatch(r"[0-9a-f]{32}", nonce), nonce
        html = r.body.decode()
        scripts = re.findall(r"<script\b([^>]*)>", html)
        inline = [attrs for attrs in scripts if "src=" not in attrs]
        assert inline, "the App Router streams inline scripts"
        assert all(f'nonce="{nonce}"' in attrs for attrs in scripts), [a for a in scripts if nonce not in a][:3]
        nonces.append(nonce)
    assert nonces[0] != nonces[1]

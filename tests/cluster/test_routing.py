"""Balancing, routing, static and media files, security headers, request ids."""

from __future__ import annotations

import http.client
import re
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

from .conftest import micro_cache_expired, source_ips

SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
}


def assert_security_headers(r, where: str) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert r.headers.get(name) == value, f"{where}: {name} = {r.headers.get(name)!r}"
    csp = r.headers.get("content-security-policy", "")
    assert "default-src" in csp and "frame-ancestors 'none'" in csp, f"{where}: CSP {csp!r}"
    assert "strict-transport-security" not in r.headers  # no TLS in the test cluster
    assert re.fullmatch(r"[A-Za-z0-9._-]{8,64}", r.headers.get("x-request-id", "")), where


def test_requests_spread_over_the_three_replicas(cluster):
    ips = source_ips(4)
    replicas = []
    for i in range(60):
        r = cluster.client(ips[i % 4]).get("/api/health/")
        assert r.status == 200, r
        assert r.json()["replica"] == r.headers["x-replica"]
        replicas.append(r.headers["x-replica"])
    counts = {name: replicas.count(name) for name in set(replicas)}
    assert set(counts) == {"backend-1", "backend-2", "backend-3"}, counts
    # least_conn with sequential requests degenerates to round robin: each gets a fair share
    assert min(counts.values()) >= 10, counts


def test_security_headers_on_200_404_and_static(cluster):
    c = cluster.client(source_ips(1)[0])
    ok = c.get("/api/health/")
    assert ok.status == 200
    assert_security_headers(ok, "200 /api/health/")
    missing = c.get("/api/events/999999999/")
    assert missing.status == 404 and missing.headers.get("x-replica")
    assert_security_headers(missing, "404 from Django")
    static404 = c.get("/static/nope.css")
    assert static404.status == 404
    assert_security_headers(static404, "404 from nginx (static)")


def test_security_headers_on_502_when_no_replica_answers(cluster):
    c = cluster.client(source_ips(1)[0])
    backends = [f"backend-{i}" for i in range(1, cluster.config()["backends"] + 1)]
    with ThreadPoolExecutor(len(backends)) as pool:  # stop them in parallel (each waits for gunicorn)
        list(pool.map(lambda name: cluster.supervisorctl("stop", name), backends))
    micro_cache_expired()  # an anonymous /api/events/ read before the stop is kept to its second's end
    try:
        r = c.get("/api/events/")
        assert r.status == 502, (r.status, r.body[:200])
        assert r.headers["content-type"].startswith("application/json")
        assert_security_headers(r, "502")
    finally:
        cluster.supervisorctl("start", *backends)
    assert len(cluster.wait_replicas(len(backends), timeout=60)) == len(backends)


def test_request_id_is_passed_to_django_and_logged(cluster):
    rid = f"ct-{uuid.uuid4().hex}"
    r = cluster.client(source_ips(1)[0]).get("/api/health/", headers={"X-Request-ID": rid})
    assert r.status == 200 and r.headers["x-request-id"] == rid
    replica = r.headers["x-replica"]
    time.sleep(0.5)
    access = (cluster.state / "logs" / "nginx-access.log").read_text()
    line = next(line for line in access.splitlines() if f"rid={rid}" in line)
    assert re.search(r"upstream=127\.0\.0\.1:\d+ ustatus=200 rt=[\d.]+ uct=[\d.]+ uht=[\d.]+ urt=[\d.]+", line), line
    assert rid in (cluster.state / "logs" / f"{replica}.log").read_text()
    # a malformed id is replaced by nginx's own
    bad = cluster.client(source_ips(1)[0]).get("/api/health/", headers={"X-Request-ID": "<script>"})
    assert re.fullmatch(r"[0-9a-f]{32}", bad.headers["x-request-id"])


def test_admin_login_and_its_static_files_through_nginx(cluster):
    c = cluster.client(source_ips(1)[0])
    r = c.get("/admin/login/")
    assert r.status == 200 and r.headers.get("x-replica"), r.status
    assert_security_headers(r, "admin login")
    css = re.findall(r'href="(/static/admin/css/[^"]+\.css)"', r.body.decode())
    assert css, "admin login page links no stylesheet"
    s = c.get(css[0], headers={"Accept-Encoding": "gzip"})
    assert s.status == 200 and "x-replica" not in s.headers  # served by nginx from disk
    assert s.headers["content-type"].startswith("text/css")
    assert "max-age=86400" in s.headers.get("cache-control", "") and s.headers.get("etag")
    assert_security_headers(s, "static")
    redirect = c.get("/admin/")
    assert redirect.status == 302 and "/admin/login/" in redirect.headers["location"]


def test_uploaded_file_is_served_from_media(cluster):
    media = cluster.state / "media" / "events" / "photos"
    media.mkdir(parents=True, exist_ok=True)
    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
    name = f"ct-{uuid.uuid4().hex[:8]}.png"
    (media / name).write_bytes(png)
    (media / name).chmod(0o644)
    r = cluster.client(source_ips(1)[0]).get(f"/media/events/photos/{name}")
    assert r.status == 200 and r.body == png and "x-replica" not in r.headers
    assert r.headers["content-type"] == "image/png"
    assert "sandbox" in r.headers["content-security-policy"]  # uploads never run script
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "max-age=3600" in r.headers.get("cache-control", "")


def test_gzip_for_json(cluster):
    r = cluster.client(source_ips(1)[0]).get("/api/schema/?format=json", headers={"Accept-Encoding": "gzip"})
    assert r.status == 200
    assert r.headers.get("content-encoding") == "gzip"


def test_upload_size_limit(cluster):
    """A body over client_max_body_size (12 MB) is refused by nginx from its Content-Length."""
    conn = http.client.HTTPConnection("127.0.0.1", cluster.port, timeout=10, source_address=(source_ips(1)[0], 0))
    try:
        conn.putrequest("POST", "/api/events/1/photos/")
        conn.putheader("Content-Type", "application/octet-stream")
        conn.putheader("Content-Length", str(13 * 1024 * 1024))
        conn.endheaders()
        r = conn.getresponse()
        headers = {k.lower(): v for k, v in r.getheaders()}
        assert r.status == 413
    finally:
        conn.close()
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value


def test_internal_listener_serves_the_api_only(cluster):
    c = cluster.client(port=cluster.internal_port)
    assert c.get("/api/health/").status == 200
    assert c.get("/").status == 404
    assert c.get("/admin/login/").status == 404

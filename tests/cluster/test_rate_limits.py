"""nginx rate limits: 10 r/min on authentication, 100 r/s on the API, 429 with security
headers, keyed on the TCP peer (a forged X-Forwarded-For changes nothing); on the internal
listener only password checks, per browser address. A 429 produced by nginx carries no
X-Replica header (it never reached Django)."""

from __future__ import annotations

import threading
from collections import Counter

from .conftest import source_ips
from .test_routing import assert_security_headers

# An invalid body: answered 400 by Django in a millisecond (no password hashing), so a
# sequence of 11 stays well inside the 6 s nginx needs to leak one request of 10 r/min.
BAD_LOGIN: dict = {}


def nginx_429(r) -> bool:
    return r.status == 429 and "x-replica" not in r.headers


def test_eleventh_auth_request_in_a_minute_gets_429(cluster):
    c = cluster.client(source_ips(1)[0])
    first = [c.post("/api/auth/token/", BAD_LOGIN) for _ in range(10)]
    assert [r.status for r in first] == [400] * 10, [r.status for r in first]
    eleventh = c.post("/api/auth/token/", BAD_LOGIN)
    assert nginx_429(eleventh), (eleventh.status, eleventh.headers)
    assert eleventh.headers["content-type"].startswith("application/json")
    assert eleventh.headers.get("retry-after")
    assert_security_headers(eleventh, "429")
    # other auth endpoints share the budget
    assert nginx_429(c.post("/api/auth/register/", {"email": "x@example.org"}))
    # reading the API is not affected
    assert c.get("/api/health/").status == 200


def test_forged_x_forwarded_for_does_not_reset_the_limit(cluster):
    c = cluster.client(source_ips(1)[0])
    statuses = [
        c.post("/api/auth/token/", BAD_LOGIN, headers={"X-Forwarded-For": f"203.0.113.{i}, 198.51.100.{i}"}).status
        for i in range(12)
    ]
    assert statuses[:10] == [400] * 10, statuses
    assert statuses[10:] == [429, 429], statuses


def test_each_client_has_its_own_auth_budget(cluster):
    a, b = source_ips(2)
    for _ in range(11):
        cluster.client(a).post("/api/auth/token/", BAD_LOGIN)
    assert cluster.client(a).post("/api/auth/token/", BAD_LOGIN).status == 429
    assert cluster.client(b).post("/api/auth/token/", BAD_LOGIN).status == 400


def test_frontend_login_and_signup_posts_are_limited_but_page_views_are_not(cluster):
    c = cluster.client(source_ips(1)[0])
    # GETs of the pages never count (whatever the frontend answers: 200, or 502 without a build)
    for _ in range(15):
        assert c.get("/entrar").status != 429
    posts = [
        c.post("/entrar", "email=a%40b.org&password=x", headers={"Content-Type": "application/x-www-form-urlencoded"})
        for _ in range(6)
    ]
    posts += [
        c.post("/cadastro", "email=a%40b.org", headers={"Content-Type": "application/x-www-form-urlencoded"})
        for _ in range(5)
    ]
    statuses = [r.status for r in posts]
    assert 429 not in statuses[:10], statuses
    assert statuses[10] == 429, statuses
    assert_security_headers(posts[10], "429 frontend")
    # the API auth endpoints share the same budget
    assert nginx_429(c.post("/api/auth/token/", BAD_LOGIN))


def test_api_burst_over_the_limit_gets_429(cluster):
    """One client firing far more than 100 r/s (burst 100) gets 429s from nginx."""
    ip = source_ips(1)[0]
    statuses: Counter = Counter()
    lock = threading.Lock()

    def fire() -> None:
        c = cluster.client(ip)
        for _ in range(200):  # bounded: at most 2,000 requests in all
            r = c.get("/api/health/")
            with lock:
                statuses["nginx429" if nginx_429(r) else r.status] += 1
                if statuses["nginx429"] >= 50:
                    return

    threads = [threading.Thread(target=fire) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert statuses["nginx429"] > 0, statuses
    assert statuses[200] >= 100, statuses  # the burst itself is served
    assert set(statuses) <= {200, "nginx429"}, statuses


def test_internal_listener_limits_password_checks_per_browser_address(cluster):
    """The Next server's listener: its password-checking calls (a Server Action can be posted to
    any page path, so the public side cannot tell a login action from any other) meet the auth
    budget per browser address (the X-Forwarded-For the Next server sends), other calls none."""
    c = cluster.client(port=cluster.internal_port)
    browser = {"X-Forwarded-For": "198.51.100.77"}
    statuses = [c.post("/api/auth/token/", BAD_LOGIN, headers=browser).status for _ in range(10)]
    assert statuses == [400] * 10, statuses
    refused = c.post("/api/auth/password/change/", BAD_LOGIN, headers=browser)
    assert refused.status == 429 and "x-replica" not in refused.headers, refused.status
    assert refused.json()["code"] == "throttled"  # type: ignore[index]
    # other browsers behind the same Next server keep their own budget
    assert c.post("/api/auth/token/", BAD_LOGIN, headers={"X-Forwarded-For": "198.51.100.78"}).status == 400
    # and the rest of the API is not limited there
    assert [c.get("/api/health/", headers=browser).status for _ in range(30)] == [200] * 30


def test_account_deletion_is_under_the_auth_limit_and_profile_edits_are_not(cluster):
    from .api import auth, register, token

    setup = cluster.client(source_ips(1)[0])
    person = register(setup)
    access = auth(token(setup, person["email"]))
    c = cluster.client(source_ips(1)[0])
    for _ in range(12):
        assert c.request("PATCH", "/api/users/me/", body={"bio": "oi"}, headers=access).status == 200
    # an invalid body (400 in a millisecond, no hashing): eleven stay inside nginx's 6 s leak
    statuses = [c.request("DELETE", "/api/users/me/", body={}, headers=access).status for _ in range(10)]
    assert statuses == [400] * 10, statuses
    assert nginx_429(c.request("DELETE", "/api/users/me/", body={"password": "errada"}, headers=access))
    assert c.get("/api/users/me/", headers=access).status == 200


def test_admin_password_forms_are_under_the_auth_limit(cluster):
    c = cluster.client(source_ips(1)[0])
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    statuses = [c.post("/admin/password_change/", "old_password=x", headers=form).status for _ in range(10)]
    assert 429 not in statuses, statuses
    assert c.post("/admin/users/user/1/password/", "password1=x", headers=form).status == 429


def test_readiness_is_not_public(cluster):
    """Readiness runs a database query, a Redis round trip and a Celery ping: the probes ask it
    on the internal listener; the public side answers 404 from nginx without reaching Django."""
    public = cluster.client(source_ips(1)[0]).get("/api/health/ready/")
    assert public.status == 404 and "x-replica" not in public.headers, (public.status, public.headers)
    assert public.json()["code"] == "not_found"  # type: ignore[index]
    assert_security_headers(public, "readiness on the public listener")
    internal = cluster.client(port=cluster.internal_port).get("/api/health/ready/")
    assert internal.status == 200, internal.body[:300]
    assert set(internal.json()["checks"].values()) == {"ok"}  # type: ignore[index]


def test_server_action_posts_to_any_path_are_limited(cluster):
    """A Server Action runs whatever page path it is posted to (`POST /` with `Next-Action` runs
    the login action): every web-app POST shares one per-client budget."""
    c = cluster.client(source_ips(1)[0])
    action = {"Next-Action": "0" * 40, "Content-Type": "text/plain;charset=UTF-8"}
    statuses = [c.post(path, "[]", headers=action).status for path in ["/", "/eventos", "/impacto"] * 14]
    assert 429 not in statuses[:20], statuses
    refused = [s for s in statuses if s == 429]
    assert len(refused) >= 15 and statuses[-1] == 429, statuses
    last = c.post("/", "[]", headers=action)
    assert last.status == 429 and "Muitas tentativas" in last.body.decode()
    assert_security_headers(last, "429 web app")
    # reading pages is not limited by it
    assert c.get("/api/health/").status == 200
    assert c.get("/eventos").status != 429

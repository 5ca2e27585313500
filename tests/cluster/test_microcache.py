"""nginx's micro-cache of anonymous public reads (nginx/nginx.conf.template, "micro-cache").

An anonymous read of the listing, a mutirão or the categories is kept until the end of the
second Django made it in (X-Accel-Expires) and shared by every anonymous client; credentials,
cookies and share tokens never meet it; errors are never kept; a miss storm reaches one replica.
"""

from __future__ import annotations

import threading
import time
import uuid

import pytest

from . import api
from .conftest import source_ips


@pytest.fixture(scope="module")
def organizer(cluster) -> tuple[object, str]:
    c = cluster.client(source_ips(1)[0])
    user = api.register(c, name="Organizadora")
    return c, api.token(c, user["email"])


def new_event(organizer) -> int:
    c, access = organizer
    return api.create_event(c, access)


def early_in_a_second(latest: float = 0.1) -> None:
    """Sleep until the wall clock is within `latest` s after a second starts (the cache keeps an
    answer only to the end of the second it was made in)."""
    while (frac := time.time() % 1) > latest:
        time.sleep(1 - frac + 0.005)


def miss_then_hit(c, path: str, attempts: int = 5, **kw):
    """Two reads early in one second: the first from a replica, the second from the cache."""
    for _ in range(attempts):
        early_in_a_second()
        second = int(time.time())
        first, again = c.get(path, **kw), c.get(path, **kw)
        if int(time.time()) == second:
            return first, again
    pytest.fail(f"no two reads of {path} fitted in one second in {attempts} attempts")


def test_an_anonymous_read_is_answered_from_the_cache_within_its_second(cluster, organizer):
    event_id = new_event(organizer)
    c = cluster.client(source_ips(1)[0])
    for path in (f"/api/events/{event_id}/", "/api/events/", "/api/categories/"):
        first, again = miss_then_hit(c, path)
        assert first.status == again.status == 200, (path, first.status, again.status)
        if path.startswith("/api/events/") and path != "/api/events/":  # nobody read it before
            assert first.headers["x-cache-status"] in {"MISS", "EXPIRED"}, (path, first.headers)
        assert again.headers["x-cache-status"] == "HIT", (path, again.headers)
        assert again.body == first.body
        assert again.headers["x-replica"] == first.headers["x-replica"]  # the replica's answer, kept
        for name in ("x-content-type-options", "content-security-policy", "x-request-id"):
            assert name in again.headers, (path, name)
        assert again.headers["x-request-id"] != first.headers["x-request-id"]  # nginx's, per request
        assert "x-accel-expires" not in again.headers  # for nginx only
    # the web app's calls (internal listener) share the same cache
    internal = cluster.client(port=cluster.port + 1)
    first, again = miss_then_hit(internal, f"/api/events/{event_id}/")
    assert (first.headers["x-cache-status"], again.headers["x-cache-status"]) in {("MISS", "HIT"), ("EXPIRED", "HIT")}
    assert again.body == first.body


def test_credentials_cookies_and_share_tokens_never_meet_the_cache(cluster, organizer):
    event_id = new_event(organizer)
    _, access = organizer
    path = f"/api/events/{event_id}/"
    c = cluster.client(source_ips(1)[0])
    miss_then_hit(c, path)  # a fresh anonymous copy is kept now
    early_in_a_second()
    for headers in (
        api.auth(access),
        {"Cookie": "mut_access=whatever"},
        {"Cookie": "sessionid=x; csrftoken=y"},
        {"X-Share-Token": "qualquer"},
    ):
        r = c.get(path, headers=headers)
        assert r.headers.get("x-cache-status") == "BYPASS", (headers, r.status, r.headers)
    owner = c.get(path, headers=api.auth(access))
    assert owner.status == 200 and owner.json()["can_edit"] is True  # the organizer's own fields
    anonymous = c.get(path)
    assert anonymous.status == 200 and anonymous.json()["can_edit"] is False  # never the organizer's copy
    shared = c.get(f"{path}?share=qualquer")
    assert shared.headers.get("x-cache-status") == "BYPASS"
    # writes never meet it
    join = c.post(f"/api/events/{event_id}/join/", {})
    assert join.status == 401 and "x-cache-status" not in join.headers


def test_a_change_reaches_anonymous_readers_within_a_second(cluster, organizer):
    event_id = new_event(organizer)
    oc, access = organizer
    path = f"/api/events/{event_id}/"
    c = cluster.client(source_ips(1)[0])
    _, again = miss_then_hit(c, path)
    assert again.headers["x-cache-status"] == "HIT"
    old_title = again.json()["title"]
    title = f"Mutirão renomeado {uuid.uuid4().hex[:6]}"
    r = oc.request("PATCH", path, body={"title": title}, headers=api.auth(access))
    assert r.status == 200, (r.status, r.body[:300])
    changed = time.monotonic()
    assert oc.get(path, headers=api.auth(access)).json()["title"] == title  # immediate with credentials
    reads = []
    while time.monotonic() - changed < 2.5:
        started = time.monotonic() - changed
        body = c.get(path).json()
        reads.append((started, body["title"]))
        time.sleep(0.05)
    # every anonymous read that started more than 1 s after the change shows it
    assert all(t == title for started, t in reads if started >= 1.0), reads
    assert {t for _, t in reads} <= {old_title, title}


def test_errors_are_never_kept(cluster, organizer):
    c = cluster.client(source_ips(1)[0])
    for path, status in (("/api/events/999999999/", 404), ("/api/events/?radius_km=100000&near=1,1", 400)):
        first, again = miss_then_hit(c, path)
        assert first.status == again.status == status, (path, first.status, again.status)
        assert again.headers.get("x-cache-status") != "HIT", (path, again.headers)
        assert first.headers.get("x-request-id") != again.headers.get("x-request-id")
    # a draft is 404 for anyone but its organizer, even right after the organizer read it
    oc, access = organizer
    categories = c.get("/api/categories/").json()
    draft = oc.post(
        "/api/events/",
        {
            "title": "Rascunho",
            "description": "Ainda não publicado.",
            "category": categories[0]["id"],
            "address": "Rua A, 1",
            "city": "Fortaleza",
            "state": "CE",
            "latitude": -3.74,
            "longitude": -38.45,
            "start": "2031-01-10T09:00:00-03:00",
            "end": "2031-01-10T12:00:00-03:00",
            "capacity": 10,
        },
        headers=api.auth(access),
    )
    assert draft.status == 201, draft.body[:300]
    path = f"/api/events/{draft.json()['id']}/"
    early_in_a_second()
    assert oc.get(path, headers=api.auth(access)).status == 200
    assert c.get(path).status == 404


def storm(cluster, ips: list[str], path: str) -> tuple[list, list[str], bool]:
    """One anonymous read of `path` per address, all at once, early in a second: the answers,
    their request ids, and whether all of them were done within that second."""
    rids = [f"ct-storm-{uuid.uuid4().hex}" for _ in ips]
    results: list = [None] * len(ips)
    barrier = threading.Barrier(len(ips))

    def read(i: int) -> None:
        barrier.wait()
        results[i] = cluster.client(ips[i]).get(path, headers={"X-Request-ID": rids[i]})

    threads = [threading.Thread(target=read, args=(i,)) for i in range(len(ips))]
    early_in_a_second(0.05)
    second = int(time.time())
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results, rids, int(time.time()) == second


def test_a_miss_storm_reaches_one_replica_once(cluster, organizer):
    """N identical anonymous reads at once: one goes to a replica, the others wait for its answer
    (proxy_cache_lock). Counted by request id in the replicas' logs."""
    n = 16
    ips = source_ips(n)
    for _attempt in range(3):
        path = f"/api/events/{new_event(organizer)}/"  # a key nobody read yet
        results, rids, within_one_second = storm(cluster, ips, path)
        assert all(r is not None and r.status == 200 for r in results), [r and r.status for r in results]
        assert len({r.body for r in results}) == 1
        time.sleep(0.5)  # the replicas' log lines
        wanted = set(rids)
        reached = [line for line in cluster.log_lines("backend-*") if line.get("request_id") in wanted]
        statuses = sorted(r.headers["x-cache-status"] for r in results)
        if within_one_second:
            assert len(reached) == 1, (statuses, reached)
            assert statuses.count("MISS") == 1 and statuses.count("HIT") == n - 1, statuses
            return
        # the answer outlived its second before the waiters read it: one more refresh at most
        assert len(reached) <= 2, (statuses, reached)
    pytest.fail("no storm fitted in one second in 3 attempts")

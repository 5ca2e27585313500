"""A replica SIGKILLed under load: GETs keep succeeding (nginx retries them on another
replica), a join POST is never applied twice (nginx never replays a POST that reached a
replica), and the replica rejoins once supervisord has restarted it."""

from __future__ import annotations

import os
import signal
import threading
import time
import uuid
from collections import Counter

from . import api
from .client import Load
from .conftest import source_ips


def test_replica_sigkilled_under_load(cluster):
    ips = source_ips(24)
    organizer_client = cluster.client(ips[0])
    organizer = api.register(organizer_client)
    event_id = api.create_event(organizer_client, api.token(organizer_client, organizer["email"]))
    volunteers = []
    for ip in ips[1:13]:  # 12 volunteers, one address each (2 auth requests per address)
        # joins serialize on the event's row lock; on a loaded 2-core machine the last of 12
        # can take several seconds: a generous timeout, a hang would still be caught
        c = cluster.client(ip, timeout=90)
        user = api.register(c)
        volunteers.append((c, user, api.token(c, user["email"])))

    victim = "backend-2"
    victim_pid = cluster.pid(victim)
    joins: dict[str, tuple[int, int]] = {}  # request id -> (user id, status)
    errors: dict[str, str] = {}
    lock = threading.Lock()

    def join(c, user, access, delay):
        time.sleep(delay)
        rid = f"ct-join-{uuid.uuid4().hex}"
        r = c.post(f"/api/events/{event_id}/join/", {}, headers={**api.auth(access), "X-Request-ID": rid})
        with lock:
            joins[rid] = (user["id"], r.status)
            if r.error:
                errors[rid] = r.error

    paths = ["/api/health/", "/api/events/", f"/api/events/{event_id}/", "/api/categories/"]
    with Load(cluster.port, paths, source_ips(32), threads=6, max_requests=30000, max_seconds=90) as load:
        time.sleep(2)
        threads = [threading.Thread(target=join, args=(*v, i * 0.1)) for i, v in enumerate(volunteers)]
        for t in threads:
            t.start()
        time.sleep(0.5)
        os.killpg(victim_pid, signal.SIGKILL)  # the replica and its workers, like `docker kill`
        for t in threads:
            t.join(timeout=60)
        # supervisord restarts it
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            out = cluster.supervisorctl("status", victim)
            if "RUNNING" in out and str(victim_pid) not in out:
                break
            time.sleep(0.5)
        time.sleep(3)
        result = load.stop()

    assert result.total >= 300, result.summary()
    assert result.ok / result.total >= 0.995, result.summary()
    assert result.replicas[victim] >= 1, result.summary()  # it served before the kill

    # after the restart it receives traffic again (within nginx's fail_timeout)
    assert cluster.pid(victim) != victim_pid
    seen: set[str] = set()
    deadline = time.monotonic() + 40
    client_ips = source_ips(4)
    i = 0
    while victim not in seen and time.monotonic() < deadline:
        r = cluster.client(client_ips[i % 4]).get("/api/health/")
        i += 1
        if r.status == 200:
            seen.add(r.headers["x-replica"])
        time.sleep(0.05)
    assert victim in seen, seen

    # joins: never applied twice
    assert len(joins) == len(volunteers)
    assert {status for _, status in joins.values()} <= {201, 502}, (joins, errors)
    duplicates = cluster.sql(
        f"SELECT user_id FROM events_participation WHERE event_id = {event_id} GROUP BY user_id HAVING count(*) > 1"
    )
    assert duplicates == ""
    # each join request reached at most one replica (Django logs one line per request it answered)
    answered = Counter(line["request_id"] for line in cluster.log_lines("backend-*") if line.get("event") == "request")
    assert any(answered[rid] == 1 for rid in joins), "no join was logged"
    for rid in joins:
        assert answered[rid] <= 1, rid
    # every 201 is a row; a 502 left either a whole row or none; retrying is safe
    rows = dict(
        line.split("|")
        for line in cluster.sql(
            f"SELECT user_id, status FROM events_participation WHERE event_id = {event_id}"
        ).splitlines()
    )
    for user_id, status in joins.values():
        if status == 201:
            assert rows.get(str(user_id)) == "confirmed"
    for c, _user, access in volunteers:
        r = c.post(f"/api/events/{event_id}/join/", {}, headers=api.auth(access))
        assert r.status in (201, 409), (r.status, r.body[:200])
    confirmed = int(
        cluster.sql(f"SELECT count(*) FROM events_participation WHERE event_id = {event_id} AND status = 'confirmed'")
    )
    assert confirmed == len(volunteers)
    # with credentials: never an anonymous copy from nginx's micro-cache (up to 1 s old)
    detail = cluster.client(ips[20]).get(f"/api/events/{event_id}/", headers=api.auth(volunteers[0][2])).json()
    assert detail["confirmed_count"] == confirmed

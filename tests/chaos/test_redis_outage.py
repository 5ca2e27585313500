"""Redis (broker and cache) stopped for 30 s under load: 80 % GETs, 20 % joins.

Reads keep being served from PostgreSQL (the cache fails open), joins commit (publishing a task
fails fast and is only logged; the outbox row is committed with the join), Django's throttles fail
open (nginx's limits, in nginx's memory, still hold), and after Redis returns the outbox sweep
enqueues every pending email: each one goes out exactly once. The Redis is the chaos cluster's
own (never the machine's 6379).
"""

from __future__ import annotations

import time

from cluster.conftest import source_ips

from .helpers import counters_match_rows, events, mail_message_ids, people, wait_until
from .load import MixedLoad

OUTAGE_SECONDS = 30


def test_redis_stopped_30s_under_load(chaos_cluster):
    cluster, redis = chaos_cluster, chaos_cluster.redis
    organizer, *volunteers = people(cluster, 21)
    event_ids = events(cluster, organizer, 4, capacity=12)  # 20 people x 4 = 80 joins; some waitlisted
    joins = [(eid, v["access"]) for v in volunteers for eid in event_ids]
    gets = [
        "/api/events/",
        f"/api/events/{event_ids[0]}/",
        "/api/categories/",
        "/api/events/?city=Fortaleza",
        "/api/stats/",
    ]
    probe = cluster.client(port=cluster.internal_port)  # readiness is served on the internal listener only
    assert probe.get("/api/health/ready/").status == 200

    with MixedLoad(cluster.port, gets, joins, source_ips(40), threads=3, pause=0.15, max_seconds=90) as load:
        time.sleep(4)
        redis.stop()
        down_at = time.monotonic()
        assert not redis.ping()
        time.sleep(2)
        ready = probe.get("/api/health/ready/")
        time.sleep(OUTAGE_SECONDS - 2)
        redis.start()
        up_at = time.monotonic()
        time.sleep(4)
    result = load.result

    # readiness names the failing part while Redis is down
    assert ready.status == 503, ready.body
    assert ready.json()["checks"]["redis"] != "ok"  # type: ignore[index]

    during = [o for o in result.outcomes if down_at + 0.5 < o.started < up_at]
    assert len([o for o in during if o.kind == "get"]) >= 30, result.summary()
    assert len([o for o in during if o.kind == "join"]) >= 8, result.summary()
    # Reads are served (uncached) and joins commit: no failure at all, before, during or after.
    assert result.statuses("get") == {200: len(result.of("get"))}, result.summary()
    assert result.statuses("join") == {201: len(result.of("join"))}, result.summary()
    # ...and nothing waits on the dead Redis (cache: 1 s socket timeouts; broker: refused at once).
    assert result.slowest() < 5, result.summary()
    # Throttling failed open: no 429 (the load stays far below nginx's limits), and Django said why.
    backend_logs = "".join(p.read_text(errors="replace") for p in (cluster.state / "logs").glob("backend-*.log"))
    assert "failing open" in backend_logs

    # Nothing lost, nothing doubled: one row per join, counters equal rows.
    ids = ",".join(map(str, event_ids))
    assert int(cluster.sql(f"SELECT count(*) FROM events_participation WHERE event_id IN ({ids})")) == len(
        result.of("join")
    )
    for eid, (confirmed, confirmed_rows, waiting, waiting_rows) in counters_match_rows(cluster, event_ids).items():
        assert (confirmed, waiting) == (confirmed_rows, waiting_rows), eid
        assert confirmed <= 12

    # Messages go out after Redis returns: every email of these people reaches `sent`, exactly once.
    emails = ",".join(f"'{p['email']}'" for p in [organizer, *volunteers])
    mine = f"FROM notifications_notification n JOIN users_user u ON u.id = n.user_id WHERE u.email IN ({emails})"
    expected = len(volunteers) + 1 + len(result.of("join"))  # welcome + one per join
    assert int(cluster.sql(f"SELECT count(*) {mine}")) >= expected
    settled = wait_until(lambda: cluster.sql(f"SELECT count(*) {mine} AND n.email_status <> 'sent'") == "0", 240, 2)
    stuck = cluster.sql(
        f"SELECT n.id, n.kind, n.email_status, n.email_attempts, n.email_error {mine} "
        "AND n.email_status <> 'sent' LIMIT 5"
    )
    assert settled, f"emails still not sent 240 s after Redis returned: {stuck}"
    ids_sent = [int(x) for x in cluster.sql(f"SELECT n.id {mine}").split()]
    written = mail_message_ids(cluster.state / "mail")
    duplicates = {i for i in ids_sent if written.count(i) > 1}
    missing = {i for i in ids_sent if written.count(i) == 0}
    assert not missing and not duplicates, (missing, duplicates)
    assert time.monotonic() - up_at < 300

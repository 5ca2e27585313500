"""PostgreSQL stopped for a few seconds and started again under load (80 % GETs, 20 % joins).

Requests fail fast while it is down (a JSON error within seconds, never a hang), the replicas
recover by themselves (same processes: CONN_HEALTH_CHECKS drops the dead connections), and every
mutirão's confirmed_count equals its confirmed participation rows afterwards. The PostgreSQL is the
chaos cluster's own throwaway one, never the machine's.
"""

from __future__ import annotations

import time

from cluster.conftest import source_ips

from .helpers import counters_match_rows, events, people, wait_until
from .load import MixedLoad

DOWN_SECONDS = 6
FAIL_FAST_SECONDS = 8  # connect_timeout is 5 s; a refused connection fails at once


def test_postgres_restart_under_load(chaos_cluster):
    cluster, pg = chaos_cluster, chaos_cluster.pg
    organizer, *volunteers = people(cluster, 13)
    event_ids = events(cluster, organizer, 3, capacity=8)  # 12 x 3 = 36 joins; some waitlisted
    joins = [(eid, v["access"]) for v in volunteers for eid in event_ids]
    gets = [
        "/api/events/",
        f"/api/events/{event_ids[0]}/",
        "/api/categories/",
        "/api/stats/",
        f"/api/events/{event_ids[1]}/comments/",
    ]
    replicas = [f"backend-{i}" for i in range(1, 4)]
    pids = {name: cluster.pid(name) for name in replicas}

    with MixedLoad(cluster.port, gets, joins, source_ips(30), threads=3, pause=0.15, max_seconds=90) as load:
        time.sleep(4)
        pg.stop("fast")
        down_at = time.monotonic()
        time.sleep(DOWN_SECONDS)
        pg.start()
        up_at = time.monotonic()
        # recovered: a whole second of the load's requests after this point succeed
        time.sleep(12)
    result = load.result
    print(f"\nPostgreSQL restart: {result.summary()}")

    # Fail fast: every request got an answer, none took longer than the connect timeout allows.
    assert all(o.status != 0 for o in result.outcomes), result.summary()
    assert result.slowest() < FAIL_FAST_SECONDS, result.summary()
    failed = [o for o in result.outcomes if o.status not in (200, 201)]
    assert failed, "no request met the outage; the test proved nothing: " + result.summary()
    for o in failed:
        # only while PostgreSQL was down (and the moment after), and as a JSON error, never a page
        assert down_at - 1 < o.started < up_at + 3, (o.started - down_at, o.status, o.body[:200])
        assert o.status in (500, 502, 503), (o.status, o.body[:200])
        assert o.body.startswith(b"{"), o.body[:200]
    late = [o for o in result.outcomes if o.started > up_at + 3]
    assert late and all(o.status in (200, 201) for o in late), result.summary()

    # The replicas recovered without being restarted: same processes, each healthy on its own port.
    assert {name: cluster.pid(name) for name in replicas} == pids
    for i in range(1, 4):
        direct = cluster.client(port=cluster.port + 10 + i)
        assert wait_until(lambda d=direct: d.get("/api/events/").status == 200, 15, 0.5), f"backend-{i}"

    # Counters equal rows; a join either happened entirely or not at all.
    for eid, (confirmed, confirmed_rows, waiting, waiting_rows) in counters_match_rows(cluster, event_ids).items():
        assert (confirmed, waiting) == (confirmed_rows, waiting_rows), eid
        assert confirmed <= 8
    ids = ",".join(map(str, event_ids))
    rows = int(cluster.sql(f"SELECT count(*) FROM events_participation WHERE event_id IN ({ids})"))
    accepted = len([o for o in result.of("join") if o.status == 201])
    assert accepted <= rows <= len(result.of("join")), (accepted, rows)

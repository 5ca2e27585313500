"""Setup shared by the chaos tests: people with tokens, published mutirões, database checks."""

from __future__ import annotations

import re
from pathlib import Path

from cluster import api
from cluster.conftest import source_ips
from waiting import wait_until  # deploy/native, put on sys.path by tests/chaos/conftest.py

__all__ = ["wait_until"]


def people(cluster, n: int) -> list[dict]:
    """n registered people with an access token, each from its own address (auth limit: 10/min)."""
    out = []
    for ip in source_ips(n):
        c = cluster.client(ip)
        person = api.register(c)
        out.append({**person, "access": api.token(c, person["email"])})
    return out


def events(cluster, organizer: dict, n: int, capacity: int) -> list[int]:
    c = cluster.client(source_ips(1)[0])
    return [api.create_event(c, organizer["access"], capacity=capacity) for _ in range(n)]


def counters_match_rows(cluster, event_ids: list[int]) -> dict[int, tuple[int, int, int, int]]:
    """event id -> (confirmed_count, confirmed rows, waitlist_count, waitlisted rows)."""
    ids = ",".join(map(str, event_ids))
    rows = cluster.sql(
        "SELECT e.id, e.confirmed_count, "
        "(SELECT count(*) FROM events_participation p WHERE p.event_id = e.id AND p.status = 'confirmed'), "
        "e.waitlist_count, "
        "(SELECT count(*) FROM events_participation p WHERE p.event_id = e.id AND p.status = 'waitlisted') "
        f"FROM events_event e WHERE e.id IN ({ids}) ORDER BY e.id"
    )
    out = {}
    for line in rows.splitlines():
        eid, *nums = (int(x) for x in line.split("|"))
        out[eid] = tuple(nums)
    return out


def mail_message_ids(mail_dir: Path) -> list[int]:
    """Notification ids of every email the file backend wrote (one entry per message written)."""
    found: list[int] = []
    for path in mail_dir.glob("*"):
        if path.is_file():
            found += [
                int(x)
                for x in re.findall(
                    r"^Message-ID: <notificacao-(\d+)\.",
                    path.read_text(errors="replace"),
                    flags=re.MULTILINE | re.IGNORECASE,
                )
            ]
    return found

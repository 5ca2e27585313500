"""What one client must not get: secrets in the logs, and (test_fairness.py) more than its share."""

from __future__ import annotations

import time

from .conftest import source_ips


def access_logs(logs) -> str:
    """nginx's access log and every replica's (Gunicorn access lines). nginx's error log is not
    one: it records the request line of a failed upstream connection, for the operator."""
    paths = [logs / "nginx-access.log", *sorted(logs.glob("backend-*.log"))]
    return "".join(p.read_text(errors="replace") for p in paths)


def test_the_calendar_feed_token_stays_out_of_the_access_logs(cluster):
    c = cluster.client(source_ips(1)[0])
    secret = "feedsecret-" + "Zk3" * 8
    r = c.get(f"/api/users/me/calendar.ics?lang=pt&token={secret}&x=1")
    assert r.status == 404, r.status  # no such feed; the line is logged all the same
    rid = r.headers["x-request-id"]
    logs = cluster.state / "logs"
    deadline = time.monotonic() + 10
    while rid not in (logs / "nginx-access.log").read_text():
        assert time.monotonic() < deadline, "the request never reached nginx's access log"
        time.sleep(0.2)
    nginx_line = next(line for line in (logs / "nginx-access.log").read_text().splitlines() if rid in line)
    assert "token=[redacted]&x=1" in nginx_line, nginx_line
    assert secret not in access_logs(logs)


def test_an_unlisted_mutiraos_share_token_stays_out_of_the_access_log(cluster):
    c = cluster.client(source_ips(1)[0])
    secret = "sharesecret-" + "Qw7" * 6
    r = c.get(f"/eventos/1?convite={secret}")
    rid = r.headers["x-request-id"]
    api = c.get(f"/api/events/1/calendar.ics?share={secret}")
    logs = cluster.state / "logs"
    deadline = time.monotonic() + 10
    while api.headers["x-request-id"] not in (logs / "nginx-access.log").read_text():
        assert time.monotonic() < deadline, "the request never reached nginx's access log"
        time.sleep(0.2)
    text = (logs / "nginx-access.log").read_text()
    assert rid in text and "convite=[redacted]" in text and "share=[redacted]" in text
    assert secret not in access_logs(logs)

"""Metrics, structured logs and the request id, at the HTTP level (in-process metric values:
the tests run without PROMETHEUS_MULTIPROC_DIR; tests/cluster/test_monitoring.py proves the
multiprocess listeners on a running cluster)."""

import json
import logging

import pytest
from celery import signals
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from prometheus_client import REGISTRY

from mutiroes.core.logs import JsonFormatter
from mutiroes.core.middleware import UNMATCHED_ROUTE, current_request_id, request_id_bind, request_id_reset
from mutiroes.core.task_signals import REQUEST_ID_HEADER
from mutiroes.events.models import Participation

pytestmark = pytest.mark.django_db


def value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def records(caplog, logger: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == logger]


def test_requests_are_counted_by_route_template_method_and_status(api, event):
    route = "api/events/<int:event_id>/"
    ok_before = value("mutiroes_http_requests_total", route=route, method="GET", status="200")
    missing_before = value("mutiroes_http_requests_total", route=route, method="GET", status="404")
    latency_before = value("mutiroes_http_request_duration_seconds_count", route=route, method="GET")

    assert api.get(f"/api/events/{event.pk}/").status_code == 200
    assert api.get("/api/events/987654321/").status_code == 404

    assert value("mutiroes_http_requests_total", route=route, method="GET", status="200") == ok_before + 1
    assert value("mutiroes_http_requests_total", route=route, method="GET", status="404") == missing_before + 1
    assert value("mutiroes_http_request_duration_seconds_count", route=route, method="GET") == latency_before + 2
    # the raw path never becomes a label
    assert (
        REGISTRY.get_sample_value(
            "mutiroes_http_requests_total", {"route": f"api/events/{event.pk}/", "method": "GET", "status": "200"}
        )
        is None
    )


def test_a_path_no_route_matches_is_one_series(api):
    before = value("mutiroes_http_requests_total", route=UNMATCHED_ROUTE, method="GET", status="404")
    api.get("/api/nada-aqui/1/")
    api.get("/api/nada-aqui/2/")
    assert value("mutiroes_http_requests_total", route=UNMATCHED_ROUTE, method="GET", status="404") == before + 2


def test_invented_methods_share_one_series(api):
    before = value("mutiroes_http_requests_total", route="api/health/", method="other", status="405")
    for method in ("FOO", "BAR"):
        assert api.generic(method, "/api/health/").status_code == 405
    assert value("mutiroes_http_requests_total", route="api/health/", method="other", status="405") == before + 2
    assert (
        REGISTRY.get_sample_value(
            "mutiroes_http_requests_total", {"route": "api/health/", "method": "FOO", "status": "405"}
        )
        is None
    )


def test_sql_queries_of_a_request_are_counted_and_timed(client_for, user):
    route = "api/users/me/"
    sum_before = value("mutiroes_http_request_db_queries_sum", route=route)
    count_before = value("mutiroes_http_request_db_queries_count", route=route)
    timed_before = value("mutiroes_db_query_duration_seconds_count")
    client = client_for(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/users/me/").status_code == 200
    assert len(queries) > 0
    assert value("mutiroes_http_request_db_queries_count", route=route) == count_before + 1
    assert value("mutiroes_http_request_db_queries_sum", route=route) == sum_before + len(queries)
    assert value("mutiroes_db_query_duration_seconds_count") == timed_before + len(queries)


def test_cache_reads_are_counted_as_misses_then_hits(api, event):
    misses, hits = (
        value("mutiroes_cache_requests_total", result="miss"),
        value("mutiroes_cache_requests_total", result="hit"),
    )
    api.get("/api/events/")  # anonymous list: the page and its count are cached
    assert value("mutiroes_cache_requests_total", result="miss") == misses + 2
    assert value("mutiroes_cache_requests_total", result="hit") == hits
    api.get("/api/events/")
    assert value("mutiroes_cache_requests_total", result="hit") == hits + 1


def test_throttled_requests_are_counted_by_scope(api):
    before = value("mutiroes_throttled_requests_total", scope="auth")
    statuses = [
        api.post("/api/auth/token/", {"email": "x@exemplo.com", "password": "errada"}, format="json").status_code
        for _ in range(22)
    ]
    assert statuses.count(429) == 2
    assert value("mutiroes_throttled_requests_total", scope="auth") == before + 2


def test_one_json_log_line_per_request_with_id_replica_user_route_status_and_duration(client_for, user, caplog):
    caplog.set_level(logging.INFO, logger="mutiroes.request")
    response = client_for(user).get("/api/users/me/", HTTP_X_REQUEST_ID="req-abc-12345")
    assert response["X-Request-ID"] == "req-abc-12345"
    [record] = records(caplog, "mutiroes.request")
    line = json.loads(JsonFormatter().format(record))
    assert line["event"] == "request"
    assert line["request_id"] == "req-abc-12345"
    assert line["replica"] == response["X-Replica"]
    assert line["user_id"] == user.pk
    assert (line["method"], line["route"], line["path"], line["status"]) == (
        "GET",
        "api/users/me/",
        "/api/users/me/",
        200,
    )
    assert line["duration_ms"] >= 0 and line["db_queries"] >= 1
    formatted = JsonFormatter().format(record)
    assert user.email not in formatted and user.first_name not in formatted


def test_an_error_line_never_carries_the_query_string(rf):
    request = rf.get("/api/users/me/calendar.ics", {"token": "segredo-do-calendario"})
    record = logging.makeLogRecord({"name": "django.request", "msg": "Internal Server Error: %s"})
    record.args = (request.path,)
    record.request, record.status_code = request, 500
    line = json.loads(JsonFormatter().format(record))
    assert line["msg"] == "Internal Server Error: /api/users/me/calendar.ics" and line["status_code"] == 500
    assert "segredo-do-calendario" not in json.dumps(line)


def test_anonymous_request_is_logged_without_a_user(api, caplog):
    caplog.set_level(logging.INFO, logger="mutiroes.request")
    api.get("/api/health/")
    [record] = records(caplog, "mutiroes.request")
    assert record.user_id is None and record.status == 200 and record.route == "api/health/"


def test_the_request_id_goes_into_the_headers_of_the_tasks_the_request_enqueues():
    headers: dict[str, str] = {}
    token = request_id_bind("req-signup-1")
    try:
        signals.before_task_publish.send(sender="mutiroes.x", headers=headers, body=None)
    finally:
        request_id_reset(token)
    assert headers == {REQUEST_ID_HEADER: "req-signup-1"}
    # outside a request nothing is added
    empty: dict[str, str] = {}
    signals.before_task_publish.send(sender="mutiroes.x", headers=empty, body=None)
    assert empty == {} and current_request_id() == "-"


@pytest.mark.django_db(
    transaction=True, serialized_rollback=True
)  # real commits: the e-mail task is enqueued inside the request
def test_one_grep_follows_a_sign_up_to_its_email(api, caplog):
    caplog.set_level(logging.INFO, logger="mutiroes")
    signups = value("mutiroes_signups_total")
    response = api.post(
        "/api/auth/register/",
        {"email": "nova@exemplo.com.br", "password": "uma-senha-bem-forte-42", "first_name": "Nova"},
        format="json",
        HTTP_X_REQUEST_ID="req-signup-2",
    )
    assert response.status_code == 201
    assert len(mail.outbox) == 1
    assert value("mutiroes_signups_total") == signups + 1
    tasks = [r for r in records(caplog, "mutiroes.task") if r.request_id == "req-signup-2"]
    assert [r.task for r in tasks] == ["mutiroes.notifications.tasks.notification_email_send"]
    assert tasks[0].state == "succeeded" and tasks[0].duration_ms >= 0
    assert (
        value(
            "mutiroes_celery_tasks_total",
            task="mutiroes.notifications.tasks.notification_email_send",
            state="succeeded",
        )
        >= 1
    )
    [request_line] = records(caplog, "mutiroes.request")
    assert request_line.request_id == "req-signup-2" and request_line.status == 201
    assert "nova@exemplo.com.br" not in "".join(JsonFormatter().format(r) for r in caplog.records)


def test_joins_are_counted_by_status_only_when_they_happen(client_for, user, event, django_capture_on_commit_callbacks):
    before = value("mutiroes_joins_total", status="confirmed")
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(user).post(f"/api/events/{event.pk}/join/", {}, format="json").status_code == 201
    assert value("mutiroes_joins_total", status="confirmed") == before + 1
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(user).post(f"/api/events/{event.pk}/join/", {}, format="json").status_code == 409
    assert value("mutiroes_joins_total", status="confirmed") == before + 1
    assert Participation.objects.filter(event=event).count() == 1


def test_publishing_is_counted(client_for, organizer, make_event, django_capture_on_commit_callbacks):
    draft = make_event(status="draft")
    before = value("mutiroes_events_published_total")
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(organizer).post(f"/api/events/{draft.pk}/publish/").status_code == 200
    assert value("mutiroes_events_published_total") == before + 1


def test_the_fault_route_does_not_exist_without_the_test_setting(api):
    assert api.get("/api/test-faults/error/").status_code == 404


def test_a_200_read_tells_nginx_to_keep_it_only_to_the_end_of_its_second(api, event, monkeypatch):
    monkeypatch.setattr("mutiroes.core.middleware.time.time", lambda: 1_800_000_000.97)
    ok = api.get(f"/api/events/{event.id}/")
    assert ok.status_code == 200 and ok["X-Accel-Expires"] == "@1800000000"
    listing = api.get("/api/events/")
    assert listing.status_code == 200 and listing["X-Accel-Expires"] == "@1800000000"
    # nothing else is ever kept: errors and writes carry no freshness
    missing = api.get("/api/events/999999/")
    assert missing.status_code == 404 and "X-Accel-Expires" not in missing
    refused = api.post("/api/events/", {}, format="json")
    assert refused.status_code == 401 and "X-Accel-Expires" not in refused

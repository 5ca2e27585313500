"""Request context: the replica's name on every response, the request id in logs and tasks,
and one log line plus the Prometheus metrics per request."""

import contextvars
import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse

from mutiroes.core import metrics

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_share_token: contextvars.ContextVar[str] = contextvars.ContextVar("share_token", default="")
_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
UNMATCHED_ROUTE = "<unmatched>"
# Any token is a method to nginx and Django: label the known ones, so that a client cannot grow
# the number of series by inventing methods.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

request_logger = logging.getLogger("mutiroes.request")


def current_request_id() -> str:
    """The id of the request (or of the task's originating request) being served; "-" if none."""
    return _request_id.get()


def request_id_bind(value: str | None) -> contextvars.Token[str]:
    """Bind a request id to the current context (a Celery task that a request enqueued)."""
    return _request_id.set(value if value and _REQUEST_ID_RE.match(value) else "-")


def request_id_reset(token: contextvars.Token[str]) -> None:
    _request_id.reset(token)


class _QueryTimer:
    """connection.execute_wrapper: counts and times the SQL a request runs."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            metrics.DB_QUERY_DURATION.observe(time.perf_counter() - started)


def route_of(request: HttpRequest) -> str:
    """The URL pattern that answered (`api/events/<int:pk>/join/`), never the raw path: one
    series per route, whatever ids the path carries."""
    match = getattr(request, "resolver_match", None)
    return (match.route or match.view_name or UNMATCHED_ROUTE) if match else UNMATCHED_ROUTE


def _user_id(request: HttpRequest) -> int | None:
    user = getattr(request, "user", None)  # DRF sets the authenticated user on the HttpRequest
    return user.pk if user is not None and user.is_authenticated else None


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex
        token = _request_id.set(request_id)
        # The link of an unlisted mutirão: `X-Share-Token` (the web app) or `?share=` (calendar apps).
        share = _share_token.set(request.headers.get("X-Share-Token") or request.GET.get("share", ""))
        timer = _QueryTimer()
        started = time.perf_counter()
        try:
            with connection.execute_wrapper(timer):
                response = self.get_response(request)
            duration = time.perf_counter() - started
            route, status = route_of(request), response.status_code
            method = request.method if request.method in METHODS else "other"
            metrics.HTTP_REQUESTS.labels(route=route, method=method, status=str(status)).inc()
            metrics.HTTP_LATENCY.labels(route=route, method=method).observe(duration)
            metrics.DB_QUERIES_PER_REQUEST.labels(route=route).observe(timer.count)
            request_logger.info(
                "%s %s %s",
                method,
                route,
                status,
                extra={
                    "event": "request",
                    "method": method,
                    "route": route,
                    "path": request.path,
                    "status": status,
                    "duration_ms": round(duration * 1000, 1),
                    "db_queries": timer.count,
                    "user_id": _user_id(request),
                },
            )
        finally:
            _request_id.reset(token)
            _share_token.reset(share)
        response["X-Replica"] = settings.REPLICA_NAME
        response["X-Request-ID"] = request_id
        if response.status_code == 200 and request.method in ("GET", "HEAD"):
            # For nginx's micro-cache (nginx/nginx.conf.template; nginx never passes it on): an
            # anonymous read it keeps is served only until the end of the second it was made in,
            # so never more than 1 s old. Locations without the cache ignore it.
            response["X-Accel-Expires"] = f"@{int(time.time())}"
        return response


class RequestContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        record.replica = settings.REPLICA_NAME
        return True


def requested_share_token() -> str:
    """The share token this request came with ("" when none): see `events.rules.can_see`."""
    return _share_token.get()

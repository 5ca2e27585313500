"""Injected faults for the test clusters, routed only when DJANGO_TEST_FAULTS=1 (never in
production): `GET /api/test-faults/error/` fails with an unhandled exception, which Django
answers with a 500, so the cluster tests can count 5xx answers in Prometheus."""

from django.http import HttpRequest, HttpResponse
from django.urls import path


class InjectedFault(Exception):
    pass


def error(request: HttpRequest) -> HttpResponse:
    raise InjectedFault("fault injected by a test (DJANGO_TEST_FAULTS=1)")


urlpatterns = [path("error/", error, name="test-faults-error")]

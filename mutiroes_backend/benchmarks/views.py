"""Reference views for `make bench`, routed only when BENCH_MINIMAL_VIEW=1 (see bench/README.md).

`noop` is N_min, the reference of the benchmark: a plain Django view behind the whole
middleware stack, no DRF, no database, no cache. `noop_auth` is the same answer through DRF
with the API's authentication, permission and throttles, to measure what they cost.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView


def noop(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b'{"status":"ok"}', content_type="application/json")


class NoopAuthView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(exclude=True)
    def get(self, request: Request) -> Response:
        return Response({"status": "ok", "user": request.user.pk})


urlpatterns = [
    path("noop/", noop, name="bench-noop"),
    path("noop-auth/", NoopAuthView.as_view(), name="bench-noop-auth"),
]

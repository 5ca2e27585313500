import threading
from typing import Any, ClassVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import defaults
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mutiroes.core.health import readiness

HealthSerializer = inline_serializer(
    name="Health", fields={"status": serializers.CharField(), "replica": serializers.CharField()}
)
ReadinessSerializer = inline_serializer(
    name="Readiness",
    fields={
        "status": serializers.CharField(),
        "replica": serializers.CharField(),
        "checks": serializers.DictField(child=serializers.CharField()),
    },
)


class HealthView(APIView):
    """Liveness: answers while the process serves. Touches no database."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes: list = []

    @extend_schema(responses={200: HealthSerializer}, auth=[])
    def get(self, request: Request) -> Response:
        return Response({"status": "ok", "replica": settings.REPLICA_NAME})


class ReadinessView(APIView):
    """Readiness: PostgreSQL, Redis and at least one Celery worker answer."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes: list = []

    @extend_schema(responses={200: ReadinessSerializer, 503: ReadinessSerializer}, auth=[])
    def get(self, request: Request) -> Response:
        healthy, checks = readiness()
        body = {"status": "ok" if healthy else "unavailable", "replica": settings.REPLICA_NAME, "checks": checks}
        return Response(body, status=200 if healthy else 503)


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema, generated once per process and language: it changes only with the code.

    Generating it takes a large part of a second of CPU; anyone may ask for it, as often as
    they like, with any query string. Unknown languages (`?lang=`) get the default one.
    """

    _schemas: ClassVar[dict[str, Any]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def _get_schema_response(self, request: Request) -> Response:
        supported = {code for code, _name in settings.LANGUAGES}
        language = translation.get_language() if translation.get_language() in supported else settings.LANGUAGE_CODE
        with self._lock:
            schema = self._schemas.get(language)
            if schema is None:
                with translation.override(language):
                    schema = super()._get_schema_response(request).data
                self._schemas[language] = schema
        filename = self._get_filename(request, None)
        return Response(data=schema, headers={"Content-Disposition": f'inline; filename="{filename}"'})


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 for URLs no view matches: the API's JSON error shape under /api/, HTML elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found."), "code": "not_found"}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Internal error. Please try again."), "code": "server_error"}, status=500)
    return defaults.server_error(request)

import threading
from typing import Any, ClassVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import defaults
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import SCHEMA_KWARGS, SpectacularAPIView
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
    """The OpenAPI schema, generated and rendered once per process, language and format: it changes
    only with the code.

    Generating it takes a large part of a second of CPU and rendering it as YAML a good part of
    that again; anyone may ask for it, as often as they like, with any query string. Unknown
    languages (`?lang=`) get the default one.
    """

    _rendered: ClassVar[dict[tuple[str, str], tuple[str | bytes, str]]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    @extend_schema(**SCHEMA_KWARGS)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponse:
        supported = {code for code, _name in settings.LANGUAGES}
        wanted = request.GET.get("lang") or translation.get_language()
        language = wanted if wanted in supported else settings.LANGUAGE_CODE
        renderer, media_type = self.perform_content_negotiation(request)
        key = (language, renderer.format)
        with self._lock:
            if key not in self._rendered:
                with translation.override(language):
                    schema = self._get_schema_response(request).data  # type: ignore[no-untyped-call]  # drf-spectacular
                    content = renderer.render(schema, media_type, {"request": request, "response": None})
                self._rendered[key] = (content, media_type)
            content, media_type = self._rendered[key]
        response = HttpResponse(content, content_type=media_type)
        filename = self._get_filename(request, None)  # type: ignore[no-untyped-call]  # drf-spectacular
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 for URLs no view matches: the API's JSON error shape under /api/, HTML elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found."), "code": "not_found"}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Internal error. Please try again."), "code": "server_error"}, status=500)
    return defaults.server_error(request)

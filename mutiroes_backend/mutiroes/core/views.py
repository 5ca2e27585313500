from django.conf import settings
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mutiroes.core.services import readiness

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

import threading
from collections.abc import Callable
from typing import IO, Any, ClassVar, TypedDict, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import defaults
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import SCHEMA_KWARGS, SpectacularAPIView
from rest_framework import serializers
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mutiroes.core.health import readiness
from mutiroes.core.schema import errors
from mutiroes.core.serializers import ImageUploadInputSerializer

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


class ImageUpload(TypedDict):
    """An uploaded image as the image services take it."""

    upload: IO[bytes]
    size: int


class ImageUploadView(APIView):
    # The image of one object (a mutirão's cover, a collective's logo, one's avatar): a multipart
    # PUT of `image` replaces it, a DELETE removes it; signed-in users only, the service decides
    # who may. No docstring here: drf-spectacular would make it every subclass's description.

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]

    @staticmethod
    def uploaded_image(request: Request) -> ImageUpload:
        """The request's `image` as the service's `upload` and `size`, or a 400 with the message per
        field (the content is checked by `mutiroes.core.images.image_clean`, in the service)."""
        serializer = ImageUploadInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        image = serializer.validated_data["image"]
        return {"upload": image, "size": image.size}


_View = TypeVar("_View", bound=Callable[..., Any])


def image_upload_schema(output: type[serializers.BaseSerializer], *codes: int) -> Callable[[_View], _View]:
    """The OpenAPI of an image PUT: multipart `image` in; `output` (200) or 400, 401, `codes`, 413 out."""
    decorate: Callable[[_View], _View] = extend_schema(
        request={"multipart/form-data": ImageUploadInputSerializer},
        responses={200: output, **errors(400, 401, *codes, 413)},
    )
    return decorate


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 for URLs no view matches: the API's JSON error shape under /api/, HTML elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found."), "code": "not_found"}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Internal error. Please try again."), "code": "server_error"}, status=500)
    return defaults.server_error(request)

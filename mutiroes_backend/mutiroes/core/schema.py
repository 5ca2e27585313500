"""OpenAPI helpers: the one error shape, documented on every endpoint."""

from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

ErrorSerializer = inline_serializer(
    name="Error",
    fields={
        "detail": serializers.CharField(),
        "code": serializers.CharField(),
        "errors": serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False),
    },
)

_DESCRIPTIONS = {
    400: "Invalid input; `errors` holds the messages per field.",
    401: "Not authenticated.",
    403: "Not allowed.",
    404: "Not found or not visible to you.",
    409: "Conflicts with the current state.",
    413: "Too large.",
    429: "Too many requests.",
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {code: OpenApiResponse(ErrorSerializer, description=_DESCRIPTIONS[code]) for code in codes}

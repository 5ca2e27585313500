"""OpenAPI helpers: the one error shape, documented on every endpoint."""

from drf_spectacular import openapi
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
    422: "The idempotency key was already used for a different request; nothing changed.",
    429: "Too many requests.",
    503: "Temporarily unavailable (the database is restarting); retry after `Retry-After` seconds.",
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {code: OpenApiResponse(ErrorSerializer, description=_DESCRIPTIONS[code]) for code in codes}


def standard_errors_hook(result: dict, generator: object, request: object, public: bool) -> dict:
    """drf-spectacular postprocessing: errors every operation can answer, documented once.

    Every operation may be throttled (429) or meet a restarting database (503); paginated lists
    answer 400 for a bad page size and 404 for a page past the end.
    """
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            wanted = [429, 503]
            if any(p.get("name") == "page" for p in operation.get("parameters", [])):
                wanted += [400, 404]
            for code in wanted:
                responses.setdefault(
                    str(code),
                    {
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                        "description": _DESCRIPTIONS[code],
                    },
                )
    return result


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, plus the body of a DELETE that takes one (erasing one's account
    asks for the password): a view says so with `delete_has_body = True`."""

    def _get_request_body(self, direction: str = "request") -> dict | None:
        if self.method != "DELETE" or not getattr(self.view, "delete_has_body", False):
            return super()._get_request_body(direction)
        self.method = "POST"
        try:
            return super()._get_request_body(direction)
        finally:
            self.method = "DELETE"

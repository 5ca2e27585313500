"""The one way a test checks that the API refused something: status, code and message, exactly."""

from typing import Any

from rest_framework.response import Response


def assert_refused(response: Response, status: int, code: str, message: str, **errors: list[str]) -> dict[str, Any]:
    """The response is the API's one error shape with this status, code and pt-BR message (and,
    when given, exactly these field errors). Returns the body for further checks."""
    body = response.json()
    assert (response.status_code, body.get("code"), body.get("detail")) == (status, code, message), body
    if errors:
        assert body.get("errors") == errors, body
    return body

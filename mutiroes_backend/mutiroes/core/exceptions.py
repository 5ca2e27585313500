"""One error type, one handler, one JSON error shape.

Every error response is `{"detail": str, "code": str}`; validation errors add
`"errors": {field: [messages]}`. Services raise `ApplicationError` (or a subclass);
the handler turns it, and DRF's and Django's own errors, into that shape.
"""

import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError as DatabaseInterfaceError
from django.db import OperationalError as DatabaseOperationalError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger(__name__)


class ApplicationError(Exception):
    """A rule of the domain refused the action. Nothing was changed."""

    status_code: int = status.HTTP_400_BAD_REQUEST
    default_code = "invalid"

    def __init__(self, message: Any, *, code: str | None = None, errors: dict | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code or self.default_code
        self.errors = errors


class Conflict(ApplicationError):
    """The action conflicts with the current state (409)."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class Forbidden(ApplicationError):
    status_code = status.HTTP_403_FORBIDDEN
    default_code = "permission_denied"


class TooManyRequests(ApplicationError):
    """A rule's rate limit (e.g. an organizer's messages per day) refused the action (429)."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "too_many_requests"


class NotFound(ApplicationError):
    status_code = status.HTTP_404_NOT_FOUND
    default_code = "not_found"


def _flatten(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """Field errors as `{"field": [messages]}`; nested ones get dotted keys (`items.0.kind`)."""
    if isinstance(detail, dict):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            flat.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        flat = {}
        for index, item in enumerate(detail):
            if item:
                flat.update(_flatten(item, f"{prefix}.{index}" if prefix else str(index)))
        return flat
    messages = detail if isinstance(detail, list) else [detail]
    return {prefix or "non_field_errors": [str(message) for message in messages]}


def exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, ApplicationError):
        body: dict[str, Any] = {"detail": str(exc.message), "code": exc.code}
        if exc.errors:
            body["errors"] = _flatten(exc.errors)
        return Response(body, status=exc.status_code)

    if isinstance(exc, DatabaseOperationalError | DatabaseInterfaceError):
        # PostgreSQL unreachable or restarting: a fast, honest 503 the client may retry.
        logger.warning("database unavailable: %s", exc)
        response = Response(
            {"detail": str(_("The service is temporarily unavailable. Try again in a moment.")), "code": "unavailable"},
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
        )
        response["Retry-After"] = "5"
        return response

    if isinstance(exc, DjangoValidationError):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(errors)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None

    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = {
            "detail": str(_("Invalid data. Check the fields.")),
            "code": "invalid",
            "errors": _flatten(detail),
        }
    elif isinstance(exc, exceptions.APIException):
        detail = exc.detail
        if isinstance(detail, dict) and "detail" in detail:
            message = detail["detail"]
            code = getattr(message, "code", None) or exc.default_code
        else:
            message = detail
            code = getattr(detail, "code", None) or exc.default_code
        response.data = {"detail": str(message), "code": str(code)}
    return response

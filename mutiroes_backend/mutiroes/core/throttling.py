"""DRF throttles that fail open when Redis is unreachable.

They are the second line: nginx's own limits, kept in nginx's memory, still hold
while Redis is down (see ARCHITECTURE.md, failure modes).
"""

import logging
from typing import TYPE_CHECKING

from rest_framework import throttling

from mutiroes.core.metrics import THROTTLED

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView

logger = logging.getLogger(__name__)


class _FailOpen:
    def allow_request(self, request: "Request", view: "APIView") -> bool:
        try:
            allowed = super().allow_request(request, view)  # type: ignore[misc]
        except Exception:
            logger.warning("throttle cache unavailable; failing open", exc_info=True)
            return True
        if not allowed:
            THROTTLED.labels(scope=getattr(self, "scope", None) or "-").inc()
        return allowed


class AnonRateThrottle(_FailOpen, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(_FailOpen, throttling.UserRateThrottle):
    pass


class ScopedRateThrottle(_FailOpen, throttling.ScopedRateThrottle):
    pass

"""Wrong event codes at self check-in: counted per person and mutirão, with a lockout.

The event's code is short (6 characters, shown on a poster at the mutirão), so guesses must
be few: after MAX_WRONG wrong codes the person waits LOCKOUT_SECONDS. Counted in the cache,
shared by every replica; if the cache is down the count fails open (the code is only asked
during the check-in window, of people already confirmed, and nginx's limits still hold).
"""

import logging

from django.core.cache import cache
from django.utils.translation import gettext as _
from rest_framework import status

from mutiroes.core.exceptions import ApplicationError

MAX_WRONG = 5
LOCKOUT_SECONDS = 15 * 60

logger = logging.getLogger(__name__)


class TooManyAttempts(ApplicationError):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "too_many_attempts"


def _key(*, event_id: int, user_id: int) -> str:
    return f"checkin:wrong:{event_id}:{user_id}"


def checkin_attempts_ensure_allowed(*, event_id: int, user_id: int) -> None:
    try:
        wrong = cache.get(_key(event_id=event_id, user_id=user_id), 0)
    except Exception:
        logger.warning("check-in attempt counter unavailable; failing open", exc_info=True)
        return
    if wrong >= MAX_WRONG:
        raise TooManyAttempts(_("Too many wrong codes. Ask the organizer to check you in, or try again in 15 minutes."))


def checkin_attempt_failed(*, event_id: int, user_id: int) -> None:
    key = _key(event_id=event_id, user_id=user_id)
    try:
        if cache.add(key, 1, timeout=LOCKOUT_SECONDS):
            return
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=LOCKOUT_SECONDS)
    except Exception:
        logger.warning("check-in attempt counter unavailable; failing open", exc_info=True)

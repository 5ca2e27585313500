"""Impact tasks. They take ids, are idempotent and only call services."""

from celery import shared_task
from django.db import OperationalError


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, retry_backoff_max=300, max_retries=5)
def user_badges_award(*, user_id: int) -> list[str]:
    from mutiroes.impact.services import badges_award

    return badges_award(user_id=user_id)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, retry_backoff_max=300, max_retries=5)
def event_badges_award(*, event_id: int) -> int:
    """Badges of a mutirão's organizer and of everyone who checked in."""
    from mutiroes.impact.services import badges_award, event_people_ids

    return sum(len(badges_award(user_id=user_id)) for user_id in event_people_ids(event_id=event_id))


@shared_task
def events_complete_due() -> int:
    """Beat: complete each finished mutirão, with what follows (report announced, badges)."""
    from mutiroes.impact.services import events_complete_due as complete

    return complete()


@shared_task
def impact_stats_refresh() -> None:
    """Beat: recompute the platform totals."""
    from mutiroes.impact.services import stats_refresh

    stats_refresh()

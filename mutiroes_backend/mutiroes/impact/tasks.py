"""Impact tasks. They take ids, are idempotent and only call services (services enqueue them by
name, so this module is the only one that imports both)."""

from celery import shared_task
from django.db import OperationalError

from mutiroes.impact import services


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, retry_backoff_max=300, max_retries=5)
def user_badges_award(*, user_id: int) -> list[str]:
    return services.badges_award(user_id=user_id)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, retry_backoff_max=300, max_retries=5)
def event_badges_award(*, event_id: int) -> int:
    """Badges of a mutirão's organizer and of everyone who attended."""
    return sum(len(services.badges_award(user_id=user_id)) for user_id in services.event_people_ids(event_id=event_id))


@shared_task
def events_complete_due() -> int:
    """Beat: complete each finished mutirão, with what follows (report announced, badges)."""
    return services.events_complete_due()


@shared_task
def impact_stats_refresh() -> None:
    """Beat: recompute the platform totals."""
    services.stats_refresh()

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
def impact_stats_refresh() -> None:
    """Beat: publish reports of mutirões completed since, award their badges, recompute the totals."""
    from mutiroes.impact.services import badges_award_recent, reports_publish_due, stats_refresh

    reports_publish_due()
    badges_award_recent()
    stats_refresh()

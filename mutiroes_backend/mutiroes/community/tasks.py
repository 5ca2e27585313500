"""Community tasks. They take ids, are idempotent and only call services."""

from celery import shared_task

from mutiroes.community.services import photo_thumbnail_create


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=300, max_retries=5)
def photo_thumbnail_make(*, photo_id: int) -> bool:
    return photo_thumbnail_create(photo_id=photo_id)

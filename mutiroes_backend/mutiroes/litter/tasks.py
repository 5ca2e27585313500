"""Litter tasks. They take ids, are idempotent and only call services."""

from celery import shared_task

from mutiroes.litter import services


@shared_task
def litter_reports_close(*, event_id: int) -> int:
    return services.reports_close_for_event(event_id=event_id)


@shared_task
def litter_reports_close_due() -> int:
    return services.reports_close_due()


@shared_task
def litter_resurveys_ask() -> int:
    return services.resurveys_ask()

"""Mutirão tasks: ids in, idempotent, no rules (see services)."""

from celery import shared_task

from mutiroes.events.services import series


@shared_task
def series_occurrences_generate() -> int:
    """Beat: create the occurrences of every recurring series due within the horizon (idempotent)."""
    return series.series_occurrences_generate()

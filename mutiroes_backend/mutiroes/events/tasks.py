"""Periodic mutirão work run by beat."""

from celery import shared_task


@shared_task
def events_complete_finished() -> int:
    """Beat: mark published mutirões whose end has passed as completed (idempotent)."""
    from mutiroes.events.services import events_complete_finished as complete

    return complete()

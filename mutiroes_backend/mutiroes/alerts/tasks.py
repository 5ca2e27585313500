"""Alert tasks. They take ids, are idempotent and hold no rules (see services)."""

from celery import shared_task

from mutiroes.alerts import services


@shared_task
def event_alerts_send(*, event_id: int) -> bool:
    """After a mutirão is published: record its fan-out (once) and start the first batch."""
    return services.alert_fanout_start(event_id=event_id) is not None


@shared_task
def alert_batch_send(*, fanout_id: int) -> bool:
    """Write one batch of a fan-out's notifications; the next batch is its own task."""
    return services.alert_batch_deliver(fanout_id=fanout_id)


@shared_task
def alert_digests_send() -> bool:
    """Beat (hourly): the daily digest e-mails of those due one, a batch per task."""
    return services.alert_digests_send()


@shared_task
def alerts_sweep() -> dict[str, int]:
    """Beat: restart stalled fan-outs and start those the broker lost."""
    return services.alerts_sweep()

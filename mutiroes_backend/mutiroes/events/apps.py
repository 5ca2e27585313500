from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "mutiroes.events"
    label = "events"

    def ready(self) -> None:
        # What this app does when a lower app's hook runs (mutiroes/core/hooks.py).
        from mutiroes.events import handlers

        handlers.connect()

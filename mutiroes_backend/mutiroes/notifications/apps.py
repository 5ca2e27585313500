from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "mutiroes.notifications"
    label = "notifications"

    def ready(self) -> None:
        # What this app does when a lower app's hook runs (mutiroes/core/hooks.py).
        from mutiroes.notifications import handlers

        handlers.connect()

from django.apps import AppConfig


class CollectivesConfig(AppConfig):
    name = "mutiroes.collectives"
    label = "collectives"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # What this app does when a lower app's hook runs (mutiroes/core/hooks.py).
        from mutiroes.collectives import handlers

        handlers.connect()

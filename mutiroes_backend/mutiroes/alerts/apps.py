from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "mutiroes.alerts"
    label = "alerts"
    verbose_name = "Alertas perto de mim"

    def ready(self) -> None:
        # What this app does when a lower app's hook runs (mutiroes/core/hooks.py).
        from mutiroes.alerts import handlers

        handlers.connect()

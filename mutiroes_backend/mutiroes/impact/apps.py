from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "mutiroes.impact"
    label = "impact"
    verbose_name = _("Impact")

    def ready(self) -> None:
        # What this app does when a lower app's hook runs (mutiroes/core/hooks.py).
        from mutiroes.impact import handlers

        handlers.connect()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LitterConfig(AppConfig):
    name = "mutiroes.litter"
    label = "litter"
    verbose_name = _("Litter reports")

    def ready(self) -> None:
        # What this app does when a lower app's hook runs (mutiroes/core/hooks.py).
        from mutiroes.litter import handlers

        handlers.connect()

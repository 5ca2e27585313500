from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LitterConfig(AppConfig):
    name = "mutiroes.litter"
    label = "litter"
    verbose_name = _("Litter reports")

from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "mutiroes.sharing"
    label = "sharing"
    verbose_name = "Compartilhamento"

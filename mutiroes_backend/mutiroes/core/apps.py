from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mutiroes.core"
    label = "core"

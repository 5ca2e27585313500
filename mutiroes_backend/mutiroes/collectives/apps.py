from django.apps import AppConfig


class CollectivesConfig(AppConfig):
    name = "mutiroes.collectives"
    label = "collectives"
    default_auto_field = "django.db.models.BigAutoField"

from django.apps import AppConfig


class FieldConfig(AppConfig):
    name = "mutiroes.field"
    label = "field"

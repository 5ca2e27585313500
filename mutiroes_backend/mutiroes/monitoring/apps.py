from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "mutiroes.monitoring"
    label = "monitoring"

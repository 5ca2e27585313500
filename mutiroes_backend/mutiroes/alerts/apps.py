from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "mutiroes.alerts"
    label = "alerts"
    verbose_name = "Alertas perto de mim"

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "mutiroes.notifications"
    label = "notifications"

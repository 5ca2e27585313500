from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "mutiroes.events"
    label = "events"

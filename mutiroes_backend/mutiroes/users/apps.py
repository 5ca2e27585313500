from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "mutiroes.users"
    label = "users"

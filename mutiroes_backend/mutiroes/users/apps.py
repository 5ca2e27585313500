from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "mutiroes.users"
    label = "users"

    def ready(self) -> None:
        # The OpenAPI description of our bearer authentication (a subclass of simplejwt's).
        from mutiroes.users import schema  # noqa: F401

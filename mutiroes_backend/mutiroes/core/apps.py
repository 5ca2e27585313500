from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mutiroes.core"
    label = "core"

    def ready(self) -> None:
        # Celery signal receivers: the request id into task headers, task metrics and log lines.
        from mutiroes.core import task_signals  # noqa: F401

from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CoreConfig(AppConfig):
    name = "mutiroes.core"
    label = "core"

    def ready(self) -> None:
        # Celery signal receivers: the request id into task headers, task metrics and log lines.
        from mutiroes.core import task_signals  # noqa: F401
        from mutiroes.core.search import register_sqlite_fold

        # Infrastructure, not a domain rule: SQLite learns the search's SQL function.
        connection_created.connect(register_sqlite_fold, dispatch_uid="mutiroes_sqlite_fold")

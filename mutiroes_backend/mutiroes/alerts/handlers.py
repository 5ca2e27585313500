"""What alerts does when an account is erased or exported (users/hooks.py); AppConfig.ready() connects it."""

from typing import Any

from mutiroes.alerts import selectors, services
from mutiroes.users import hooks as user_hooks
from mutiroes.users.models import User


def user_export_sections(*, user: User) -> dict[str, Any]:
    """The account export's part about alerts: the places the person watches."""
    return {"alert_areas": selectors.alert_areas_export(user=user)}


def connect() -> None:
    user_hooks.user_erasing.register(services.alerts_erase)
    user_hooks.user_exported.register(user_export_sections)

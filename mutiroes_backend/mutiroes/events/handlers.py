"""What events does when something happens to an account (users/hooks.py); AppConfig.ready() connects it."""

from mutiroes.events import selectors, services
from mutiroes.users import hooks as user_hooks


def connect() -> None:
    user_hooks.user_erasing.register(services.participations_erase_personal_data)
    user_hooks.user_exported.register(selectors.user_export_sections)

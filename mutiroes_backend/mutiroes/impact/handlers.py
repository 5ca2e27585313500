"""What impact does when an account is erased or exported (users/hooks.py); AppConfig.ready() connects it."""

from mutiroes.impact import selectors, services
from mutiroes.users import hooks as user_hooks


def connect() -> None:
    user_hooks.user_erasing.register(services.certificates_erase)
    user_hooks.user_exported.register(selectors.user_export_sections)

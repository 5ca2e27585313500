"""What collectives does when an account is erased or exported (users/hooks.py); AppConfig.ready() connects it."""

from mutiroes.collectives import selectors, services
from mutiroes.users import hooks as user_hooks


def connect() -> None:
    user_hooks.user_erasing.register(services.collectives_erase)
    user_hooks.user_exported.register(selectors.collectives_export)

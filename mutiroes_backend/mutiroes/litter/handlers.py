"""What litter does when an account is exported (users/hooks.py); AppConfig.ready() connects it.
An erased account's reports stay (a dirty place is public, environmental data), under the
anonymized account like its comments."""

from mutiroes.litter import selectors
from mutiroes.users import hooks as user_hooks


def connect() -> None:
    user_hooks.user_exported.register(selectors.user_export_sections)

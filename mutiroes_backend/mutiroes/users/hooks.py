"""What happens to an account that the apps above users follow (core/hooks.py). The account
services call these inside their transaction; each app registers its own part."""

from typing import Any

from mutiroes.core.hooks import hook
from mutiroes.users.models import User


@hook
def user_registered(*, user: User) -> object:
    """A new account was created (its welcome)."""


@hook
def user_erasing(*, user: User) -> object:
    """The account is being erased (LGPD): erase the personal data this app keeps about it."""


@hook
def user_exported(*, user: User) -> dict[str, Any]:
    """The account's data export: this app's sections (a key each), as plain JSON data."""
    return {}  # a declaration: the handlers answer

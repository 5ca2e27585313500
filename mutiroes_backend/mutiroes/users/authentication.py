"""Bearer tokens (simplejwt), with revocation: logout, password change, reset and erasure end
the access tokens already issued at once, not when they expire.

A valid access token costs no query: the claims carry the user's id, the revocation check is one
Redis round trip (`services.access_token_check`), and `request.user` is a `TokenUser` that
loads the row only when a view uses more than its id.
"""

from typing import Any

from django.utils.functional import SimpleLazyObject, empty
from django.utils.translation import gettext as _
from rest_framework_simplejwt import authentication
from rest_framework_simplejwt.exceptions import InvalidToken
from rest_framework_simplejwt.settings import api_settings


class TokenUser(SimpleLazyObject):
    """The user of a checked access token: id and authentication state without a query; any
    other attribute (or use as a model instance) loads the row once, as `User.objects.get`."""

    is_authenticated = True
    is_anonymous = False

    def __init__(self, user_id: int, loaded: Any = None) -> None:
        from mutiroes.users.models import User

        super().__init__(lambda: User.objects.get(pk=user_id))
        self.__dict__["_user_id"] = user_id
        if loaded is not None:
            self._wrapped = loaded

    @property
    def pk(self) -> int:
        return self.__dict__["_user_id"]

    @property
    def id(self) -> int:
        return self.__dict__["_user_id"]

    def __bool__(self) -> bool:
        return True


def user_row(user: Any) -> Any:
    """The User instance behind `request.user`, loaded now: for a view about to take a row lock
    that reads the user inside it (a join), so that the query is not made while holding the lock."""
    if isinstance(user, TokenUser):
        if user._wrapped is empty:
            user._setup()
        return user._wrapped
    return user


class JWTAuthentication(authentication.JWTAuthentication):
    def get_user(self, validated_token: Any) -> Any:
        # Imported here: DRF loads this class while its own settings (and ours) are still loading.
        from mutiroes.users.services import access_token_check

        try:
            user_id = int(validated_token[api_settings.USER_ID_CLAIM])
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidToken(_("Token contained no recognizable user identification")) from exc
        loaded = access_token_check(user_id=user_id, claims=validated_token)
        return TokenUser(user_id, loaded)

"""Reads about people: public profiles and the LGPD export."""

from typing import Any

from django.utils.translation import gettext as _

from mutiroes.core.compiled import CompiledRow
from mutiroes.core.exceptions import NotFound
from mutiroes.users import hooks
from mutiroes.users.models import User

# The user row by id, compiled once per process: every signed-in request that uses more than
# the token's id reads it (the access state's miss, a join's `user_row`).
_USER_ROW = CompiledRow(lambda user_id: User.objects.filter(pk=user_id).order_by()[:1], user_id=int)


def user_by_id(user_id: int) -> User | None:
    """`User.objects.filter(pk=user_id).first()`."""
    return _USER_ROW.first(user_id=user_id)


def user_get(user_id: int) -> User:
    """`User.objects.get(pk=user_id)`, with its exception."""
    user = user_by_id(user_id)
    if user is None:
        raise User.DoesNotExist(f"{User._meta.object_name} matching query does not exist.")
    return user


def user_get_public(*, user_id: int) -> User:
    user = User.objects.filter(pk=user_id, is_active=True, is_public=True).first()
    if user is None:
        raise NotFound(_("Profile not found."))
    return user


def user_get_by_calendar_token(*, token: str) -> User:
    """The owner of a personal calendar feed; the token is the credential."""
    user = User.objects.filter(calendar_token=token, is_active=True).first() if token else None
    if user is None:
        raise NotFound(_("Calendar not found."))
    return user


def user_export(*, user: User) -> dict[str, Any]:
    """Everything the platform keeps about a person, as plain data (LGPD art. 18): the profile,
    then each app's sections (its participations, notifications, stats and badges: users/hooks.py)."""
    profile = {
        "id": user.id,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "display_name": user.display_name,
        "bio": user.bio,
        "city": user.city,
        "state": user.state,
        "birth_date": user.birth_date.isoformat() if user.birth_date else None,
        "avatar": user.avatar.url if user.avatar else None,
        "interests": list(user.interests.values_list("slug", flat=True)),
        "is_public": user.is_public,
        "show_history": user.show_history,
        "date_joined": user.date_joined.isoformat(),
    }
    export: dict[str, Any] = {"profile": profile}
    for sections in hooks.user_exported(user=user):
        export.update(sections)
    return export

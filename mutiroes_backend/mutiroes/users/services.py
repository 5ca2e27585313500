"""Account rules: sign-up, profile, passwords, tokens and erasure (LGPD)."""

import logging
import uuid
from collections.abc import Mapping
from datetime import timedelta
from typing import IO, Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from mutiroes.core.exceptions import ApplicationError
from mutiroes.core.images import AVATAR, image_clean, image_name
from mutiroes.core.metrics import SIGNUPS, count_on_commit
from mutiroes.core.model_update import model_update
from mutiroes.core.queue import enqueue
from mutiroes.core.throttling import WindowCounter
from mutiroes.users import hooks, selectors
from mutiroes.users.models import User, new_calendar_token

logger = logging.getLogger(__name__)


class InvalidToken(ApplicationError):
    status_code = 401
    default_code = "token_not_valid"


def _validate_password(password: str, *, user: User | None = None, field: str = "password") -> None:
    try:
        password_validation.validate_password(password, user=user)
    except DjangoValidationError as exc:
        raise ApplicationError(_("Choose a stronger password."), errors={field: exc.messages}) from exc


@transaction.atomic
def user_register(*, email: str, password: str, first_name: str, last_name: str = "") -> User:
    email = email.strip().lower()
    candidate = User(email=email, first_name=first_name, last_name=last_name)
    _validate_password(password, user=candidate)
    if User.objects.filter(email=email).exists():
        raise ApplicationError(
            _("An account with this email already exists."),
            code="email_taken",
            errors={"email": [_("An account with this email already exists.")]},
        )
    try:
        with transaction.atomic():
            user = User.objects.create_user(email=email, password=password, first_name=first_name, last_name=last_name)
    except IntegrityError as exc:  # two sign-ups with the same email at once
        raise ApplicationError(
            _("An account with this email already exists."),
            code="email_taken",
            errors={"email": [_("An account with this email already exists.")]},
        ) from exc
    hooks.user_registered(user=user)
    count_on_commit(SIGNUPS)
    return user


PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "display_name",
    "bio",
    "city",
    "state",
    "birth_date",
    "is_public",
    "show_history",
)


@transaction.atomic
def user_update(*, user: User, data: dict[str, Any]) -> User:
    interests = data.pop("interests", None)
    changed = model_update(instance=user, fields=PROFILE_FIELDS, data=data)
    if changed:
        user.full_clean(exclude=["password"])
        user.save(update_fields=changed)
    if interests is not None:
        user.interests.set(interests)
    return user


@transaction.atomic
def user_avatar_set(*, user: User, upload: IO[bytes], size: int) -> User:
    """Replace the avatar with a checked, re-encoded copy of the upload."""
    clean = image_clean(upload, size=size, kind=AVATAR)
    old = user.avatar.name
    user.avatar.save(image_name(clean), ContentFile(clean.content), save=False)
    user.save(update_fields=["avatar"])
    if old:
        transaction.on_commit(lambda: user.avatar.storage.delete(old), robust=True)
    return user


@transaction.atomic
def user_avatar_delete(*, user: User) -> User:
    old = user.avatar.name
    if old:
        user.avatar = ""
        user.save(update_fields=["avatar"])
        transaction.on_commit(lambda: User.avatar.field.storage.delete(old), robust=True)
    return user


def _revoke_all_refresh_tokens(user: User) -> None:
    for outstanding in OutstandingToken.objects.filter(user=user, expires_at__gt=timezone.now()):
        BlacklistedToken.objects.get_or_create(token=outstanding)


def _revoke_all_tokens(user: User) -> None:
    """Every access and refresh token issued so far stops working (the generation moves on)."""
    User.objects.filter(pk=user.pk).update(token_generation=F("token_generation") + 1)
    user.token_generation = User.objects.values_list("token_generation", flat=True).get(pk=user.pk)
    access_state_forget(user.pk)
    _revoke_all_refresh_tokens(user)


# ---------------------------------------------------------------- tokens
# Claims: `gen` (the user's token generation when issued) and `sid` (the sign-in session: kept
# through refreshes, ended by logout). Access tokens copy both from their refresh token.
SESSION_REVOKED_KEY = "auth:session-revoked:{sid}"


def token_pair_for(*, user: User, session: str | None = None) -> dict[str, str]:
    refresh = RefreshToken.for_user(user)
    refresh["gen"] = user.token_generation
    refresh["sid"] = session or uuid.uuid4().hex
    return {"access": str(refresh.access_token), "refresh": str(refresh)}


# What an access token is checked against, per user, cached as long as an access token lives at
# most: the token generation, or INACTIVE for an account that is suspended or erased. Deleted on
# every change of the user row (signals) and of the generation (below), before and after commit.
ACCESS_STATE_KEY = "auth:access-state:{user_id}"
ACCESS_STATE_SECONDS = 10 * 60
INACTIVE = -1


def _access_state_load(user_id: int) -> tuple[int | None, User | None]:
    user = selectors.user_by_id(user_id)
    if user is None:
        return None, None
    return (user.token_generation if user.is_active else INACTIVE), user


def access_token_check(*, user_id: int, claims: Mapping[str, Any], counter: WindowCounter | None = None) -> User | None:
    """Refuse an access token (already verified) that was revoked: an older generation, an ended
    session, a suspended or erased account. One Redis round trip and no query when the user's
    state is cached; else one query, whose user row is returned (None means: not loaded).

    `counter` (the user throttle's window counter, `core.throttling.user_window_counter`) is
    counted in the same round trip, and its count left on it for the throttle; a refused
    token gives its count back, so that a revoked token cannot spend its user's budget.

    Redis down: the state comes from the database (the generation still holds) and an ended
    session is not known (fail open, as the throttles do).
    """
    state_key = ACCESS_STATE_KEY.format(user_id=user_id)
    sid = claims.get("sid")
    session_key = SESSION_REVOKED_KEY.format(sid=sid) if sid else None
    keys = [state_key, session_key] if session_key else [state_key]
    try:
        found: dict[str, Any] | None = cache.get_many(keys) if counter is None else counter.count_with(cache, keys)
    except Exception:
        logger.warning("access state cache unavailable; reading the database", exc_info=True)
        found = None
    try:
        return _access_state_check(
            user_id=user_id, claims=claims, found=found, state_key=state_key, session_key=session_key
        )
    except Exception:
        if counter is not None:
            counter.give_back()
        raise


def _access_state_check(
    *, user_id: int, claims: Mapping[str, Any], found: dict[str, Any] | None, state_key: str, session_key: str | None
) -> User | None:
    if found is not None and session_key is not None and found.get(session_key) is not None:
        raise _token_refused()
    loaded = None
    state = found.get(state_key) if found is not None else None
    if state is None:
        state, loaded = _access_state_load(user_id)
        if state is None:
            raise _token_refused(_("User not found"), code="user_not_found")
        if found is not None:
            try:
                cache.set(state_key, state, timeout=ACCESS_STATE_SECONDS)
            except Exception:
                logger.warning("access state cache unavailable on set", exc_info=True)
    if state == INACTIVE:
        raise _token_refused(_("User is inactive"), code="user_inactive")
    if int(claims.get("gen", 0)) != state:
        raise _token_refused()
    return loaded


def _token_refused(message: str | None = None, *, code: str = "token_not_valid") -> Exception:
    from rest_framework_simplejwt.exceptions import AuthenticationFailed

    return AuthenticationFailed(message or _("Token is invalid or expired."), code=code)


def access_state_forget(*user_ids: int) -> None:
    """The cached access state of these users is stale: read it again from the database.

    Now (so that nothing reads the old state from the cache while the change commits) and after
    commit (so that a request that read the database meanwhile does not keep the old state).
    """
    keys = [ACCESS_STATE_KEY.format(user_id=user_id) for user_id in user_ids]

    def forget() -> None:
        try:
            cache.delete_many(keys)
        except Exception:  # entries expire after ACCESS_STATE_SECONDS
            logger.warning("access state cache unavailable on delete", exc_info=True)

    forget()
    transaction.on_commit(forget, robust=True)


def _session_end(sid: str) -> None:
    lifetime = settings.SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"]
    assert isinstance(lifetime, timedelta)
    cache.set(SESSION_REVOKED_KEY.format(sid=sid), 1, timeout=int(lifetime.total_seconds()) + 60)


@transaction.atomic
def user_password_change(*, user: User, old_password: str, new_password: str) -> dict[str, str]:
    if not user.check_password(old_password):
        raise ApplicationError(
            _("The current password is wrong."),
            code="wrong_password",
            errors={"old_password": [_("The current password is wrong.")]},
        )
    _validate_password(new_password, user=user, field="new_password")
    user.set_password(new_password)
    user.save(update_fields=["password"])
    _revoke_all_tokens(user)
    # The session that changed the password goes on; every other one ends.
    return token_pair_for(user=user)


def user_password_reset_request(*, email: str) -> None:
    """Send a reset link if the account exists; answer the same either way."""
    user = User.objects.filter(email=email.strip().lower(), is_active=True).first()
    if user is not None and user.has_usable_password():
        # A broker outage is logged, never a 500: the answer must not tell which emails exist.
        enqueue("mutiroes.users.tasks.password_reset_email_send", user_id=user.id)


@transaction.atomic
def user_password_reset_confirm(*, uid: str, token: str, new_password: str) -> User:
    invalid = ApplicationError(_("This reset link is invalid or has expired."), code="invalid_reset_link")
    try:
        user_id = int(force_str(urlsafe_base64_decode(uid)))
        user = User.objects.select_for_update().get(pk=user_id, is_active=True)
    except (ValueError, TypeError, OverflowError, User.DoesNotExist) as exc:
        raise invalid from exc
    if not default_token_generator.check_token(user, token):
        raise invalid
    _validate_password(new_password, user=user, field="new_password")
    user.set_password(new_password)
    user.save(update_fields=["password"])
    _revoke_all_tokens(user)
    return user


def token_refresh(*, refresh: str) -> dict[str, str]:
    """Rotate a refresh token. A token is good for one rotation only, even under races."""
    try:
        token = RefreshToken(refresh)  # type: ignore[arg-type]  # the stubs miss that it takes the encoded token
    except TokenError as exc:
        raise InvalidToken(_("Token is invalid or expired.")) from exc
    jti = token.get("jti")
    user_id = token.get("user_id")
    with transaction.atomic():
        outstanding = OutstandingToken.objects.select_for_update().filter(jti=jti).first()
        if outstanding is None or BlacklistedToken.objects.filter(token=outstanding).exists():
            raise InvalidToken(_("Token is invalid or expired."))
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if user is None:
            raise InvalidToken(_("Token is invalid or expired."))
        if int(token.get("gen", 0)) != user.token_generation:
            raise InvalidToken(_("Token is invalid or expired."))
        BlacklistedToken.objects.create(token=outstanding)
        return token_pair_for(user=user, session=token.get("sid"))


def token_revoke(*, refresh: str, user: User) -> None:
    try:
        token = RefreshToken(refresh)  # type: ignore[arg-type]  # the stubs miss that it takes the encoded token
    except TokenError as exc:
        raise ApplicationError(_("Token is invalid or expired."), code="token_not_valid") from exc
    if str(token.get("user_id")) != str(user.id):
        raise ApplicationError(_("Token is invalid or expired."), code="token_not_valid")
    try:
        token.blacklist()
    except IntegrityError:  # already revoked
        pass
    if token.get("sid"):
        _session_end(str(token["sid"]))


@transaction.atomic
def calendar_token_rotate(*, user: User) -> str:
    user.calendar_token = new_calendar_token()
    user.save(update_fields=["calendar_token"])
    return user.calendar_token


@transaction.atomic
def user_erase(*, user: User, password: str) -> None:
    """Erase an account's personal data (LGPD) and keep anonymous activity for statistics."""
    if not user.check_password(password):
        raise ApplicationError(
            _("The password is wrong."), code="wrong_password", errors={"password": [_("The password is wrong.")]}
        )

    _revoke_all_tokens(user)
    hooks.user_erasing(user=user)  # the participations' and certificates' personal data
    if user.avatar:
        user.avatar.delete(save=False)
    user.email = f"removido-{user.id}@usuario-removido.invalid"
    user.first_name = ""
    user.last_name = ""
    user.display_name = ""
    user.bio = ""
    user.city = ""
    user.state = ""
    user.avatar = ""
    user.birth_date = None
    user.is_public = False
    user.show_history = False
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.calendar_token = new_calendar_token()
    user.deleted_at = timezone.now()
    user.set_unusable_password()
    user.save()
    user.interests.clear()
    user.groups.clear()
    user.user_permissions.clear()
    OutstandingToken.objects.filter(user=user).delete()


def token_obtain(*, email: str, password: str) -> dict[str, str]:
    from django.contrib.auth import authenticate

    user = authenticate(email=email.strip().lower(), password=password)
    if user is None or not user.is_active:
        raise InvalidToken(_("Wrong email or password."), code="invalid_credentials")
    return token_pair_for(user=user)

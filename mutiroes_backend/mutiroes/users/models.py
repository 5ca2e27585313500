import secrets
from datetime import datetime

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mutiroes.core.brazil import UF_CHOICES


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


def user_name(*, display_name: str, first_name: str, last_name: str, deleted_at: datetime | None) -> str:
    """The name others see (`User.name`, from the columns of a row read with `.values()`)."""
    if deleted_at:
        return str(_("Removed user"))
    return display_name or f"{first_name} {last_name}".strip()


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: object) -> "User":
        if not email:
            raise ValueError("An email is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> "User":
        return self.get(email=(username or "").lower())


class User(AbstractBaseUser, PermissionsMixin):
    """A person. The email (stored lower-case, unique) is the login."""

    email = models.EmailField(_("email"), max_length=254, unique=True)
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80, blank=True)
    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    bio = models.TextField(_("bio"), max_length=1000, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    state = models.CharField(_("state"), max_length=2, choices=UF_CHOICES, blank=True)
    avatar = models.ImageField(_("avatar"), upload_to="avatars/%Y/%m/", blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    interests = models.ManyToManyField("events.Category", blank=True, related_name="+")
    is_public = models.BooleanField(_("public profile"), default=False)
    show_history = models.BooleanField(_("show history on the public profile"), default=False)
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token, editable=False)
    # Every token carries the generation it was issued in; a password change, a reset or an
    # erasure moves it on, and every older access and refresh token stops working at once.
    token_generation = models.PositiveIntegerField(default=0, editable=False)

    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="users_user_email_ci_unique"),
        ]
        indexes = [models.Index(fields=["city", "state"], name="users_user_city_state_idx")]

    def __str__(self) -> str:
        return self.email

    @property
    def name(self) -> str:
        return user_name(
            display_name=self.display_name,
            first_name=self.first_name,
            last_name=self.last_name,
            deleted_at=self.deleted_at,
        )

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.first_name

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A login. Who the person is (name, organisation, roles) lives on ``networks.Person``."""

    email = models.EmailField(_("e-mail address"), unique=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("platform admin"),
        default=False,
        help_text=_("May use the Django admin (the operator of this installation)."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="nl"
    )
    session_version = models.PositiveIntegerField(
        _("session version"),
        default=0,
        editable=False,
        help_text=_(
            "Raised to end every other session of this login: after two-factor authentication "
            "is turned on, or when the user logs out everywhere else."
        ),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []  # type: ignore[misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.display_name

    def get_session_auth_hash(self) -> str:
        """What every session of this login carries (Django checks it on each request): the
        password, as in Django, and the session version, so that raising it (``services.
        sessions_end_others``) ends the other sessions as a new password would. Version 0 keeps
        Django's own hash, so sessions from before the version existed stay valid."""
        if not self.session_version:
            return super().get_session_auth_hash()
        return self._versioned_hash(secret=None)

    def get_session_auth_fallback_hash(self) -> Iterator[str]:
        if not self.session_version:
            yield from super().get_session_auth_fallback_hash()
            return
        for secret in settings.SECRET_KEY_FALLBACKS:
            yield self._versioned_hash(secret=secret)

    def _versioned_hash(self, *, secret: str | bytes | None) -> str:
        return salted_hmac(
            "bestuurstafel.accounts.User.get_session_auth_hash",
            f"{self.password}:{self.session_version}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    @property
    def display_name(self) -> str:
        person = getattr(self, "person", None)
        return person.full_name if person is not None else self.email

    @property
    def is_platform_admin(self) -> bool:
        return self.is_active and (self.is_superuser or self.is_staff)

from collections.abc import Callable

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

# Paths a user who still has to pass two-factor authentication may open.
ALLOWED_PREFIXES = ("/static/", "/i18n/", "/favicon.ico")


class TwoFactorRequiredMiddleware:
    """Secretaries, chairs and platform admins must pass two-factor authentication.

    Until they have set it up they can only set it up; until this session is verified they can
    only enter a code (or log out).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._allowed: tuple[str, ...] | None = None

    def allowed(self) -> tuple[str, ...]:
        if self._allowed is None:
            self._allowed = (
                *ALLOWED_PREFIXES,
                reverse("accounts:two_factor_setup"),
                reverse("accounts:two_factor_verify"),
                reverse("accounts:logout"),
                reverse("accounts:language"),
            )
        return self._allowed

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not getattr(user, "is_verified", lambda: False)()
            and not request.path.startswith(self.allowed())
            and request.viewer.requires_two_factor  # type: ignore[attr-defined]
        ):
            from .services import confirmed_totp

            target = (
                "accounts:two_factor_verify"
                if confirmed_totp(user)
                else "accounts:two_factor_setup"
            )
            # Encoded: an address with a query of its own comes back whole.
            query = urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
            return redirect(f"{reverse(target)}?{query}")
        return self.get_response(request)

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from bestuurstafel.core import mail
from bestuurstafel.core.forms import StyledForm, StyledFormMixin


class LoginForm(StyledFormMixin, auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _("This e-mail address and password do not match a login."),
        "inactive": _("This login has been switched off."),
    }

    def clean_username(self) -> str:
        # Logins are kept in lower case (``UserManager``); a phone that capitalises the first
        # letter must not make the right password "wrong". The throttle counts the same key
        # (``views.throttle_username``).
        return str(self.cleaned_data["username"]).strip().lower()


class CodeForm(StyledForm):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The six digits from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        return str(self.cleaned_data["code"]).strip().replace(" ", "")


class PasswordResetForm(StyledFormMixin, auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def save(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        """Queue the e-mail through the task worker instead of sending it in the request."""
        from django.conf import settings

        email = self.cleaned_data["email"]
        for user in self.get_users(email):
            token = default_token_generator.make_token(user)
            uid = urlsafe_base64_encode(force_bytes(user.pk))
            link = settings.SITE_ROOT + reverse(
                "accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token}
            )
            mail.queue_template(
                key=f"password-reset:{user.pk}:{token}",
                to=[user.email],
                template="accounts/email/password_reset",
                context={"user": user, "link": link},
                language=getattr(user, "language", "nl"),
            )

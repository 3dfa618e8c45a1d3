"""Logging in (password, then a code when two-factor is on), two-factor set-up, passwords, the
language switch."""

import base64
import time
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import (
    REDIRECT_FIELD_NAME,
    get_user_model,
    login,
    logout,
    update_session_auth_hash,
)
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from bestuurstafel.core.forms import error_status
from bestuurstafel.core.http import AuthenticatedHttpRequest

from . import services
from .forms import CodeForm, LoginForm, PasswordResetForm

PENDING = "two_factor_pending"
PENDING_SECONDS = 300
MAX_CODE_ATTEMPTS = 5


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    # A path of this site only: "-1" or "home" would be taken for the name of a URL.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(default)


def locked_out(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """django-axes calls this after too many failed logins."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


def _in_their_language(request: HttpRequest, response: HttpResponse, user: Any) -> HttpResponse:
    """After logging in, the interface speaks the language the user chose last. A choice made
    with the language switch on this browser before logging in (its cookie) is the latest: it
    is kept on the user, for their e-mails and personal calendar. Without one, the cookie is set
    from the language kept on the user."""
    languages = dict(settings.LANGUAGES)
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if chosen in languages:
        services.language_set(user=user, language=chosen)
        return response
    language = getattr(user, "language", "")
    if language in languages:
        translation.activate(language)  # for the messages of this request
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response


@require_POST
def language_switch(request: HttpRequest) -> HttpResponse:
    """The language switch in the header (Django's ``set_language``: a cookie, then back to
    the page). A logged-in user's choice is also kept on their login, for their next login,
    their e-mails and their personal calendar."""
    response = i18n.set_language(request)
    language = request.POST.get(i18n.LANGUAGE_QUERY_PARAMETER, "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        services.language_set(user=request.user, language=language)
    return response


def _wrong_code_message(throttled: bool) -> str:
    if throttled:
        return _(
            "This code is not correct, or came too soon after a wrong one. Wait a few seconds "
            "and try the newest code from your app."
        )
    return _("This code is not correct. Try the newest code from your app.")


@sensitive_post_parameters()
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request, settings.LOGIN_REDIRECT_URL)
    if request.user.is_authenticated:
        return redirect(next_url)
    if request.method == "POST":
        # Logging in again: a half-finished login (someone else's, on a shared computer) ends.
        request.session.pop(PENDING, None)
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        if services.confirmed_totp(user) is not None:
            request.session[PENDING] = {
                "user": user.pk,
                "backend": user.backend,
                "next": next_url,
                "since": time.time(),
                "attempts": 0,
            }
            return redirect("accounts:login_code")
        login(request, user)
        return _in_their_language(request, redirect(next_url), user)
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": next_url},
        status=error_status(form),
    )


@sensitive_post_parameters()
@never_cache
def login_code(request: HttpRequest) -> HttpResponse:
    """Second step: a code from the authenticator app, or a recovery code."""
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["since"] > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        messages.info(request, _("Log in again: the time to enter the code has passed."))
        return redirect("accounts:login")
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    if user is None:
        request.session.pop(PENDING, None)
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, throttled = services.check_code(user=user, code=form.cleaned_data["code"])
        if device is not None:
            request.session.pop(PENDING, None)
            login(request, user, backend=pending["backend"])
            otp_login(request, device)
            response = _in_their_language(request, redirect(pending["next"]), user)
            if device.persistent_id.startswith("otp_static"):
                messages.warning(
                    request,
                    _(
                        "You used a recovery code. It cannot be used again; make new codes if you run low."
                    ),
                )
            return response
        pending["attempts"] += 1
        if pending["attempts"] >= MAX_CODE_ATTEMPTS:
            request.session.pop(PENDING, None)
            messages.error(request, _("Too many wrong codes. Log in again."))
            return redirect("accounts:login")
        request.session[PENDING] = pending
        form.add_error("code", _wrong_code_message(throttled))
    return render(request, "accounts/login_code.html", {"form": form}, status=error_status(form))


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("You have been logged out."))
    return redirect(settings.LOGOUT_REDIRECT_URL)


@login_required
def two_factor(request: AuthenticatedHttpRequest) -> HttpResponse:
    device = services.confirmed_totp(request.user)
    from django_otp.plugins.otp_static.models import StaticToken

    remaining = StaticToken.objects.filter(device__user=request.user).count()
    return render(
        request,
        "accounts/two_factor.html",
        {
            "device": device,
            "remaining_codes": remaining,
            "required": request.viewer.requires_two_factor,
            "new_codes": request.session.pop("new_recovery_codes", None),
        },
    )


def _code_first(request: AuthenticatedHttpRequest) -> HttpResponse | None:
    """A session that has not given a code, of a user who has an authenticator, may not change
    the user's two-factor authentication: a session that logged in before it was turned on (on
    another browser, or while the role did not require it) could otherwise set up an
    authenticator of its own and so verify itself, make recovery codes, or turn it off."""
    if services.confirmed_totp(request.user) is None or request.user.is_verified():  # type: ignore[attr-defined]
        return None
    query = urlencode({REDIRECT_FIELD_NAME: reverse("accounts:two_factor")})
    return redirect(f"{reverse('accounts:two_factor_verify')}?{query}")


SETUP_DEVICE = "two_factor_setup_device"


@login_required
def two_factor_setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    if (refused := _code_first(request)) is not None:
        return refused
    if services.confirmed_totp(request.user) is not None:
        return redirect("accounts:two_factor")
    # The authenticator this session showed the QR code of, or a new one (with a new secret).
    device = None
    if (device_id := request.session.get(SETUP_DEVICE)) is not None:
        device = services.totp_device_pending(user=request.user, device_id=device_id)
        if device is None and request.method == "POST":
            request.session.pop(SETUP_DEVICE, None)
            messages.error(request, _("Scan this new QR code: the previous one no longer works."))
            return redirect("accounts:two_factor_setup")
    if device is None:
        device = services.totp_device_new(user=request.user)
        request.session[SETUP_DEVICE] = device.pk
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.two_factor_enable(
            user=request.user, device=device, token=form.cleaned_data["code"]
        )
        if codes is not None:
            request.session.pop(SETUP_DEVICE, None)
            update_session_auth_hash(request, request.user)  # this session stays, others end
            otp_login(request, device)
            request.session["new_recovery_codes"] = codes
            messages.success(request, _("Two-factor authentication is on."))
            return redirect("accounts:two_factor")
        form.add_error(
            "code",
            _("This code is not correct. Check the time on your phone and try the newest code."),
        )
    secret = base64.b32encode(device.bin_key).decode()
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "secret": secret,
            "secret_groups": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "qr_svg": mark_safe(
                qr.svg_inline(scale=4, title=_("QR code for your authenticator app"))
            ),
            "required": request.viewer.requires_two_factor,
        },
        status=error_status(form),
    )


@login_required
def two_factor_verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    """For a session that logged in before two-factor became required or was set up."""
    if request.user.is_verified():  # type: ignore[attr-defined]
        return redirect(_safe_next(request, settings.LOGIN_REDIRECT_URL))
    if services.confirmed_totp(request.user) is None:
        return redirect("accounts:two_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, throttled = services.check_code(user=request.user, code=form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request, settings.LOGIN_REDIRECT_URL))
        form.add_error("code", _wrong_code_message(throttled))
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": request.GET.get("next", "")},
        status=error_status(form),
    )


@login_required
@require_POST
def recovery_codes_renew(request: AuthenticatedHttpRequest) -> HttpResponse:
    if (refused := _code_first(request)) is not None:
        return refused
    if services.confirmed_totp(request.user) is None:
        return redirect("accounts:two_factor_setup")
    request.session["new_recovery_codes"] = services.recovery_codes_renew(user=request.user)
    messages.success(request, _("New recovery codes have been made; the old ones no longer work."))
    return redirect("accounts:two_factor")


@login_required
@require_POST
def two_factor_disable(request: AuthenticatedHttpRequest) -> HttpResponse:
    if (refused := _code_first(request)) is not None:
        return refused
    if request.viewer.requires_two_factor:
        messages.error(
            request, _("Your role requires two-factor authentication; it cannot be turned off.")
        )
        return redirect("accounts:two_factor")
    services.two_factor_disable(user=request.user, actor=request.user)
    messages.success(request, _("Two-factor authentication is off."))
    return redirect("accounts:two_factor")


@login_required
@require_POST
def sessions_end_others(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Log out on every other browser and device (a computer left logged in elsewhere)."""
    if (refused := _code_first(request)) is not None:
        return refused
    services.sessions_end_others(user=request.user, reason="request")
    update_session_auth_hash(request, request.user)
    messages.success(request, _("You have been logged out on every other browser and device."))
    return redirect("networks:profile")


class RefusedFormMixin:
    """Django's form views answer 200 for a form with errors; ours answer 400, as every other
    form page does (``core.forms.error_status``)."""

    def form_invalid(self, form: Any) -> HttpResponse:
        response: HttpResponse = super().form_invalid(form)  # type: ignore[misc]
        response.status_code = 400
        return response


class PasswordResetView(RefusedFormMixin, auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(RefusedFormMixin, auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    @transaction.atomic
    def form_valid(self, form: Any) -> HttpResponse:
        response: HttpResponse = super().form_valid(form)
        services.password_change_record(user=form.user, via="reset")
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(RefusedFormMixin, auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"

    @transaction.atomic
    def form_valid(self, form: Any) -> HttpResponse:
        response: HttpResponse = super().form_valid(form)
        services.password_change_record(user=form.user, via="profile")
        return response

    def get_success_url(self) -> str:
        messages.success(self.request, _("Your password has been changed."))
        return reverse("networks:profile")

"""Writes for logins: two-factor devices, recovery codes and the language. Atomic and audited."""

import secrets
from typing import Any

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from bestuurstafel.core import audit

from .models import User

RECOVERY_CODE_COUNT = 10


def totp_device_pending(*, user: User, device_id: Any) -> TOTPDevice | None:
    """The unconfirmed authenticator a session is setting up (its id is kept in the session),
    if it is still waiting: None once another session started again (``totp_device_new``)."""
    return TOTPDevice.objects.filter(user=user, confirmed=False, pk=device_id).first()


@transaction.atomic
def totp_device_new(*, user: User) -> TOTPDevice:
    """A new unconfirmed authenticator, with a new secret, for a session that starts setting up;
    any other unconfirmed one goes. A secret shown to another session (someone who borrowed it,
    or used the password before two-factor was set up) is never the one confirmed."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def check_code(*, user: User, code: str) -> tuple[Any, bool]:
    """The device that accepts ``code`` (authenticator or recovery code), and whether a recent
    wrong code makes the user wait (django-otp doubles the wait after every wrong code)."""
    from django_otp import devices_for_user

    devices = list(devices_for_user(user))
    for device in devices:
        if device.verify_token(code):
            return device, False
    throttled = any(not d.verify_is_allowed()[0] for d in devices)
    return None, throttled


def confirmed_totp(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def _new_recovery_codes(user: User) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [f"{secrets.token_hex(2)}-{secrets.token_hex(2)}" for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def two_factor_enable(*, user: User, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the authenticator with a first code. Returns new recovery codes, or None."""
    if device.user_id != user.pk or not device.verify_token(token.replace(" ", "")):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user)
    audit.record(actor=user, action="accounts.two_factor_enable", target=user)
    # A session logged in with the password alone before this (another browser, perhaps not
    # the user's) would stay in without ever giving a code.
    sessions_end_others(user=user, reason="two_factor_enable")
    return codes


@transaction.atomic
def recovery_codes_renew(*, user: User) -> list[str]:
    codes = _new_recovery_codes(user)
    audit.record(actor=user, action="accounts.recovery_codes_renew", target=user)
    return codes


@transaction.atomic
def two_factor_disable(*, user: User, actor: Any) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit.record(actor=actor, action="accounts.two_factor_disable", target=user)


@transaction.atomic
def sessions_end_others(*, user: User, reason: str) -> None:
    """End every session of ``user`` (Django rejects a session whose auth hash no longer matches,
    ``User.get_session_auth_hash``). The view that calls this keeps its own session with
    ``update_session_auth_hash``. ``reason``: "request" (the user asked) or "two_factor_enable"."""
    user.session_version += 1
    user.save(update_fields=["session_version"])
    audit.record(
        actor=user, action="accounts.sessions_end_others", target=user, changes={"reason": reason}
    )


def password_change_record(*, user: User, via: str) -> None:
    """Audit a new password (Django's password forms save it; the view calls this in the same
    transaction). ``via``: "profile" (changed while logged in) or "reset" (by an e-mailed link)."""
    audit.record(actor=user, action="accounts.password_change", target=user, changes={"via": via})


@transaction.atomic
def language_set(*, user: User, language: str) -> None:
    """Remember the language the user chose with the language switch: the interface uses it
    after logging in, and so do their e-mails and personal calendar."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unknown language: {language!r}")
    if user.language == language:
        return
    changes = {"language": audit.change(user.language, language)}
    user.language = language
    user.save(update_fields=["language"])
    audit.record(actor=user, action="accounts.language_set", target=user, changes=changes)

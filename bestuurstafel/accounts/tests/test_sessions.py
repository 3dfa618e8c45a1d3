"""Ending the other sessions of a login: on request, and when two-factor authentication is
turned on (a session that logged in with the password alone must not stay in)."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from bestuurstafel.core.models import AuditEvent
from bestuurstafel.testing.world import PASSWORD, World

from .test_login import code_for

LOGIN = "/account/inloggen/"
END = "/account/sessies-beeindigen/"
SETUP = "/account/tweestapsverificatie/instellen/"
VERIFY = "/account/tweestapsverificatie/controle/"
TWO_FACTOR = "/account/tweestapsverificatie/"
PASSWORD_CHANGE = "/account/wachtwoord-wijzigen/"
MEMBER = "lid@test.invalid"


def logged_in(email: str = MEMBER) -> Client:
    client = Client()
    response = client.post(LOGIN, {"username": email, "password": PASSWORD})
    assert response.status_code == 302, response
    return client


def is_logged_in(client: Client) -> bool:
    return client.get(reverse("networks:profile")).status_code == 200


def test_log_out_everywhere_else_keeps_this_browser_and_ends_the_others(world: World) -> None:
    here, laptop, phone = logged_in(), logged_in(), logged_in()
    other_member = logged_in("partner@test.invalid")
    assert all(is_logged_in(c) for c in (here, laptop, phone, other_member))

    response = here.post(END, follow=True)
    assert response.redirect_chain == [(reverse("networks:profile"), 302)]
    assert "U bent uitgelogd op alle andere browsers en apparaten." in response.content.decode()
    assert is_logged_in(here)
    assert not is_logged_in(laptop)
    assert not is_logged_in(phone)
    assert is_logged_in(other_member)  # only this login's sessions end
    assert laptop.get(reverse("networks:profile")).url.startswith(LOGIN)
    event = AuditEvent.objects.get(action="accounts.sessions_end_others")
    assert event.actor_id == world.users["member"].pk
    assert event.changes == {"reason": "request"}
    # Logging in again works, and the next request ends it again.
    laptop = logged_in()
    assert is_logged_in(laptop)
    here.post(END)
    assert is_logged_in(here) and not is_logged_in(laptop)


def test_the_profile_offers_it_with_a_confirmation(world: World) -> None:
    page = logged_in().get(reverse("networks:profile")).content.decode()
    assert f'action="{END}"' in page
    assert "Uitloggen op alle andere apparaten" in page
    assert "data-confirm=" in page


def test_turning_on_two_factor_ends_the_sessions_that_gave_only_the_password(
    world: World,
) -> None:
    """The gap this closes: a session logged in before two-factor was turned on (another
    browser, perhaps not the member's own) stayed in without ever giving a code."""
    owner, elsewhere = logged_in(), logged_in()
    assert owner.get(SETUP).status_code == 200
    device = TOTPDevice.objects.get(user=world.users["member"], confirmed=False)
    response = owner.post(SETUP, {"code": code_for(device)})
    assert response.url == TWO_FACTOR
    assert owner.session["otp_device_id"]
    assert is_logged_in(owner)
    assert owner.get(TWO_FACTOR).status_code == 200
    assert not is_logged_in(elsewhere)
    # Coming back now takes the code.
    again = Client()
    assert again.post(LOGIN, {"username": MEMBER, "password": PASSWORD}).url.endswith("/code/")
    assert AuditEvent.objects.filter(
        action="accounts.sessions_end_others", changes={"reason": "two_factor_enable"}
    ).exists()


def test_a_session_without_the_code_cannot_end_the_others(world: World) -> None:
    """A session of a user with an authenticator that never gave its code (it logged in before
    the role required it) is sent to the code check first, like the other two-factor pages."""
    secretary = world.users["secretary"]
    verified = Client()
    verified.post(LOGIN, {"username": "secretaris@test.invalid", "password": PASSWORD})
    verified.post(
        "/account/inloggen/code/", {"code": code_for(TOTPDevice.objects.get(user=secretary))}
    )
    assert is_logged_in(verified)
    unverified = Client()
    unverified.force_login(secretary)
    response = unverified.post(END)
    assert response.status_code == 302 and response.url.startswith(VERIFY)
    secretary.refresh_from_db()
    assert secretary.session_version == 0
    assert is_logged_in(verified)


def test_a_new_password_still_ends_the_other_sessions_after_the_version_moved(
    world: World,
) -> None:
    """The session hash holds the password as well as the version: Django's rule (a new password
    logs out the other sessions, not this one) still holds once the version is above 0."""
    here = logged_in()
    here.post(END)
    elsewhere = logged_in()
    response = here.post(
        PASSWORD_CHANGE,
        {
            "old_password": PASSWORD,
            "new_password1": "een-nieuw-wachtwoord-42",
            "new_password2": "een-nieuw-wachtwoord-42",
        },
    )
    assert response.status_code == 302
    assert is_logged_in(here)
    assert not is_logged_in(elsewhere)


def test_version_zero_keeps_djangos_own_hash_so_no_one_is_logged_out_by_the_upgrade(
    world: World,
) -> None:
    user = world.users["member"]
    assert user.session_version == 0
    assert user.get_session_auth_hash() == AbstractBaseUser.get_session_auth_hash(user)
    with override_settings(SECRET_KEY_FALLBACKS=["an-earlier-key"]):
        before = list(user.get_session_auth_fallback_hash())
        assert before == list(AbstractBaseUser.get_session_auth_fallback_hash(user))
        user.session_version = 1
        after = list(user.get_session_auth_fallback_hash())
    assert len(after) == 1 and after != before
    assert user.get_session_auth_hash() != AbstractBaseUser.get_session_auth_hash(user)

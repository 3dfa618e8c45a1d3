"""An adversarial review of the login and account flows: two-factor, redirects, sessions, tokens.

Tests marked "A bug" failed before the fix they came with; the others confirm that an attack
found nothing.
"""

import re
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from bestuurstafel.core.models import AuditEvent
from bestuurstafel.meetings import services as meeting_services
from bestuurstafel.testing.world import PASSWORD, World

from .. import throttle
from .test_login import code_for

LOGIN = "/account/inloggen/"
CODE = "/account/inloggen/code/"
SETUP = "/account/tweestapsverificatie/instellen/"
VERIFY = "/account/tweestapsverificatie/controle/"
RENEW = "/account/tweestapsverificatie/herstelcodes/"
DISABLE = "/account/tweestapsverificatie/uitzetten/"
MANAGE = "/netwerken/zuidoost/beheer/"
SECRETARY = "secretaris@test.invalid"
MEMBER = "lid@test.invalid"


def fresh(device: TOTPDevice) -> TOTPDevice:
    """The device without the wait a wrong code caused (django-otp throttles by time)."""
    device.refresh_from_db()
    device.throttle_reset()
    return device


def password_only(world: World, persona: str) -> Client:
    """A session that passed the password but not the code: a session that logged in before its
    authenticator was confirmed (on another browser, or before the role required it)."""
    client = Client()
    client.force_login(world.user(persona))
    return client


def is_verified(client: Client) -> bool:
    return "otp_device_id" in client.session


# --- 1. Two-factor bypass ------------------------------------------------------------------------


def test_the_password_step_alone_opens_no_page(world: World) -> None:
    client = Client()
    client.post(LOGIN, {"username": SECRETARY, "password": PASSWORD})
    for path in (MANAGE, "/profiel/", "/account/tweestapsverificatie/", SETUP, VERIFY, RENEW):
        response = client.get(path, HTTP_HX_REQUEST="true")
        assert response.status_code in (302, 204, 405), path
        assert "inloggen" in (response.get("Location") or response.get("HX-Redirect") or ""), path
    assert not TOTPDevice.objects.filter(user=world.users["secretary"], confirmed=False).exists()


def test_an_unverified_session_cannot_replace_the_authenticator(world: World) -> None:
    """A bug: a secretary's session without the code could set up an authenticator of its own
    (the set-up page is open to it), which removed the real one and verified the session."""
    secretary = world.users["secretary"]
    original = TOTPDevice.objects.get(user=secretary)
    client = password_only(world, "secretary")
    assert client.get(MANAGE).url.startswith(VERIFY)
    # The attack: open the set-up page, scan its QR code, confirm.
    client.get(SETUP)
    for planted in TOTPDevice.objects.filter(user=secretary, confirmed=False):
        client.post(SETUP, {"code": code_for(planted)})
    assert client.get(MANAGE).status_code == 302
    assert not is_verified(client)
    assert TOTPDevice.objects.filter(pk=original.pk, confirmed=True).exists()
    assert TOTPDevice.objects.filter(user=secretary, confirmed=True).count() == 1
    # What it gets instead: the code check.
    page = client.get(SETUP)
    assert page.status_code == 302 and page.url.startswith(VERIFY)
    assert not TOTPDevice.objects.filter(user=secretary, confirmed=False).exists()


def test_an_unverified_session_cannot_renew_codes_or_turn_two_factor_off(world: World) -> None:
    """A bug: a member who turned two-factor on kept older sessions that could make new recovery
    codes (then verify with one) or turn two-factor off, without ever giving a code."""
    member = world.users["member"]
    device = TOTPDevice.objects.create(user=member, name="app", confirmed=True)
    static = StaticDevice.objects.create(user=member, name="recovery", confirmed=True)
    StaticToken.objects.create(device=static, token="aaaa-bbbb")
    client = password_only(world, "member")
    response = client.post(RENEW)
    assert response.status_code == 302 and response.url.startswith(VERIFY)
    assert list(
        StaticToken.objects.filter(device__user=member).values_list("token", flat=True)
    ) == ["aaaa-bbbb"]
    response = client.post(DISABLE)
    assert response.status_code == 302 and response.url.startswith(VERIFY)
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    # With the code the session is verified, and then it may.
    client.post(VERIFY, {"code": code_for(fresh(device))})
    assert is_verified(client)
    client.post(RENEW)
    assert StaticToken.objects.filter(device__user=member).count() == 10
    client.post(DISABLE)
    assert not TOTPDevice.objects.filter(user=member).exists()


def test_an_authenticator_secret_shown_to_one_session_is_not_reused_by_another(
    world: World,
) -> None:
    """A bug: the unconfirmed authenticator was reused until confirmed, whoever opened the page.
    Someone who once saw the set-up page (a borrowed session, a password used before two-factor
    was set up) knew the secret the real person confirmed later."""
    TOTPDevice.objects.filter(user=world.users["secretary"]).delete()
    snooper = password_only(world, "secretary")
    assert snooper.get(SETUP).status_code == 200
    seen = TOTPDevice.objects.get(user=world.users["secretary"], confirmed=False)
    owner = password_only(world, "secretary")
    assert owner.get(SETUP).status_code == 200
    mine = TOTPDevice.objects.get(user=world.users["secretary"], confirmed=False)
    assert mine.bin_key != seen.bin_key
    # Reloading the page in the same session keeps the QR code that was scanned.
    owner.get(SETUP)
    assert TOTPDevice.objects.get(user=world.users["secretary"], confirmed=False).pk == mine.pk
    # The snooper's secret confirms nothing; the owner's does.
    snooper.post(SETUP, {"code": code_for(seen)})
    assert not TOTPDevice.objects.filter(user=world.users["secretary"], confirmed=True).exists()
    response = owner.post(SETUP, {"code": code_for(fresh(mine))})
    assert response.url == "/account/tweestapsverificatie/"
    assert TOTPDevice.objects.get(user=world.users["secretary"], confirmed=True).pk == mine.pk


def test_wrong_codes_keep_counting_over_new_logins(world: World) -> None:
    """Starting the login again after five wrong codes does not give five fresh tries: the
    device's own wait doubles, so even the right code is refused now."""
    device = TOTPDevice.objects.get(user=world.users["secretary"])
    client = Client()
    client.post(LOGIN, {"username": SECRETARY, "password": PASSWORD})
    for _ in range(5):
        client.post(CODE, {"code": "000000"})
    client.post(LOGIN, {"username": SECRETARY, "password": PASSWORD})
    response = client.post(CODE, {"code": code_for(device)})
    assert response.status_code == 400
    assert "te snel na een verkeerde code" in response.content.decode()


def test_a_code_works_only_once(world: World) -> None:
    device = TOTPDevice.objects.get(user=world.users["secretary"])
    code = code_for(device)
    first = Client()
    first.post(LOGIN, {"username": SECRETARY, "password": PASSWORD})
    assert first.post(CODE, {"code": code}).status_code == 302
    second = Client()
    second.post(LOGIN, {"username": SECRETARY, "password": PASSWORD})
    assert second.post(CODE, {"code": code}).status_code == 400


def test_a_changed_password_ends_the_other_sessions_verified_or_not(
    world: World, client_for: Callable[[str], Client]
) -> None:
    other = client_for("secretary")
    assert other.get(MANAGE).status_code == 200
    this = client_for("secretary")
    response = this.post(
        "/account/wachtwoord-wijzigen/",
        {
            "old_password": PASSWORD,
            "new_password1": "een-ander-wachtwoord",
            "new_password2": "een-ander-wachtwoord",
        },
    )
    assert response.status_code == 302
    assert this.get(MANAGE).status_code == 200  # this session stays, still verified
    gone = other.get(MANAGE)
    assert gone.status_code == 302 and gone.url.startswith(LOGIN)


# --- 2. Throttling and enumeration ---------------------------------------------------------------


def test_unknown_address_and_wrong_password_answer_alike(world: World) -> None:
    unknown = Client().post(LOGIN, {"username": "niemand@test.invalid", "password": "x"})
    wrong = Client().post(LOGIN, {"username": MEMBER, "password": "x"})
    world.users["partner"].is_active = False
    world.users["partner"].save()
    inactive = Client().post(LOGIN, {"username": "partner@test.invalid", "password": PASSWORD})

    def errors(response: object) -> list[str]:
        return response.context["form"].non_field_errors()  # type: ignore[attr-defined]

    assert unknown.status_code == wrong.status_code == inactive.status_code == 400
    assert errors(unknown) == errors(wrong) == errors(inactive)


def test_an_address_in_other_capitals_does_not_get_around_the_throttle(world: World) -> None:
    """Django-axes counts failures per address in lower case (``throttle_username``), as the
    login form reads it: other capitals of a locked address are locked too."""
    client = Client()
    for _ in range(5):
        client.post(LOGIN, {"username": MEMBER, "password": "fout"})
    for variant in (MEMBER, "LID@test.invalid", "Lid@Test.Invalid", " lid@test.invalid "):
        response = client.post(LOGIN, {"username": variant, "password": PASSWORD})
        assert response.status_code in (400, 429), variant
        assert not client.session.get("_auth_user_id")


def test_a_made_up_forwarded_for_header_does_not_get_around_the_throttle(world: World) -> None:
    """Django-axes takes the address from REMOTE_ADDR only (no X-Forwarded-For by default)."""
    client = Client()
    for n in range(5):
        client.post(
            LOGIN, {"username": MEMBER, "password": "fout"}, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}"
        )
    response = client.post(
        LOGIN, {"username": MEMBER, "password": PASSWORD}, HTTP_X_FORWARDED_FOR="10.9.9.9"
    )
    assert response.status_code == 429


@pytest.mark.django_db
def test_password_reset_does_not_tell_whether_an_address_exists(
    world: World, django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    known = Client().post("/account/wachtwoord-vergeten/", {"email": MEMBER})
    unknown = Client().post("/account/wachtwoord-vergeten/", {"email": "niemand@test.invalid"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url


@pytest.mark.django_db
def test_a_reset_link_works_once(
    world: World, django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        Client().post("/account/wachtwoord-vergeten/", {"email": MEMBER})
    link = re.search(r"http\S+/wachtwoord-herstellen/\S+/", mail.outbox[0].body).group(0)  # type: ignore[union-attr]
    path = "/" + link.split("/", 3)[3]
    new = {"new_password1": "een-nieuw-wachtwoord", "new_password2": "een-nieuw-wachtwoord"}
    client = Client()
    form = client.get(path, follow=True)
    assert client.post(form.redirect_chain[-1][0], new).status_code == 302
    again = Client()
    form = again.get(path, follow=True)
    assert not form.context["validlink"]
    # The person who reset is not logged in by it (a secretary would skip the code).
    assert not client.session.get("_auth_user_id")
    # The new password is in the audit log, with how it was set.
    event = AuditEvent.objects.get(action="accounts.password_change")
    assert (event.actor, event.changes) == (world.users["member"], {"via": "reset"})


def test_a_password_changed_while_logged_in_is_audited(world: World) -> None:
    client = Client()
    assert client.post(LOGIN, {"username": MEMBER, "password": PASSWORD}).status_code == 302
    new = {
        "old_password": PASSWORD,
        "new_password1": "een-nieuw-wachtwoord",
        "new_password2": "een-nieuw-wachtwoord",
    }
    assert client.post("/account/wachtwoord-wijzigen/", new).status_code == 302
    event = AuditEvent.objects.get(action="accounts.password_change")
    assert (event.actor, event.changes) == (world.users["member"], {"via": "profile"})


# --- 3. Open redirects ---------------------------------------------------------------------------

EVIL = [
    "https://evil.example/",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "\\\\evil.example",
    "https:evil.example",
    "/%2F/evil.example",
    "/%5Cevil.example",
    "http:/\\evil.example",
    " //evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
    "home",
]


def is_off_site(location: str) -> bool:
    parts = urlsplit(location.replace("\\", "/"))
    return bool(parts.scheme or parts.netloc) or location.startswith(("//", "/\\", "\\"))


@pytest.mark.parametrize("target", EVIL)
def test_no_open_redirect_from_the_login(world: World, target: str) -> None:
    response = Client().post(LOGIN, {"username": MEMBER, "password": PASSWORD, "next": target})
    assert response.status_code == 302 and not is_off_site(response.url), response.url
    client = Client()
    client.post(LOGIN, {"username": SECRETARY, "password": PASSWORD, "next": target})
    device = TOTPDevice.objects.get(user=world.users["secretary"])
    response = client.post(CODE, {"code": code_for(device)})
    assert response.status_code == 302 and not is_off_site(response.url), response.url
    logged_in = client.get(LOGIN + "?next=" + target)
    assert not is_off_site(logged_in.url), logged_in.url


@pytest.mark.parametrize("target", EVIL)
def test_no_open_redirect_from_the_code_check_or_the_language_switch(
    world: World, target: str
) -> None:
    client = password_only(world, "secretary")
    device = TOTPDevice.objects.get(user=world.users["secretary"])
    response = client.post(VERIFY + "?next=" + target, {"code": code_for(device), "next": target})
    assert response.status_code == 302 and not is_off_site(response.url), response.url
    for who in (Client(), client):
        response = who.post("/account/taal/", {"language": "en", "next": target})
        assert not is_off_site(response.url), response.url
        response = who.post(
            "/account/taal/", {"language": "en"}, HTTP_REFERER=target.replace(" ", "")
        )
        assert not is_off_site(response.url), response.url
    response = Client().post("/account/uitloggen/?next=" + target)
    assert not is_off_site(response.url), response.url


def test_the_code_check_brings_back_the_whole_address(world: World) -> None:
    """A bug (not security): the address to come back to was put in ``?next=`` unencoded, so a
    page with two query parameters lost the second."""
    client = password_only(world, "secretary")
    response = client.get(MANAGE + "?a=1&b=2")
    assert parse_qs(urlsplit(response.url).query)["next"] == [MANAGE + "?a=1&b=2"]
    device = TOTPDevice.objects.get(user=world.users["secretary"])
    response = client.post(response.url, {"code": code_for(device)})
    assert response.url == MANAGE + "?a=1&b=2"


# --- 4. Sessions and logging out -----------------------------------------------------------------


def test_the_session_key_changes_at_login(world: World) -> None:
    client = Client()
    client.get(LOGIN)
    client.post(LOGIN, {"username": SECRETARY, "password": PASSWORD})
    pending_key = client.session.session_key
    device = TOTPDevice.objects.get(user=world.users["secretary"])
    client.post(CODE, {"code": code_for(device)})
    assert client.session.session_key != pending_key
    member = Client()
    member.post(LOGIN, {"username": MEMBER, "password": "fout"})
    before = member.session.session_key
    member.post(LOGIN, {"username": MEMBER, "password": PASSWORD})
    assert member.session.session_key != before


def test_logging_out_takes_a_post_with_a_csrf_token_and_forgets_the_code(
    world: World,
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["secretary"])
    session = client.session
    session["otp_device_id"] = TOTPDevice.objects.get(user=world.users["secretary"]).persistent_id
    session.save()
    assert client.get("/account/uitloggen/").status_code == 405
    assert client.post("/account/uitloggen/").status_code == 403
    key = client.cookies["sessionid"].value
    client.get("/profiel/")  # the CSRF cookie
    token = client.cookies["csrftoken"].value
    assert client.post("/account/uitloggen/", {"csrfmiddlewaretoken": token}).status_code == 302
    assert not client.session.get("_auth_user_id") and "otp_device_id" not in client.session
    # The old session cookie is no good any more.
    stale = Client()
    stale.cookies["sessionid"] = key
    assert stale.get(MANAGE).status_code == 302


def test_a_pending_login_does_not_survive_logging_in_as_someone_else(world: World) -> None:
    client = Client()
    client.post(LOGIN, {"username": SECRETARY, "password": PASSWORD})
    client.post(LOGIN, {"username": MEMBER, "password": PASSWORD})
    assert client.get(CODE).status_code == 302
    assert "two_factor_pending" not in client.session


# --- 5. Invitations ------------------------------------------------------------------------------


def test_an_invitation_is_not_accepted_by_someone_else_logged_in(
    world: World, client_for: Callable[[str], Client]
) -> None:
    token = world.extra["invitation_token"]
    path = reverse("networks:invitation_accept", kwargs={"token": token})
    outsider = client_for("outsider")
    response = outsider.post(
        path, {"password1": "een-nieuw-wachtwoord", "password2": "een-nieuw-wachtwoord"}
    )
    assert response.status_code == 400
    world.invitation.refresh_from_db()
    assert world.invitation.accepted_at is None
    # Accepted by the invitee, once.
    invitee = Client()
    new = {"password1": "een-nieuw-wachtwoord", "password2": "een-nieuw-wachtwoord"}
    assert invitee.post(path, new).status_code == 302
    assert Client().post(path, new).status_code == 410


# --- 6. The personal calendar --------------------------------------------------------------------


def test_a_revoked_calendar_address_is_not_found(world: World) -> None:
    token = meeting_services.calendar_token_create(actor=world.users["member"])
    path = reverse("meetings:feed_personal", kwargs={"token": token})
    assert Client().get(path).status_code == 200
    meeting_services.calendar_token_revoke(actor=world.users["member"])
    assert Client().get(path).status_code == 404
    assert Client().get(path.replace(token, token[:-1])).status_code == 404
    body = reverse("meetings:feed_body", kwargs={"slug": "zuidoost", "body": "plenair"})
    assert Client().get(body + "?sleutel=" + token).status_code == 404


def test_the_address_logs_in_whatever_its_capitals(world: World) -> None:
    """Phones capitalise the first letter: the right password is not "wrong" for it."""
    for variant in ("Lid@test.invalid", " LID@Test.Invalid "):
        client = Client()
        response = client.post(LOGIN, {"username": variant, "password": PASSWORD})
        assert response.status_code == 302, variant
        assert client.session.get("_auth_user_id") == str(world.users["member"].pk)


def test_failures_in_other_capitals_count_for_the_same_address(world: World) -> None:
    client = Client()
    for variant in ("Lid@test.invalid", "LID@test.invalid", "lid@TEST.invalid", "Lid@Test.Invalid"):
        client.post(LOGIN, {"username": variant, "password": "fout"})
    client.post(LOGIN, {"username": MEMBER.upper(), "password": "fout"})
    response = client.post(LOGIN, {"username": MEMBER, "password": PASSWORD})
    assert response.status_code == 429
    assert not client.session.get("_auth_user_id")


# --- The throttle behind the production proxy ---------------------------------------------------


def _behind_proxy(client_address: str, sent: str = "") -> dict[str, str]:
    """What the app receives from a proxy at 10.0.0.254 that appends the client's address."""
    forwarded = f"{sent}, {client_address}" if sent else client_address
    return {"REMOTE_ADDR": "10.0.0.254", "HTTP_X_FORWARDED_FOR": forwarded}


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_one_client_failing_does_not_lock_out_another(world: World) -> None:
    """Every request comes from the proxy: counted by the proxy's address, five wrong passwords
    typed by anyone would lock the real owner out for a quarter of an hour."""
    attacker = Client()
    for _ in range(5):
        attacker.post(
            LOGIN, {"username": MEMBER, "password": "fout"}, **_behind_proxy("203.0.113.9")
        )
    assert (
        attacker.post(
            LOGIN, {"username": MEMBER, "password": PASSWORD}, **_behind_proxy("203.0.113.9")
        ).status_code
        == 429
    )
    owner = Client()
    response = owner.post(
        LOGIN, {"username": MEMBER, "password": PASSWORD}, **_behind_proxy("198.51.100.7")
    )
    assert response.status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_a_made_up_forwarded_for_does_not_get_around_the_throttle(
    world: World,
) -> None:
    """What the client sends in X-Forwarded-For stands left of what the proxy appends."""
    client = Client()
    for n in range(5):
        client.post(
            LOGIN,
            {"username": MEMBER, "password": "fout"},
            **_behind_proxy("203.0.113.9", sent=f"192.0.2.{n}"),
        )
    response = client.post(
        LOGIN,
        {"username": MEMBER, "password": PASSWORD},
        **_behind_proxy("203.0.113.9", sent="192.0.2.200"),
    )
    assert response.status_code == 429


@pytest.mark.parametrize(
    ("proxies", "meta", "expected"),
    [
        (0, {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "192.0.2.1"}, "203.0.113.9"),
        (
            1,
            {"REMOTE_ADDR": "10.0.0.254", "HTTP_X_FORWARDED_FOR": "192.0.2.1, 203.0.113.9"},
            "203.0.113.9",
        ),
        (
            2,
            {
                "REMOTE_ADDR": "10.0.0.254",
                "HTTP_X_FORWARDED_FOR": "192.0.2.1, 203.0.113.9, 10.0.0.1",
            },
            "203.0.113.9",
        ),
        (1, {"REMOTE_ADDR": "10.0.0.254"}, "10.0.0.254"),
        (2, {"REMOTE_ADDR": "10.0.0.254", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}, "10.0.0.254"),
    ],
)
def test_the_client_address_is_counted_from_the_right(
    proxies: int, meta: dict[str, str], expected: str
) -> None:
    request = RequestFactory().get("/", **meta)
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        assert throttle.client_ip(request) == expected

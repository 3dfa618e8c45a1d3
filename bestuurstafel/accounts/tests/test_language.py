"""The language switch: a cookie for everyone, and for a logged-in user also their login's
language, which their e-mails and calendar use and which comes back when they log in again."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from bestuurstafel.core.models import AuditEvent
from bestuurstafel.testing.world import PASSWORD, World, login

from .test_login import LOGIN, code_for

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


def switch_url(client: Client) -> str:
    """Where the header's language switch posts to, as the page says."""
    page = client.get("/privacy/").content.decode()
    return re.search(r'<form class="bt-language" method="post" action="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def test_a_logged_in_user_keeps_the_language_they_switch_to(world: World) -> None:
    user = world.users["member"]
    client = login(Client(), user)
    response = client.post(switch_url(client), {"language": "en", "next": "/privacy/"})
    assert response.status_code == 302 and response["Location"] == "/privacy/"
    assert response.cookies[COOKIE].value == "en"
    user.refresh_from_db()
    assert user.language == "en"
    event = AuditEvent.objects.get(action="accounts.language_set")
    assert event.actor == user and event.changes == {"language": {"from": "nl", "to": "en"}}
    assert "Nederlands" in client.get("/privacy/").content.decode()  # the way back

    client.post(switch_url(client), {"language": "nl", "next": "/privacy/"})
    user.refresh_from_db()
    assert user.language == "nl"
    # Choosing the language one already has changes nothing and records nothing.
    client.post(switch_url(client), {"language": "nl", "next": "/privacy/"})
    assert AuditEvent.objects.filter(action="accounts.language_set").count() == 2


def test_an_unknown_language_is_not_kept(world: World) -> None:
    user = world.users["member"]
    client = login(Client(), user)
    response = client.post(switch_url(client), {"language": "de", "next": "/privacy/"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "nl"


def test_an_anonymous_visitor_switches_with_a_cookie_only(world: World) -> None:
    client = Client()
    response = client.post(switch_url(client), {"language": "en", "next": "/privacy/"})
    assert response.status_code == 302 and response["Location"] == "/privacy/"
    assert response.cookies[COOKIE].value == "en"
    assert "Nederlands" in client.get("/privacy/").content.decode()
    assert not AuditEvent.objects.filter(action="accounts.language_set").exists()


def test_logging_in_brings_back_the_users_language(world: World) -> None:
    user = world.users["member"]
    user.language = "en"
    user.save()
    client = Client()
    response = client.post(LOGIN, {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "en"
    page = client.get("/privacy/")
    assert page["Content-Language"] == "en" and "Nederlands" in page.content.decode()


def test_logging_in_in_two_steps_brings_back_the_users_language(world: World) -> None:
    user = world.users["secretary"]
    user.language = "en"
    user.save()
    client = Client()
    client.post(LOGIN, {"username": user.email, "password": PASSWORD})
    device = TOTPDevice.objects.get(user=user)
    response = client.post("/account/inloggen/code/", {"code": code_for(device)})
    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "en"


def test_a_language_chosen_before_logging_in_is_kept_on_the_user(world: World) -> None:
    # The latest choice wins: English on the login page, then logging in, keeps English and
    # remembers it for the e-mails and the personal calendar.
    client = Client()
    client.post(switch_url(client), {"language": "en", "next": "/privacy/"})
    response = client.post(LOGIN, {"username": "lid@test.invalid", "password": PASSWORD})
    assert response.status_code == 302
    assert client.cookies[COOKIE].value == "en"
    world.users["member"].refresh_from_db()
    assert world.users["member"].language == "en"
    assert AuditEvent.objects.filter(action="accounts.language_set").exists()

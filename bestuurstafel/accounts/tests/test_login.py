import re
from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from bestuurstafel.core.models import AuditEvent
from bestuurstafel.testing.world import PASSWORD, World

LOGIN = "/account/inloggen/"


def code_for(device: TOTPDevice) -> str:
    return (
        f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"
    )


def test_a_member_logs_in_with_password_only(world: World) -> None:
    client = Client()
    response = client.post(LOGIN, {"username": "lid@test.invalid", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("networks:directory", kwargs={"slug": "zuidoost"})).status_code == 200


def test_a_wrong_password_says_so_in_dutch(world: World) -> None:
    response = Client().post(LOGIN, {"username": "lid@test.invalid", "password": "fout"})
    assert response.status_code == 400
    assert "Dit e-mailadres en wachtwoord horen niet bij een account." in response.content.decode()


def test_repeated_failed_logins_are_throttled(world: World) -> None:
    client = Client()
    for _ in range(5):
        client.post(LOGIN, {"username": "lid@test.invalid", "password": "fout"})
    blocked = client.post(LOGIN, {"username": "lid@test.invalid", "password": PASSWORD})
    assert blocked.status_code == 429
    assert "Te veel mislukte pogingen" in blocked.content.decode()
    # Another address from the same place is not blocked.
    assert (
        client.post(LOGIN, {"username": "partner@test.invalid", "password": PASSWORD}).status_code
        == 302
    )


def test_with_two_factor_the_password_alone_is_not_enough(world: World) -> None:
    client = Client()
    response = client.post(
        LOGIN,
        {
            "username": "secretaris@test.invalid",
            "password": PASSWORD,
            "next": "/netwerken/zuidoost/beheer/",
        },
    )
    assert response.url == "/account/inloggen/code/"
    # Not logged in yet.
    assert client.get("/netwerken/zuidoost/beheer/").status_code == 302
    wrong = client.post("/account/inloggen/code/", {"code": "000000"})
    assert "Deze code klopt niet" in wrong.content.decode()
    device = TOTPDevice.objects.get(user=world.users["secretary"])
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    response = client.post("/account/inloggen/code/", {"code": code_for(device)})
    assert response.url == "/netwerken/zuidoost/beheer/"
    assert client.get("/netwerken/zuidoost/beheer/").status_code == 200


def test_too_many_wrong_codes_start_the_login_again(world: World) -> None:
    client = Client()
    client.post(LOGIN, {"username": "secretaris@test.invalid", "password": PASSWORD})
    for _ in range(5):
        response = client.post("/account/inloggen/code/", {"code": "123456"})
    assert response.url == LOGIN


def test_a_secretary_without_two_factor_must_set_it_up_first(world: World) -> None:
    TOTPDevice.objects.filter(user=world.users["secretary"]).delete()
    client = Client()
    client.post(LOGIN, {"username": "secretaris@test.invalid", "password": PASSWORD})
    response = client.get("/netwerken/zuidoost/beheer/")
    assert response.url.startswith("/account/tweestapsverificatie/instellen/")
    # Public pages too: nothing until two-factor is set up.
    assert client.get("/").status_code == 302
    setup = client.get("/account/tweestapsverificatie/instellen/")
    assert setup.status_code == 200 and "<svg" in setup.content.decode()
    device = TOTPDevice.objects.get(user=world.users["secretary"], confirmed=False)
    assert (
        client.post("/account/tweestapsverificatie/instellen/", {"code": "111111"}).status_code
        == 400
    )
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the next try wait a second
    response = client.post("/account/tweestapsverificatie/instellen/", {"code": code_for(device)})
    assert response.url == "/account/tweestapsverificatie/"
    page = client.get("/account/tweestapsverificatie/").content.decode()
    codes = re.findall(r"<li>([0-9a-f]{4}-[0-9a-f]{4})</li>", page)
    assert len(codes) == 10
    assert client.get("/netwerken/zuidoost/beheer/").status_code == 200
    assert AuditEvent.objects.filter(
        action="accounts.two_factor_enable", actor=world.users["secretary"]
    ).exists()
    # A recovery code works once.
    client.post("/account/uitloggen/")
    fresh = Client()
    fresh.post(LOGIN, {"username": "secretaris@test.invalid", "password": PASSWORD})
    assert fresh.post("/account/inloggen/code/", {"code": codes[0]}).status_code == 302
    assert not StaticToken.objects.filter(token=codes[0]).exists()


def test_a_member_may_turn_two_factor_on_and_off(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("member")
    client.get("/account/tweestapsverificatie/instellen/")
    device = TOTPDevice.objects.get(user=world.users["member"])
    client.post("/account/tweestapsverificatie/instellen/", {"code": code_for(device)})
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    client.post("/account/tweestapsverificatie/uitzetten/")
    assert not TOTPDevice.objects.filter(user=world.users["member"]).exists()


def test_a_secretary_cannot_turn_two_factor_off(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client_for("secretary").post("/account/tweestapsverificatie/uitzetten/")
    assert TOTPDevice.objects.filter(user=world.users["secretary"]).exists()


@pytest.mark.django_db
def test_password_reset_goes_through_the_task_worker(
    world: World, django_capture_on_commit_callbacks
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/account/wachtwoord-vergeten/", {"email": "lid@test.invalid"})
        Client().post("/account/wachtwoord-vergeten/", {"email": "onbekend@test.invalid"})
    assert len(mail.outbox) == 1
    link = re.search(r"http\S+/wachtwoord-herstellen/\S+/", mail.outbox[0].body).group(0)
    path = "/" + link.split("/", 3)[3]
    client = Client()
    form = client.get(path, follow=True)
    assert form.status_code == 200 and form.context["validlink"]
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "een-nieuw-wachtwoord", "new_password2": "een-nieuw-wachtwoord"},
    )
    assert done.status_code == 302
    assert (
        Client()
        .post(LOGIN, {"username": "lid@test.invalid", "password": "een-nieuw-wachtwoord"})
        .status_code
        == 302
    )


def test_open_redirects_are_refused(world: World) -> None:
    response = Client().post(
        LOGIN,
        {"username": "lid@test.invalid", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.url == "/start/"

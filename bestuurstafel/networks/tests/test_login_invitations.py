"""A login for someone who already takes part: the secretary sends it, the person makes it."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bestuurstafel.accounts.models import User
from bestuurstafel.core.models import AuditEvent
from bestuurstafel.networks import selectors, services
from bestuurstafel.networks.models import BodyMembership, Invitation, Membership, Person
from bestuurstafel.testing.world import World


def colleague(world: World) -> Membership:
    return world.memberships["colleague"]


def test_a_member_without_login_gets_an_invitation_and_makes_a_login(
    world: World, django_capture_on_commit_callbacks
) -> None:
    person = world.people["colleague"]
    seats = BodyMembership.objects.filter(person=person).count()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = services.login_invitation_create(
            actor=world.users["secretary"], membership=colleague(world)
        )
    assert invitation.login_only and invitation.person == person
    assert [m.to for m in mail.outbox] == [["collega@test.invalid"]]
    message = mail.outbox[0]
    assert message.subject == "Uw account voor Netwerk Zuidoost"
    assert "maar u heeft nog geen account" in message.body
    assert f"/uitnodiging/{token}/" in message.body
    assert AuditEvent.objects.filter(action="networks.login_invitation_create").exists()

    user = services.invitation_accept(token=token, password="een-goed-wachtwoord")
    person.refresh_from_db()
    assert person.user == user and user.email == "collega@test.invalid"
    # The same person, membership and seats: nothing is added or duplicated.
    assert Person.objects.filter(email__iexact="collega@test.invalid").count() == 1
    assert Membership.objects.filter(person=person, network=world.network).count() == 1
    assert BodyMembership.objects.filter(person=person).count() == seats
    with pytest.raises(services.InvitationInvalid):
        services.invitation_accept(token=token, password="een-goed-wachtwoord")


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("has_login", "Anna Lid heeft al een account."),
        ("no_email", "heeft geen e-mailadres"),
        ("ended", "doet niet meer mee in dit netwerk"),
        ("open", "Er staat al een uitnodiging open voor dit adres"),
    ],
)
def test_it_refuses_with_a_clear_message_and_sends_nothing(
    world: World, case: str, message: str, django_capture_on_commit_callbacks
) -> None:
    membership = colleague(world)
    if case == "has_login":
        membership = world.memberships["member"]
    elif case == "no_email":
        Person.objects.filter(pk=membership.person_id).update(email=None)
        membership.refresh_from_db()
    elif case == "ended":
        membership.end_date = timezone.localdate() - timedelta(days=1)
        membership.save()
    elif case == "open":
        services.login_invitation_create(actor=None, membership=membership)
    before = Invitation.objects.count()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as error:
        services.login_invitation_create(actor=None, membership=membership)
    assert message in " ".join(error.value.messages)
    assert Invitation.objects.count() == before
    assert mail.outbox == []


def test_inviting_everyone_without_login_sends_one_each_and_skips_the_rest(
    world: World, django_capture_on_commit_callbacks
) -> None:
    for given, family, email in [("Nina", "Nieuw", "nina@test.invalid"), ("Geen", "Adres", None)]:
        Membership.objects.create(
            person=Person.objects.create(given_name=given, family_name=family, email=email),
            network=world.network,
            organisation=world.organisations["welzijn"],
            role="member",
            start_date=timezone.localdate(),
        )
    waiting = {m.person.email for m in selectors.memberships_without_login(network=world.network)}
    assert waiting == {"collega@test.invalid", "nina@test.invalid"}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.login_invitations_create(actor=None, network=world.network)
    assert sorted(i.email for i in sent) == ["collega@test.invalid", "nina@test.invalid"]
    assert sorted(m.to[0] for m in mail.outbox) == ["collega@test.invalid", "nina@test.invalid"]
    # A second time there is nobody left to invite.
    assert services.login_invitations_create(actor=None, network=world.network) == []
    assert not selectors.memberships_without_login(network=world.network).exists()


def test_an_existing_login_is_linked_when_its_owner_accepts(world: World) -> None:
    """Someone who made a login elsewhere (another network) logs in and accepts."""
    account = User.objects.create_user(email="collega@test.invalid", password="x-y-z-w-1-2-3")
    _invitation, token = services.login_invitation_create(actor=None, membership=colleague(world))
    with pytest.raises(ValidationError):
        services.invitation_accept(token=token, user=world.users["member"])
    services.invitation_accept(token=token, user=account)
    assert Person.objects.get(pk=world.people["colleague"].pk).user == account


def test_inviting_a_current_member_as_new_points_to_the_login_invitation(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        services.invitation_create(
            actor=None,
            network=world.network,
            email="collega@test.invalid",
            given_name="Cor",
            family_name="Collega",
            organisation=world.organisations["welzijn"],
        )
    assert "stuur er dan een vanaf de eigen pagina" in " ".join(error.value.messages)


def test_the_secretary_sends_logins_from_the_pages(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("secretary")
    members = reverse("networks:manage_members", kwargs={"slug": "zuidoost"})
    page = client.get(members).content.decode()
    assert "Mensen zonder account" in page
    assert "1 persoon uitnodigen om een account te maken" in page

    member_page = reverse(
        "networks:manage_member", kwargs={"slug": "zuidoost", "code": colleague(world).code}
    )
    assert "Uitnodigen om een account te maken" in client.get(member_page).content.decode()
    response = client.post(
        reverse(
            "networks:manage_member_login",
            kwargs={"slug": "zuidoost", "code": colleague(world).code},
        ),
        follow=True,
    )
    page = response.content.decode()
    assert (
        "Er is een uitnodiging om een account te maken verstuurd naar collega@test.invalid." in page
    )
    assert "uitgenodigd om een account te maken; de link is geldig tot" in page
    # Sending again is refused with a message, not a second invitation.
    response = client.post(
        reverse(
            "networks:manage_member_login",
            kwargs={"slug": "zuidoost", "code": colleague(world).code},
        ),
        follow=True,
    )
    assert "Er staat al een uitnodiging open voor dit adres" in response.content.decode()
    assert Invitation.objects.filter(login_only=True).count() == 1

    page = client.get(members).content.decode()
    assert "Mensen zonder account" not in page and ">uitgenodigd<" in page
    invitations = reverse("networks:manage_invitations", kwargs={"slug": "zuidoost"})
    assert "doet al mee; alleen een account" in client.get(invitations).content.decode()
    response = client.post(
        reverse("networks:manage_members_login", kwargs={"slug": "zuidoost"}), follow=True
    )
    assert (
        "Iedereen heeft al een account of een openstaande uitnodiging." in response.content.decode()
    )


def test_the_member_makes_the_login_from_the_link_and_sees_the_network(world: World) -> None:
    _invitation, token = services.login_invitation_create(actor=None, membership=colleague(world))
    client = Client()
    url = reverse("networks:invitation_accept", kwargs={"token": token})
    page = client.get(url).content.decode()
    assert "Cor Collega, u doet al mee; hier maakt u uw account." in page
    response = client.post(
        url, {"password1": "een-goed-wachtwoord", "password2": "een-goed-wachtwoord"}
    )
    assert response.status_code == 302
    assert client.get(reverse("networks:directory", kwargs={"slug": "zuidoost"})).status_code == 200
    assert Membership.objects.filter(person=world.people["colleague"]).count() == 1


def test_ending_the_membership_withdraws_an_open_login_invitation(world: World) -> None:
    membership = colleague(world)
    _invitation, token = services.login_invitation_create(actor=None, membership=membership)
    # Ending later: the person still takes part until then, and the link still works.
    services.membership_end(
        actor=None, membership=membership, end_date=timezone.localdate() + timedelta(days=30)
    )
    assert services.invitation_for_token(token=token)
    services.membership_end(
        actor=None, membership=membership, end_date=timezone.localdate() - timedelta(days=1)
    )
    with pytest.raises(services.InvitationInvalid) as gone:
        services.invitation_for_token(token=token)
    assert gone.value.reason == "revoked"


def test_someone_with_two_current_memberships_gets_one_invitation(
    world: World, django_capture_on_commit_callbacks
) -> None:
    """Changing organisation: the old membership ends later, the new one has begun."""
    membership = colleague(world)
    membership.end_date = timezone.localdate() + timedelta(days=30)
    membership.save()
    Membership.objects.create(
        person=membership.person,
        network=world.network,
        organisation=world.organisations["huisartsen"],
        role="member",
        start_date=timezone.localdate(),
    )
    assert selectors.memberships_without_login(network=world.network).count() == 2
    assert selectors.people_without_login_count(network=world.network) == 1
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.login_invitations_create(actor=None, network=world.network)
    assert [i.email for i in sent] == ["collega@test.invalid"]
    assert len(mail.outbox) == 1


def test_a_link_sent_to_an_old_address_no_longer_works(world: World) -> None:
    _invitation, token = services.login_invitation_create(actor=None, membership=colleague(world))
    Person.objects.filter(pk=world.people["colleague"].pk).update(email="nieuw.adres@test.invalid")
    with pytest.raises(services.InvitationInvalid) as gone:
        services.invitation_accept(token=token, password="een-goed-wachtwoord")
    assert gone.value.reason == "revoked"
    assert not User.objects.filter(email="collega@test.invalid").exists()

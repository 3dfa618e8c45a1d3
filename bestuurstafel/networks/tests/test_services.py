import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from bestuurstafel.accounts.models import User
from bestuurstafel.core.imports import ImportFailed
from bestuurstafel.core.models import AuditEvent
from bestuurstafel.networks import services
from bestuurstafel.networks.models import Body, BodyMembership, Membership, Organisation, Person
from bestuurstafel.testing.world import World


def test_it_creates_an_organisation_and_traces_it(world: World) -> None:
    actor = world.users["secretary"]
    organisation = services.organisation_create(
        actor=actor,
        network=world.network,
        name="  Stichting Beperkt Wonen ",
        sector="disability_care",
        care_lines=[2, 1, 2],
        target_groups=["adults"],
        municipalities=[world.municipalities["GM0355"]],
    )
    assert organisation.name == "Stichting Beperkt Wonen"
    assert organisation.care_lines == [1, 2]
    event = AuditEvent.objects.get(action="networks.organisation_create")
    assert event.actor == actor and event.network == world.network
    assert event.changes["sector"] == "disability_care"


def test_it_refuses_a_duplicate_organisation_name_whatever_the_case(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        services.organisation_create(
            actor=world.users["secretary"],
            network=world.network,
            name="welzijn zuidoost",
            sector="welfare",
        )
    assert "Welzijn Zuidoost" not in str(error.value) or "al een organisatie" in str(error.value)
    assert (
        Organisation.objects.filter(network=world.network, name__iexact="welzijn zuidoost").count()
        == 1
    )


def test_the_same_name_may_exist_in_another_network(world: World) -> None:
    services.organisation_create(
        actor=None, network=world.other, name="Welzijn Zuidoost", sector="welfare"
    )


def test_it_records_what_changed_on_update(world: World) -> None:
    organisation = world.organisations["welzijn"]
    services.organisation_update(
        actor=world.users["secretary"],
        organisation=organisation,
        website="https://welzijn.test.invalid",
    )
    event = AuditEvent.objects.get(action="networks.organisation_update")
    assert event.changes == {"website": {"from": "", "to": "https://welzijn.test.invalid"}}


CSV_OK = (
    "naam;sector;lijnen;doelgroepen;gemeenten;website\n"
    "Zorg Een;Gehandicaptenzorg;1,2;ouderen;GM0310;zorg-een.test.invalid\n"
    "Zorg Twee;vvt;1;elderly;Zeist;\n"
)


def _import(world: World, text: str, *, commit: bool, name: str = "org.csv") -> list:
    return services.organisations_import(
        actor=world.users["secretary"],
        network=world.network,
        file=io.BytesIO(text.encode()),
        filename=name,
        commit=commit,
    )


def test_it_imports_organisations_after_a_check(world: World) -> None:
    before = Organisation.objects.count()
    rows = _import(world, CSV_OK, commit=False)
    assert [r["name"] for r in rows] == ["Zorg Een", "Zorg Twee"]
    assert Organisation.objects.count() == before  # checking saves nothing
    _import(world, CSV_OK, commit=True)
    one = Organisation.objects.get(name="Zorg Een")
    assert one.sector == "disability_care" and one.care_lines == [1, 2]
    assert one.website == "https://zorg-een.test.invalid"
    assert [m.code for m in one.municipalities.all()] == ["GM0310"]


def test_it_reports_every_bad_row_with_row_and_column_and_saves_nothing(world: World) -> None:
    text = (
        "naam;sector;lijnen;gemeenten\n"
        "Zorg Een;zorg;1;GM0310\n"  # unknown sector
        "Zorg Twee;vvt;5;GM9999\n"  # bad care line, unknown municipality
        "Welzijn Zuidoost;welfare;0;\n"  # exists already
        "Zorg Drie;vvt;1;\n"
        "zorg drie;vvt;1;\n"  # duplicate in the file
    )
    before = Organisation.objects.count()
    with pytest.raises(ImportFailed) as failed:
        _import(world, text, commit=True)
    messages = [str(e) for e in failed.value.errors]
    assert messages == [
        "Rij 2, kolom ‘sector’: onbekende sector ‘zorg’",
        "Rij 3, kolom ‘lijnen’: ‘5’ is geen zorglijn (0, 1, 2 of 3)",
        "Rij 3, kolom ‘gemeenten’: onbekende gemeente ‘GM9999’",
        "Rij 4, kolom ‘naam’: ‘Welzijn Zuidoost’ bestaat al in dit netwerk",
        "Rij 6, kolom ‘naam’: ‘zorg drie’ staat ook in rij 5",
    ]
    assert Organisation.objects.count() == before


def test_it_reports_missing_columns(world: World) -> None:
    with pytest.raises(ImportFailed) as failed:
        _import(world, "naam;website\nZorg;\n", commit=True)
    assert [str(e) for e in failed.value.errors] == [
        "Kolom ‘sector’: deze verplichte kolom ontbreekt in het bestand"
    ]


def test_it_refuses_other_file_types(world: World) -> None:
    with pytest.raises(ImportFailed) as failed:
        _import(world, "%PDF-1.4", commit=False, name="org.pdf")
    assert "CSV- of XLSX-bestand" in str(failed.value.errors[0])


def test_it_reads_xlsx(world: World) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Naam", "Sector", "Lijnen", "Gemeenten"])
    sheet.append(["Zorg Excel", "Apotheek", 1, "GM0312"])
    data = io.BytesIO()
    book.save(data)
    rows = services.organisations_import(
        actor=None,
        network=world.network,
        file=io.BytesIO(data.getvalue()),
        filename="x.xlsx",
        commit=True,
    )
    assert rows[0]["sector"] == "pharmacy"
    assert Organisation.objects.filter(name="Zorg Excel", sector="pharmacy").exists()


# --- Invitations -------------------------------------------------------------------------------


def test_an_invitation_sends_one_email_with_a_link(
    world: World, django_capture_on_commit_callbacks
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = services.invitation_create(
            actor=world.users["secretary"],
            network=world.network,
            email="Director@Test.Invalid",
            given_name="Dirk",
            family_name="Directeur",
            organisation=world.organisations["huisartsen"],
        )
    assert invitation.email == "director@test.invalid"
    assert len(mail.outbox) == 1
    assert f"/uitnodiging/{token}/" in mail.outbox[0].body
    assert mail.outbox[0].subject == "Uitnodiging voor Netwerk Zuidoost"
    assert token not in invitation.token_hash  # only the hash is stored


def test_accepting_creates_login_person_membership_and_seats(world: World) -> None:
    _invitation, token = services.invitation_create(
        actor=world.users["secretary"],
        network=world.network,
        email="dirk@test.invalid",
        given_name="Dirk",
        family_name="Directeur",
        organisation=world.organisations["huisartsen"],
        bodies=[world.working_group],
    )
    user = services.invitation_accept(token=token, password="een-goed-wachtwoord")
    assert user.check_password("een-goed-wachtwoord")
    person = Person.objects.get(email="dirk@test.invalid")
    assert person.user == user
    membership = Membership.objects.get(person=person, network=world.network)
    assert (
        membership.organisation == world.organisations["huisartsen"] and membership.role == "member"
    )
    assert BodyMembership.objects.filter(person=person, body=world.working_group).exists()
    with pytest.raises(services.InvitationInvalid) as used:
        services.invitation_accept(token=token, password="een-goed-wachtwoord")
    assert used.value.reason == "used"


def test_an_expired_or_withdrawn_or_unknown_link_says_so(world: World) -> None:
    token = world.extra["invitation_token"]
    world.invitation.expires_at = timezone.now() - timedelta(minutes=1)
    world.invitation.save()
    with pytest.raises(services.InvitationInvalid) as expired:
        services.invitation_accept(token=token, password="een-goed-wachtwoord")
    assert expired.value.reason == "expired"
    _invitation, fresh = services.invitation_resend(
        actor=world.users["secretary"], invitation=world.invitation
    )
    with pytest.raises(services.InvitationInvalid):
        services.invitation_for_token(token=token)  # the old link stopped working
    services.invitation_revoke(actor=world.users["secretary"], invitation=world.invitation)
    with pytest.raises(services.InvitationInvalid) as revoked:
        services.invitation_for_token(token=fresh)
    assert revoked.value.reason == "revoked"
    with pytest.raises(services.InvitationInvalid) as unknown:
        services.invitation_for_token(token="nonsense")
    assert unknown.value.reason == "unknown"
    assert not User.objects.filter(email="nieuw@test.invalid").exists()


def test_a_weak_password_is_refused_and_nothing_is_saved(world: World) -> None:
    with pytest.raises(ValidationError):
        services.invitation_accept(token=world.extra["invitation_token"], password="12345678")
    assert not User.objects.filter(email="nieuw@test.invalid").exists()
    assert not Person.objects.filter(email="nieuw@test.invalid").exists()


def test_someone_in_another_network_joins_with_their_existing_login(world: World) -> None:
    _invitation, token = services.invitation_create(
        actor=world.users["secretary"],
        network=world.network,
        email="buitenstaander@test.invalid",
        given_name="Otto",
        family_name="Buiten",
        organisation=world.organisations["huisartsen"],
    )
    with pytest.raises(ValidationError):
        services.invitation_accept(token=token, password="een-goed-wachtwoord")  # must log in
    services.invitation_accept(token=token, user=world.users["outsider"])
    assert Membership.objects.filter(person=world.people["outsider"]).count() == 2


def test_it_refuses_inviting_someone_who_takes_part_already(world: World) -> None:
    with pytest.raises(ValidationError):
        services.invitation_create(
            actor=None,
            network=world.network,
            email="lid@test.invalid",
            given_name="A",
            family_name="L",
            organisation=world.organisations["welzijn"],
        )


def test_a_member_must_represent_an_organisation(world: World) -> None:
    with pytest.raises(ValidationError):
        services.invitation_create(
            actor=None,
            network=world.network,
            email="x@test.invalid",
            given_name="X",
            family_name="Y",
            role="member",
        )


# --- Memberships and bodies --------------------------------------------------------------------


def test_ending_a_membership_ends_the_body_seats_too(world: World) -> None:
    membership = world.memberships["member"]
    services.membership_end(
        actor=world.users["secretary"], membership=membership, end_date=date.today()
    )
    assert not BodyMembership.objects.filter(
        person=world.people["member"], end_date__isnull=True
    ).exists()
    with pytest.raises(ValidationError):
        services.membership_end(actor=None, membership=membership, end_date=date(2000, 1, 1))


def test_membership_rules(world: World) -> None:
    membership = world.memberships["colleague"]
    with pytest.raises(ValidationError):
        services.membership_update(actor=None, membership=membership, deputy=membership.person)
    membership.refresh_from_db()
    with pytest.raises(ValidationError):
        services.membership_update(
            actor=None, membership=membership, organisation=world.organisations["stad"]
        )
    membership.refresh_from_db()
    services.membership_update(
        actor=None, membership=membership, deputy=world.people["member"], role="editor"
    )
    membership.refresh_from_db()
    assert membership.deputy == world.people["member"] and membership.role == "editor"


def test_only_people_of_the_network_sit_in_its_bodies(world: World) -> None:
    with pytest.raises(ValidationError):
        services.body_member_add(
            actor=None, body=world.plenary, person=world.people["outsider"], role="member"
        )
    with pytest.raises(ValidationError):
        services.body_member_add(
            actor=None, body=world.plenary, person=world.people["member"], role="member"
        )
    seat = services.body_member_add(
        actor=None, body=world.working_group, person=world.people["member"], role="chair"
    )
    assert seat.role == "chair"


def test_body_rules(world: World) -> None:
    with pytest.raises(ValidationError):
        services.body_create(actor=None, network=world.network, name="LSV", kind="local_body")
    with pytest.raises(ValidationError):
        services.body_create(
            actor=None,
            network=world.network,
            name="LSV Utrecht",
            kind="local_body",
            municipality=world.municipalities["GM0344"],
        )
    lsv = services.body_create(
        actor=None,
        network=world.network,
        name="LSV Zeist",
        kind="local_body",
        municipality=world.municipalities["GM0355"],
    )
    assert lsv.slug == "lsv-zeist"
    with pytest.raises(ValidationError):
        services.body_update(actor=None, body=world.plenary, parent=world.working_group)  # a cycle
    with pytest.raises(ValidationError):
        services.body_create(
            actor=None, network=world.network, name="Stuurgroep", kind="steering_group"
        )
    assert Body.objects.filter(network=world.network, slug="stuurgroep").count() == 1

"""An adversarial review of the networks app: privileges, odd input, invitations, exports.

Tests whose docstring starts with "A bug" failed before the fix that came with them (each was
checked with its fix taken out); the others confirm that an attack found nothing, and guard
that it stays so.
"""

import io
import re
import signal
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from bestuurstafel.accounts.models import User
from bestuurstafel.core import tables
from bestuurstafel.core.models import AuditEvent
from bestuurstafel.networks import services
from bestuurstafel.networks.access import viewer_for_person
from bestuurstafel.networks.models import (
    Body,
    BodyMembership,
    Invitation,
    Membership,
    Organisation,
    Person,
)
from bestuurstafel.testing.world import World, login

SLUG = "zuidoost"


def url(name: str, **kwargs: object) -> str:
    return reverse(f"networks:{name}", kwargs={"slug": SLUG, **kwargs})


def client_as(world: World, persona: str) -> Client:
    """A logged-in client that answers a server error with a 500 instead of raising it."""
    return login(Client(raise_request_exception=False), world.user(persona))


def upload(content: bytes, name: str) -> io.BytesIO:
    file = io.BytesIO(content)
    file.name = name
    return file


@pytest.fixture
def other_secretary(world: World) -> Client:
    """The outsider, made secretary of the OTHER network (with two-factor, as required)."""
    Membership.objects.filter(pk=world.memberships["outsider"].pk).update(role="secretary")
    TOTPDevice.objects.create(user=world.user("outsider"), name="test", confirmed=True)
    return client_as(world, "outsider")


# --- 1. Privileges ---------------------------------------------------------------------------------


def _manage_urls(world: World) -> list[str]:
    member = world.memberships["colleague"]
    seat = BodyMembership.objects.filter(body=world.plenary).first()
    assert seat is not None
    return [
        url("manage"),
        url("manage_settings"),
        url("manage_organisations"),
        url("manage_organisation_add"),
        url("manage_organisations_import"),
        url("manage_organisation", code=world.organisations["welzijn"].code),
        url("manage_members"),
        url("manage_invite"),
        url("manage_members_login"),
        url("manage_member", code=member.code),
        url("manage_member_login", code=member.code),
        url("manage_member_end", code=member.code),
        url("manage_invitations"),
        url("manage_invitation_resend", code=world.invitation.code),
        url("manage_invitation_revoke", code=world.invitation.code),
        url("manage_bodies"),
        url("manage_body_add"),
        url("manage_body", body="plenair"),
        url("manage_body_edit", body="plenair"),
        url("manage_seat", body="plenair", seat=seat.pk),
        url("manage_audit"),
    ]


@pytest.mark.parametrize("persona", ["member", "partner", "chair", "outsider"])
def test_nobody_but_the_secretary_reads_or_changes_the_managed_pages(
    world: World, persona: str
) -> None:
    """Guards: member, partner, chair and outsider get 403/404 on every page of the secretary,
    by GET and by POST, and nothing changes (no audit event, no e-mail, no new row)."""
    client = client_as(world, persona)
    events = AuditEvent.objects.count()
    invitations = Invitation.objects.count()
    mail.outbox.clear()
    for address in _manage_urls(world):
        for method in (client.get, client.post):
            response = method(address, {"name": "X", "end-end_date": "2024-02-01"})
            assert response.status_code in (403, 404, 405), (persona, method, address)
    assert Invitation.objects.count() == invitations
    assert not mail.outbox
    assert AuditEvent.objects.count() == events


def test_a_secretary_of_another_network_manages_nothing_here(
    world: World, other_secretary: Client
) -> None:
    """Guards: the secretary of another network gets 403 on every page of this network's
    secretary and cannot see its directory or people (rule d)."""
    for address in _manage_urls(world):
        assert other_secretary.get(address).status_code in (403, 405), address
        assert other_secretary.post(address, {}).status_code == 403, address
    assert other_secretary.get(url("directory")).status_code == 403
    person = url("person", code=world.people["member"].code)
    assert other_secretary.get(person).status_code in (403, 404)


def test_a_secretary_of_another_network_cannot_reach_this_networks_objects_from_their_own(
    world: World, other_secretary: Client
) -> None:
    """Guards: codes and ids of this network's objects under the other network's own pages are
    not found (the selectors scope every lookup to the network in the URL)."""
    stad = {"slug": "stad"}
    member = world.memberships["colleague"]
    seat = BodyMembership.objects.filter(body=world.plenary).first()
    assert seat is not None
    addresses = [
        reverse(
            "networks:manage_organisation",
            kwargs={**stad, "code": world.organisations["welzijn"].code},
        ),
        reverse("networks:manage_member", kwargs={**stad, "code": member.code}),
        reverse("networks:manage_member_login", kwargs={**stad, "code": member.code}),
        reverse("networks:manage_member_end", kwargs={**stad, "code": member.code}),
        reverse(
            "networks:manage_invitation_resend", kwargs={**stad, "code": world.invitation.code}
        ),
        reverse(
            "networks:manage_invitation_revoke", kwargs={**stad, "code": world.invitation.code}
        ),
        reverse("networks:manage_body", kwargs={**stad, "body": "plenair"}),
        reverse("networks:manage_body_edit", kwargs={**stad, "body": "plenair"}),
        reverse("networks:manage_seat", kwargs={**stad, "body": "stadstafel", "seat": seat.pk}),
    ]
    for address in addresses:
        assert other_secretary.post(address, {"end-end_date": "2024-02-01"}).status_code == 404
    member.refresh_from_db()
    world.invitation.refresh_from_db()
    assert member.end_date is None and world.invitation.state == "open"


def test_posted_ids_of_another_networks_objects_are_refused(world: World) -> None:
    """Guards: a secretary POSTing ids of the other network's organisation, person or body
    (member form, deputy, body seat, invitation) gets the form back with an error (400) and
    nothing is saved."""
    client = client_as(world, "secretary")
    stad_org = world.organisations["stad"]
    outsider = world.people["outsider"]
    stadstafel = Body.objects.get(slug="stadstafel")
    member = world.memberships["member"]

    response = client.post(
        url("manage_member", code=member.code),
        {"organisation": stad_org.pk, "role": "member", "start_date": "2024-01-01"},
    )
    assert response.status_code == 400
    response = client.post(
        url("manage_member", code=member.code),
        {
            "organisation": world.organisations["welzijn"].pk,
            "role": "member",
            "start_date": "2024-01-01",
            "deputy": outsider.pk,
        },
    )
    assert response.status_code == 400
    member.refresh_from_db()
    assert member.organisation == world.organisations["welzijn"] and member.deputy is None

    response = client.post(
        url("manage_body", body="plenair"), {"person": outsider.pk, "role": "member"}
    )
    assert response.status_code == 400
    assert not BodyMembership.objects.filter(person=outsider, body=world.plenary).exists()

    response = client.post(
        url("manage_invite"),
        {
            "given_name": "X",
            "family_name": "Y",
            "email": "xy@test.invalid",
            "organisation": stad_org.pk,
            "role": "member",
            "bodies": [stadstafel.pk],
        },
    )
    assert response.status_code == 400
    assert not Invitation.objects.filter(email="xy@test.invalid").exists()

    response = client.post(
        url("manage_body_add"),
        {"name": "Nieuw", "kind": "working_group", "parent": stadstafel.pk},
    )
    assert response.status_code == 400
    assert not Body.objects.filter(name="Nieuw").exists()


def test_a_seat_of_another_body_is_not_found_under_this_body(world: World) -> None:
    """Guards: the seat id in the URL is looked up within the body of the URL."""
    client = client_as(world, "secretary")
    seat = BodyMembership.objects.get(body=world.steering, person=world.people["member"])
    response = client.post(
        url("manage_seat", body="plenair", seat=seat.pk),
        {"role": "chair", "end_date": ""},
    )
    assert response.status_code == 404
    seat.refresh_from_db()
    assert seat.role == "member"


def test_an_import_checked_for_one_network_cannot_be_confirmed_in_another(world: World) -> None:
    """Guards: the stash of an upload is scoped to the network it was checked for, so a
    secretary of two networks cannot check a file in one and confirm it in the other."""
    Membership.objects.create(
        person=world.people["secretary"],
        network=world.other,
        role="secretary",
        start_date=date(2024, 1, 1),
    )
    client = client_as(world, "secretary")
    response = client.post(
        url("manage_organisations_import"),
        {"file": upload(b"naam;sector\nZorg Q;wonen\n", "a.csv")},
    )
    token = response.context["stash"]
    assert token
    other = reverse("networks:manage_organisations_import", kwargs={"slug": "stad"})
    assert client.post(other, {"stash": token}).status_code == 302
    assert not Organisation.objects.filter(name="Zorg Q").exists()
    # And another session (another secretary of the same network) cannot use it either.
    thief = client_as(world, "admin")
    assert thief.post(url("manage_organisations_import"), {"stash": token}).status_code == 302
    assert not Organisation.objects.filter(name="Zorg Q").exists()


@pytest.mark.parametrize("persona", ["anonymous", "outsider"])
def test_people_outside_the_network_never_see_contact_details(world: World, persona: str) -> None:
    """Guards: the e-mail address and phone of people show nowhere to someone without a role in
    the network: not on the public pages, the body page, the coverage of a body, nor in the
    directory or its htmx fragment."""
    Person.objects.filter(pk=world.people["member"].pk).update(phone="0612345678")
    client = client_as(world, persona) if persona != "anonymous" else Client()
    pages = [
        url("detail"),
        url("coverage") + "?orgaan=plenair",
        url("body", body="plenair"),
        url("directory"),
        url("person", code=world.people["member"].code),
    ]
    for address in pages:
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
            body = client.get(address, **headers).content.decode()
            assert "lid@test.invalid" not in body, address
            assert "0612345678" not in body, address
            assert "collega@test.invalid" not in body, address


def test_an_ended_membership_loses_the_directory(world: World) -> None:
    """Guards: the day after a membership ends, the person no longer reads the directory."""
    Membership.objects.filter(pk=world.memberships["member"].pk).update(
        end_date=timezone.localdate() - timedelta(days=1)
    )
    client = client_as(world, "member")
    assert client.get(url("directory")).status_code == 403
    assert client.get(url("person", code=world.people["colleague"].code)).status_code == 403


# --- 2. Odd input: imports ----------------------------------------------------------------------


def _check(
    world: World, content: bytes, name: str = "f.csv", client: Client | None = None
) -> tuple[int, str, object]:
    client = client or client_as(world, "secretary")
    response = client.post(url("manage_organisations_import"), {"file": upload(content, name)})
    context = response.context or {}
    return response.status_code, response.content.decode(), context.get("stash", "")


def test_an_import_with_a_digit_like_character_in_care_lines_is_a_row_error(world: World) -> None:
    """A bug: "²" (or "³", "①") in the "lijnen" column passes ``str.isdigit()`` but ``int()``
    refuses it: ValueError, a 500 instead of "Rij 2, kolom ‘lijnen’: ...".
    services.py organisations_import: ``part.isdigit()``; use ``part.isdecimal()`` (or try
    ``int()`` and catch ValueError)."""
    status, body, _stash = _check(world, "naam;sector;lijnen\nZorg A;wonen;²\n".encode())
    assert status == 400
    assert "Rij 2" in body and "lijnen" in body
    assert not Organisation.objects.filter(name="Zorg A").exists()


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("Z" * 201 + ";wonen;", "naam"),
        ("Zorg B;wonen;dit is geen adres", "website"),
        ("Zorg C;wonen;" + "a" * 300 + ".nl", "website"),
    ],
)
def test_the_check_step_finds_what_the_confirm_step_would_refuse(
    world: World, row: str, column: str
) -> None:
    """A bug: a name over 200 characters or a website that is no valid URL (or over 200) passes
    the check (a preview, "all fine"), and only the confirm step fails, with "Rij 2: ..." in
    Django's words and without the column. services.py organisations_import validates neither
    length nor URL while reading rows; the model's ``full_clean`` in organisation_create is
    the first to look. Fix: in the row loop, check ``len(name) > 200`` and run
    ``URLValidator()`` / ``len(website) > 200`` on the website, each a RowError with its
    column, so the check step refuses with row and column."""
    status, body, stash = _check(world, f"naam;sector;website\n{row}\n".encode())
    assert status == 400, "the check step accepted a row the confirm step will refuse"
    assert not stash
    assert f"Rij 2, kolom ‘{column}’" in body


def test_a_nul_character_in_a_csv_cell_is_refused_with_row_and_column(world: World) -> None:
    """A bug: a NUL character in a CSV cell passes the check and confirm; on SQLite it is saved
    in the organisation's name, on PostgreSQL (DATABASE_URL) the confirm step is a 500
    ("A string literal cannot contain NUL"). core/imports.py ``_read_csv`` (and the import's
    row loop) never look for it; forms refuse it with ProhibitNullCharactersValidator. Fix:
    in ``_read_csv``/``_read_xlsx`` turn a cell with "\\x00" into a RowError with row and
    column ("bevat een ongeldig teken")."""
    client = client_as(world, "secretary")
    status, body, stash = _check(world, b"naam;sector\nZorg\x00D;wonen\n", client=client)
    if status == 200 and stash:
        client.post(url("manage_organisations_import"), {"stash": stash})
    # Compared in Python: SQLite's LIKE stops at a NUL, so a query would match every name.
    assert not any("\x00" in name for name in Organisation.objects.values_list("name", flat=True))
    assert status == 400 and "Rij 2, kolom ‘naam’" in body


def _xlsx(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rewrite_sheet(data: bytes, change: Callable[[bytes], bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = change(content)
            target.writestr(item, content)
    return out.getvalue()


class _TooSlow(Exception):
    pass


@pytest.fixture
def deadline() -> Iterator[Callable[[float], None]]:
    """Interrupt the test (the view becomes a 500) after a number of seconds."""

    def handler(_signum: int, _frame: object) -> None:
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, handler)

    def start(seconds: float) -> None:
        signal.setitimer(signal.ITIMER_REAL, seconds)

    yield start
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


def test_a_tiny_xlsx_claiming_a_huge_sheet_is_refused(
    world: World, deadline: Callable[[float], None]
) -> None:
    """A bug: a 5 KB .xlsx whose sheet says ``<dimension ref="A1:XFD1048576"/>`` and puts its
    second row at row 1048576 kept a web worker busy for hours: openpyxl's read-only mode
    padded every row, including the million missing ones, to 16,384 cells, and
    ``core.imports._read_xlsx`` had no row limit. Now the claimed size is not trusted (only the
    header's columns are read) and a file with more rows than ``MAX_ROWS`` is refused with a
    message. (The deadline only turns a hang into a failure; nothing here measures time.)"""

    def huge(sheet: bytes) -> bytes:
        sheet = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', sheet)
        return (
            sheet.replace(b'r="2"', b'r="1048576"')
            .replace(b'r="A2"', b'r="A1048576"')
            .replace(b'r="B2"', b'r="B1048576"')
        )

    data = _rewrite_sheet(_xlsx([["naam", "sector"], ["Zorg X", "welzijn"]]), huge)
    assert len(data) < 10_000
    deadline(120)
    status, body, stash = _check(world, data, "klein.xlsx")
    assert status == 400 and not stash
    assert "Het bestand heeft meer dan 10000 rijen" in body
    assert not Organisation.objects.filter(name="Zorg X").exists()


def test_an_xlsx_that_unpacks_to_a_huge_sheet_is_refused_before_reading(world: World) -> None:
    """A zip bomb: a sheet of 30 MB of blank space packs to some tens of kilobytes. The size
    its zip directory gives is checked before openpyxl opens it."""

    def padded(sheet: bytes) -> bytes:
        return sheet.replace(b"<sheetData>", b"<sheetData>" + b" " * 30_000_000)

    data = _rewrite_sheet(_xlsx([["naam", "sector"], ["Zorg Y", "welzijn"]]), padded)
    assert len(data) < 200_000
    status, body, stash = _check(world, data, "bom.xlsx")
    assert status == 400 and not stash
    assert "Het Excel-bestand is uitgepakt te groot (meer dan 20 MB)." in body


def test_an_xlsx_with_extra_columns_past_the_header_is_read(world: World) -> None:
    """Guards the narrower reading: a value in a column without a header is left out, the
    columns of the header are read as before."""
    data = _xlsx([["naam", "sector", None], ["Zorg Z", "welzijn", "los"]])
    status, _body, stash = _check(world, data, "breed.xlsx")
    assert status == 200 and stash


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"", "leeg.csv"),
        (b"\xef\xbb\xbf", "bom.csv"),
        (b"\n\n\n", "regels.csv"),
        (b"\xff\xfen\x00a\x00a\x00m\x00", "utf16.csv"),
        (b"naam;sector\n" + b"a" * 200_000 + b";wonen\n", "grote-cel.csv"),
        (b'naam;sector\n"open aanhalingsteken;wonen\n', "quote.csv"),
        (b"naam;sector\nZorg;wonen;extra\n", "extra.csv"),
        (b"PK\x03\x04 dit is geen zip", "kapot.xlsx"),
        (b"naam;sector\nZorg;wonen\n", "eigenlijk-csv.xlsx"),
        (b"naam;sector\n", "alleen-kop.csv"),
        (b"naam;sector\nZorg;wonen\n", "bestand.xls"),
        (b"naam;sector\nZorg;wonen\n", "geen-extensie"),
    ],
)
def test_odd_files_are_refused_with_a_message(world: World, content: bytes, name: str) -> None:
    """Guards: empty files, a lone BOM, UTF-16, a 200,000-character cell, a broken quote, an
    extra value, a broken or fake .xlsx, only a header, other extensions: each is refused with
    a message (400), never a 500, and nothing is saved or stashed."""
    count = Organisation.objects.count()
    status, body, stash = _check(world, content, name)
    assert status == 400, name
    assert "Er is niets opgeslagen" in body or "leeg" in body, name
    assert not stash
    assert Organisation.objects.count() == count


def test_a_chartsheet_only_workbook_is_refused(world: World) -> None:
    """Guards: a workbook without a worksheet (only a chart sheet) is a message, not an
    IndexError."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.create_chartsheet()
    workbook.remove(workbook.active)
    buffer = io.BytesIO()
    workbook.save(buffer)
    status, _body, _stash = _check(world, buffer.getvalue(), "grafiek.xlsx")
    assert status == 400


def test_commas_bom_empty_rows_and_case_duplicates(world: World) -> None:
    """Guards: a comma-separated file with a BOM and empty rows is read; names that differ only
    in case (within the file, or from an organisation already there) are row errors that
    name the other row; nothing is saved when one row is wrong."""
    content = "\ufeffNaam,Sector\n\nZorg E,wonen\n,\nzorg e,wonen\nwelzijn zuidoost,welzijn\n"
    status, body, stash = _check(world, content.encode())
    assert status == 400 and not stash
    assert "Rij 5, kolom ‘naam’" in body and "rij 3" in body
    assert "Rij 6, kolom ‘naam’" in body
    assert not Organisation.objects.filter(name__iexact="zorg e").exists()


def test_formulas_in_an_import_are_kept_as_text(world: World) -> None:
    """Guards: an imported name like "=HYPERLINK(...)" is stored as text and written back to CSV
    with a leading apostrophe and to XLSX as a text cell (core.tables), never a formula."""
    client = client_as(world, "secretary")
    content = b'naam;sector\n"=HYPERLINK(""http://x"")";wonen\n'
    status, _body, stash = _check(world, content, client=client)
    assert status == 200 and stash
    client.post(url("manage_organisations_import"), {"stash": stash})
    name = Organisation.objects.get(name__startswith="=HYPERLINK").name
    for value in (name, "+31 6 1234", "-1+2", "@SUM(A1)", "\t=1", "\r=1"):
        assert (
            tables.csv_bytes(["naam"], [[value]]).decode().splitlines()[1].startswith(("'", "\"'"))
        )
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(tables.xlsx_bytes(["naam"], [[name]], sheet="x")))
    cell = workbook.active["A2"]
    assert cell.data_type == "s" and cell.value == name


# --- 2. Odd input: forms ------------------------------------------------------------------------


def test_membership_form_refuses_bad_periods_and_duplicates(world: World) -> None:
    """Guards: an end date before the start date, and reopening an ended membership while the
    person has another open one, are form errors (400), never an IntegrityError (500)."""
    client = client_as(world, "secretary")
    member = world.memberships["member"]
    data = {
        "organisation": world.organisations["welzijn"].pk,
        "role": "member",
        "start_date": "2024-01-01",
        "end_date": "2023-12-31",
    }
    assert client.post(url("manage_member", code=member.code), data).status_code == 400
    old = Membership.objects.create(
        person=world.people["member"],
        network=world.network,
        organisation=world.organisations["huisartsen"],
        role="member",
        start_date=date(2020, 1, 1),
        end_date=date(2020, 12, 31),
    )
    data = {
        "organisation": world.organisations["huisartsen"].pk,
        "role": "member",
        "start_date": "2020-01-01",
        "end_date": "",
    }
    response = client.post(url("manage_member", code=old.code), data)
    assert response.status_code == 400
    old.refresh_from_db()
    assert old.end_date == date(2020, 12, 31)
    response = client.post(
        url("manage_member_end", code=member.code), {"end-end_date": "2023-01-01"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.end_date is None


def test_deputies_cannot_be_oneself_and_a_cycle_breaks_nothing(world: World) -> None:
    """Guards: the deputy list leaves out the person themself (POSTing their own id is a form
    error); two members who are each other's deputy (allowed: a pair standing in for one
    another) save and every page that shows deputies still answers."""
    client = client_as(world, "secretary")
    member = world.memberships["member"]
    colleague = world.memberships["colleague"]
    base = {"role": "member", "start_date": "2024-01-01"}
    response = client.post(
        url("manage_member", code=member.code),
        {**base, "organisation": world.organisations["welzijn"].pk, "deputy": member.person_id},
    )
    assert response.status_code == 400
    for membership, deputy, org in (
        (member, colleague.person_id, "welzijn"),
        (colleague, member.person_id, "huisartsen"),
    ):
        response = client.post(
            url("manage_member", code=membership.code),
            {**base, "organisation": world.organisations[org].pk, "deputy": deputy},
        )
        assert response.status_code == 302
    for address in (url("directory"), url("person", code=world.people["member"].code)):
        assert client.get(address).status_code == 200
    assert client_as(world, "member").get(reverse("networks:profile")).status_code == 200


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("manage_body_add", {"name": "Werkgroep", "kind": "working_group", "slug": "a" * 60}),
        ("manage_body_add", {"name": "!!!", "kind": "working_group"}),
        ("manage_body_add", {"name": "Plenair", "kind": "working_group", "slug": "plenair"}),
        ("manage_body_add", {"name": "Lokaal", "kind": "local_body"}),
        ("manage_organisation_add", {"name": "Welzijn ZUIDOOST", "sector": "welfare"}),
        (
            "manage_organisation_add",
            {"name": "X", "sector": "welfare", "website": "https://" + "a" * 300 + ".nl"},
        ),
        (
            "manage_organisation_add",
            {"name": "X", "sector": "welfare", "joined_on": "2024-02-01", "left_on": "2024-01-01"},
        ),
        ("manage_organisation_add", {"name": "X", "sector": "welfare", "joined_on": "31-02-2024"}),
        (
            "manage_invite",
            {"given_name": "A", "family_name": "B", "email": "lid@test.invalid", "role": "partner"},
        ),
        (
            "manage_invite",
            {
                "given_name": "A",
                "family_name": "B",
                "email": "nieuw@test.invalid",
                "role": "partner",
            },
        ),
        (
            "manage_invite",
            {"given_name": "A", "family_name": "B", "email": "c@test.invalid", "role": "member"},
        ),
    ],
)
def test_odd_form_input_is_a_form_error(world: World, name: str, data: dict[str, str]) -> None:
    """Guards: overlong slugs and websites, a name without letters, a slug or organisation name
    already taken (in another case), a local body without municipality, left
    before joined, an impossible date, inviting someone who takes part or has an open
    invitation, a member without organisation: 400 with the form, nothing saved."""
    client = client_as(world, "secretary")
    bodies, organisations, invitations = (
        Body.objects.count(),
        Organisation.objects.count(),
        Invitation.objects.count(),
    )
    response = client.post(url(name), data)
    assert response.status_code == 400
    assert (Body.objects.count(), Organisation.objects.count(), Invitation.objects.count()) == (
        bodies,
        organisations,
        invitations,
    )


def test_a_body_cannot_be_made_to_report_to_its_own_descendant(world: World) -> None:
    """Guards: plenary -> steering -> working group; making the plenary report to the working
    group is refused (no endless loop, no 500)."""
    client = client_as(world, "secretary")
    response = client.post(
        url("manage_body_edit", body="plenair"),
        {
            "name": "Plenair overleg",
            "slug": "plenair",
            "kind": "plenary",
            "parent": world.working_group.pk,
        },
    )
    assert response.status_code == 400
    world.plenary.refresh_from_db()
    assert world.plenary.parent is None


# --- 2b. Memberships and seats ------------------------------------------------------------------


def test_ending_one_of_two_current_memberships_keeps_the_body_seats(world: World) -> None:
    """A bug: someone changing organisation has two current memberships for a while (the
    design allows it; see login_invitations_create). Ending one of them ends ALL their seats in
    the network's bodies, although they still take part through the other. services.py
    membership_end ends the seats unconditionally, while the same function checks
    ``still_taking_part`` before withdrawing login invitations. Fix: end the seats only when
    no other membership of the person in the network is current after ``end_date``
    (compute ``still_taking_part`` first and guard the seat loop with it)."""
    person = world.people["member"]
    Membership.objects.filter(pk=world.memberships["member"].pk).update(end_date=date(2099, 12, 31))
    new = Membership.objects.create(
        person=person,
        network=world.network,
        organisation=world.organisations["huisartsen"],
        role="member",
        start_date=date(2024, 6, 1),
    )
    client = client_as(world, "secretary")
    response = client.post(
        url("manage_member_end", code=new.code),
        {"end-end_date": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    # Still a current member (the first membership runs until 2099)...
    assert Membership.objects.filter(
        person=person, network=world.network, end_date__gt=timezone.localdate()
    ).exists()
    # ...so still in the plenary and the steering group.
    open_seats = BodyMembership.objects.filter(person=person, end_date__isnull=True)
    assert open_seats.count() == 2


@pytest.mark.parametrize("newer", ["partner", "member"])
def test_with_two_current_memberships_the_most_recent_decides_the_role(
    world: World, newer: str
) -> None:
    """Someone changing organisation has two current memberships for a while: the one that
    started last decides their role and organisation (before, the order of the rows did, which
    the database does not promise)."""
    person = world.people["member"]
    older = "member" if newer == "partner" else "partner"
    # The newer membership is the row made first (a lower id), so that the order of the rows
    # and the order of the dates differ.
    Membership.objects.filter(pk=world.memberships["member"].pk).update(
        role=newer, start_date=date(2024, 6, 1)
    )
    Membership.objects.create(
        person=person,
        network=world.network,
        organisation=world.organisations["huisartsen"],
        role=older,
        start_date=date(2020, 1, 1),
        end_date=date(2099, 12, 31),
    )
    viewer = viewer_for_person(person)
    assert viewer.roles[world.network.pk] == newer
    assert viewer.organisations[world.network.pk] == world.organisations["welzijn"].pk


def test_ending_a_membership_on_the_edit_form_ends_the_seats(world: World) -> None:
    """A bug: the member's page offers two ways to end a membership: "End membership"
    (membership_end: seats end too, an open login link is withdrawn) and the "Until" field of
    the membership form (membership_update: neither). With the second, the person still sits
    in the bodies after leaving: the body page keeps listing them, body_member_add refuses to
    seat them again ("already sits"), and a renewed membership brings the old seats back.
    services.py membership_update. Fix: when ``end_date`` is set or moved earlier, do what
    membership_end does (share one helper), or drop ``end_date`` from MembershipForm."""
    client = client_as(world, "secretary")
    membership = world.memberships["colleague"]
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(
        url("manage_member", code=membership.code),
        {
            "organisation": world.organisations["huisartsen"].pk,
            "role": "member",
            "start_date": "2024-01-01",
            "end_date": yesterday.isoformat(),
        },
    )
    assert response.status_code == 302
    seat = BodyMembership.objects.get(person=world.people["colleague"], body=world.plenary)
    assert seat.end_date is not None and seat.end_date <= yesterday
    body = client_as(world, "member").get(url("body", body="plenair")).content.decode()
    assert "Cor Collega" not in body


def test_a_login_link_stops_working_when_the_membership_ends_on_the_edit_form(
    world: World,
) -> None:
    """A bug: a login link sent to a member keeps working after the secretary ends the
    membership through the "Until" field (membership_update withdraws nothing, unlike
    membership_end), so the former member still makes a login linked to their person.
    Fix: in services.py ``_login_only_person`` (and ``invitation_resend`` for login links)
    refuse with InvitationInvalid("revoked") when the person has no current membership of
    ``invitation.network``; that one check also covers the other paths below."""
    membership = world.memberships["colleague"]
    _invitation, token = services.login_invitation_create(actor=None, membership=membership)
    client = client_as(world, "secretary")
    client.post(
        url("manage_member", code=membership.code),
        {
            "organisation": world.organisations["huisartsen"].pk,
            "role": "member",
            "start_date": "2024-01-01",
            "end_date": (timezone.localdate() - timedelta(days=1)).isoformat(),
        },
    )
    anonymous = Client(raise_request_exception=False)
    address = reverse("networks:invitation_accept", kwargs={"token": token})
    response = anonymous.post(
        address, {"password1": "een-goed-wachtwoord", "password2": "een-goed-wachtwoord"}
    )
    assert response.status_code == 410
    assert not User.objects.filter(email="collega@test.invalid").exists()


def test_a_resent_login_link_does_not_revive_for_a_former_member(world: World) -> None:
    """A bug: membership_end withdraws only OPEN login links. A link that had expired stays
    "expired", and "Send again" (invitation_resend, which only refuses accepted or withdrawn
    invitations) mails a fresh, working link to someone who no longer takes part.
    services.py invitation_resend / membership_end. Fix: membership_end withdraws every
    unaccepted login link of the person in the network (not only open ones), and/or
    invitation_resend refuses a login link whose person has no current membership."""
    membership = world.memberships["colleague"]
    invitation, _token = services.login_invitation_create(actor=None, membership=membership)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    services.membership_end(
        actor=None, membership=membership, end_date=timezone.localdate() - timedelta(days=1)
    )
    client = client_as(world, "secretary")
    client.post(url("manage_invitation_resend", code=invitation.code))
    invitation.refresh_from_db()
    assert invitation.state != "open", "a former member got a working login link"


def test_end_membership_on_an_ended_membership_does_not_reopen_it(world: World) -> None:
    """A bug: POSTing "End membership" for a membership that has already ended moves its end
    date, e.g. from last year to 2099: the person takes part again (and sees the network)
    without any "reopen" in the audit trail, and their body seats, ended with the membership,
    stay ended. services.py membership_end checks only ``end_date < start_date``. Fix: refuse
    when ``membership.end_date`` is set and before ``end_date`` ("Dit lidmaatschap is al
    beëindigd"); a reopening belongs to membership_update."""
    membership = world.memberships["member"]
    services.membership_end(actor=None, membership=membership, end_date=date(2024, 6, 30))
    client = client_as(world, "secretary")
    client.post(url("manage_member_end", code=membership.code), {"end-end_date": "2099-12-31"})
    membership.refresh_from_db()
    assert membership.end_date == date(2024, 6, 30)


# --- 3. Invitations -----------------------------------------------------------------------------


def test_invitation_tokens_work_once_and_not_after_revoke_or_resend(world: World) -> None:
    """Guards: an accepted link answers 410 the second time; a withdrawn link 410; the old link
    of a resent invitation 404; an unknown or absurd token 404 (and says nothing about who
    was invited)."""
    anonymous = Client(raise_request_exception=False)
    token = world.extra["invitation_token"]
    address = reverse("networks:invitation_accept", kwargs={"token": token})
    passwords = {"password1": "een-goed-wachtwoord", "password2": "een-goed-wachtwoord"}
    assert anonymous.post(address, passwords).status_code == 302
    again = Client(raise_request_exception=False)
    response = again.post(address, passwords)
    assert response.status_code == 410 and "nieuw@test.invalid" not in response.content.decode()

    invitation, token2 = services.invitation_create(
        actor=world.users["secretary"],
        network=world.network,
        email="twee@test.invalid",
        given_name="T",
        family_name="W",
        role="partner",
    )
    _same, token3 = services.invitation_resend(actor=None, invitation=invitation)
    old = reverse("networks:invitation_accept", kwargs={"token": token2})
    assert Client().get(old).status_code == 404
    services.invitation_revoke(actor=None, invitation=invitation)
    new = reverse("networks:invitation_accept", kwargs={"token": token3})
    assert Client().post(new, passwords).status_code == 410
    for bogus in ("x", "a" * 3000):
        bogus_url = reverse("networks:invitation_accept", kwargs={"token": bogus})
        assert Client().get(bogus_url).status_code == 404
    assert not User.objects.filter(email="twee@test.invalid").exists()


def test_an_invitation_for_an_address_with_a_login_needs_that_login(world: World) -> None:
    """Guards: a link for an address that has a login cannot be accepted anonymously or by
    another logged-in user (400, nothing joined), and a link for a new address cannot be
    accepted while logged in as someone else (no second account is tied to the session)."""
    invitation, token = services.invitation_create(
        actor=world.users["secretary"],
        network=world.network,
        email="buitenstaander@test.invalid",
        given_name="Otto",
        family_name="Buiten",
        organisation=world.organisations["welzijn"],
    )
    address = reverse("networks:invitation_accept", kwargs={"token": token})
    assert Client().post(address, {}).status_code == 400
    assert client_as(world, "member").post(address, {}).status_code == 400
    assert not Membership.objects.filter(
        person=world.people["outsider"], network=world.network
    ).exists()

    new = reverse("networks:invitation_accept", kwargs={"token": world.extra["invitation_token"]})
    passwords = {"password1": "een-goed-wachtwoord", "password2": "een-goed-wachtwoord"}
    assert client_as(world, "member").post(new, passwords).status_code == 400
    assert not User.objects.filter(email="nieuw@test.invalid").exists()
    invitation.refresh_from_db()
    assert invitation.state == "open"


def test_the_invitation_page_tells_nothing_without_the_token(world: World) -> None:
    """Guards: an unknown link names no address (whether an address has a login shows only to
    the holder of its link)."""
    body_unknown = (
        Client()
        .get(reverse("networks:invitation_accept", kwargs={"token": "onbekend"}))
        .content.decode()
    )
    assert "test.invalid" not in body_unknown

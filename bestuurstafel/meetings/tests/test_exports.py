"""The decision list and the action list as CSV and Excel: what the list shows the same reader
(confidentiality, filters, all pages), read back, in a fixed number of queries."""

import csv
import io
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from bestuurstafel.core.confidentiality import Confidentiality
from bestuurstafel.testing.world import World

from .. import services
from .factories import meetings

pytestmark = pytest.mark.django_db

ClientFor = Callable[[str], Client]


def export(client: Client, world: World, name: str, fmt: str, query: str = "") -> list[list[Any]]:
    path = reverse(f"meetings:{name}", kwargs={"slug": world.network.slug, "fmt": fmt})
    response = client.get(path + query)
    assert response.status_code == 200, response.status_code
    assert response["Content-Disposition"].startswith('attachment; filename="')
    if fmt == "csv":
        assert response.content.startswith("\ufeff".encode())  # Excel reads it as UTF-8
        return list(csv.reader(io.StringIO(response.content.decode()[1:]), delimiter=";"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_decisions_as_csv_are_what_each_reader_may_see(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    rows = export(client_for("member"), world, "decisions_export", "csv")
    assert rows[0] == [
        "Datum",
        "Orgaan",
        "Agendapunt",
        "Besluit",
        "Wie dit mag zien",
        "Verslag",
        "Link",
    ]
    by_text = {row[3]: row for row in rows[1:]}
    assert set(by_text) == {
        "De tarieven blijven vertrouwelijk.",
        "Het regioplan wordt openbaar gemaakt.",
    }
    secret = by_text["De tarieven blijven vertrouwelijk."]
    day = timezone.localtime(m.held.starts_at).strftime("%d-%m-%Y")
    assert secret[:3] == [day, "Plenair overleg", "2. Besloten bespreking"]
    assert secret[4:] == [
        "Alleen leden",
        "Rondgestuurd voor commentaar",
        "http://testserver" + m.held.get_absolute_url(),
    ]

    partner = export(client_for("partner"), world, "decisions_export", "csv")
    assert [row[3] for row in partner[1:]] == ["Het regioplan wordt openbaar gemaakt."]
    # A visitor gets the public decision, without the meeting and the item they may not open.
    visitor = export(Client(), world, "decisions_export", "csv")
    assert visitor[1:] == [
        [
            day,
            "Plenair overleg",
            "",
            "Het regioplan wordt openbaar gemaakt.",
            "Openbaar",
            "Rondgestuurd voor commentaar",
            "",
        ]
    ]
    # Someone of another network gets what a visitor gets, and no action list at all.
    outsider = client_for("outsider")
    assert export(outsider, world, "decisions_export", "csv") == visitor
    actions = reverse("meetings:actions_export", kwargs={"slug": world.network.slug, "fmt": "csv"})
    assert outsider.get(actions).status_code == 403
    assert Client().get(actions).status_code == 302  # to the login page


def test_the_decisions_in_excel_follow_the_filters_with_real_dates(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    rows = export(client_for("member"), world, "decisions_export", "xlsx", "?q=tarieven")
    assert rows[0][:4] == ["Datum", "Orgaan", "Agendapunt", "Besluit"]
    assert [row[3] for row in rows[1:]] == ["De tarieven blijven vertrouwelijk."]
    # A real date, which Excel sorts and filters as one (shown dd-mm-jjjj).
    assert isinstance(rows[1][0], datetime)
    assert rows[1][0].date() == timezone.localtime(m.held.starts_at).date()
    # A decision's text that looks like a formula is text in the reader's Excel, not a link.
    services.decision_record(
        actor=world.users["secretary"],
        meeting=m.held,
        item=m.held_members_item,
        text='=HYPERLINK("https://elders.invalid","Open")',
        confidentiality=Confidentiality.MEMBERS,
    )
    path = reverse("meetings:decisions_export", kwargs={"slug": world.network.slug, "fmt": "xlsx"})
    raw = client_for("member").get(path + "?q=HYPERLINK").content
    cell = load_workbook(io.BytesIO(raw)).active["D2"]  # type: ignore[index]
    assert cell.value == '=HYPERLINK("https://elders.invalid","Open")'
    assert cell.data_type == "s"  # text, not a formula
    plain = export(client_for("member"), world, "decisions_export", "csv", "?q=HYPERLINK")
    assert plain[1][3] == '\'=HYPERLINK("https://elders.invalid","Open")'
    other_body = export(
        client_for("member"), world, "decisions_export", "csv", "?orgaan=stuurgroep"
    )
    assert other_body[1:] == []


def test_the_actions_as_csv_and_excel_follow_the_list(world: World, client_for: ClientFor) -> None:
    m = meetings(world)
    rows = export(client_for("member"), world, "actions_export", "csv")
    assert rows[0] == [
        "Wat",
        "Wie",
        "Deadline",
        "Status",
        "Afgerond op",
        "Orgaan",
        "Vergadering",
        "Wie dit mag zien",
        "Link",
    ]
    by_what = {row[0]: row for row in rows[1:]}
    late = by_what["Cijfers aanleveren"]
    assert late[1:4] == [
        "Welzijn Zuidoost",
        m.organisation_action.due_date.strftime("%d-%m-%Y"),
        "Te laat",
    ]
    assert late[8] == "http://testserver" + m.held.get_absolute_url()
    assert by_what["Reactie op het regioplan sturen"][3] == "Open"

    services.action_set_status(actor=world.users["member"], action=m.member_action, done=True)
    mine = export(client_for("member"), world, "actions_export", "xlsx", "?wie=mine&status=done")
    assert [row[:4] for row in mine[1:]] == [
        [
            "Reactie op het regioplan sturen",
            "Anna Lid",
            datetime.combine(m.member_action.due_date, datetime.min.time()),
            "Afgerond",
        ]
    ]
    assert mine[1][4].date() == timezone.localdate()  # done today
    # A partner's list holds no members-only action, and neither does their export.
    services.action_create(
        actor=world.users["secretary"],
        meeting=m.held,
        item=m.held_members_item,
        description="Vertrouwelijk voorstel uitwerken",
        owner_person=world.people["member"],
        due_date=timezone.localdate() + timedelta(days=5),
        confidentiality=Confidentiality.MEMBERS,
    )
    partner = export(client_for("partner"), world, "actions_export", "csv", "?status=all")
    member = export(client_for("member"), world, "actions_export", "csv", "?status=all")
    assert "Vertrouwelijk voorstel uitwerken" in {row[0] for row in member}
    assert "Vertrouwelijk voorstel uitwerken" not in {row[0] for row in partner}


def test_the_list_pages_link_to_their_exports_with_the_filters(
    world: World, client_for: ClientFor
) -> None:
    page = client_for("member").get(
        reverse("meetings:decisions", kwargs={"slug": world.network.slug}) + "?q=tarieven&page=1"
    )
    assert 'href="/netwerken/zuidoost/besluiten.xlsx?q=tarieven"' in page.content.decode()
    actions = client_for("member").get(
        reverse("meetings:actions", kwargs={"slug": world.network.slug}) + "?wie=mine"
    )
    assert 'href="/netwerken/zuidoost/acties.csv?wie=mine"' in actions.content.decode()


@pytest.mark.parametrize("name", ["decisions_export", "actions_export"])
def test_an_export_runs_a_fixed_number_of_queries(
    name: str, world: World, client_for: ClientFor, django_assert_num_queries: Any
) -> None:
    m = meetings(world)
    client = client_for("member")
    path = reverse(f"meetings:{name}", kwargs={"slug": world.network.slug, "fmt": "xlsx"})
    client.get(path + "?status=all")
    with CaptureQueriesContext(connection) as before:
        client.get(path + "?status=all")
    for n in range(30):
        services.decision_record(
            actor=world.users["secretary"],
            meeting=m.held,
            item=m.held_members_item,
            text=f"Besluit {n}",
            confidentiality=Confidentiality.MEMBERS,
        )
        services.action_create(
            actor=world.users["secretary"],
            meeting=m.held,
            item=m.held_members_item,
            description=f"Actie {n}",
            owner_organisation=world.organisations["welzijn"],
            due_date=timezone.localdate(),
        )
    with django_assert_num_queries(len(before.captured_queries)):
        response = client.get(path + "?status=all")
    assert len(load_workbook(io.BytesIO(response.content)).active["A"]) > 30


def test_the_done_date_is_the_dutch_date_not_the_utc_one(
    world: World, client_for: ClientFor
) -> None:
    """Done at 23:30 UTC on 24 November is done on 25 November in the Netherlands."""
    m = meetings(world)
    services.action_set_status(actor=world.users["member"], action=m.member_action, done=True)
    late_evening = datetime(2026, 11, 24, 23, 30, tzinfo=UTC)
    type(m.member_action).objects.filter(pk=m.member_action.pk).update(completed_at=late_evening)
    rows = export(client_for("member"), world, "actions_export", "csv", "?wie=mine&status=done")
    assert [row[4] for row in rows[1:]] == ["25-11-2026"]

"""The monitor's pages: what each viewer sees (confidentiality in every way out), fixed query
counts, conditional requests, the embed's framing rules, and the core team's pages."""

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from bestuurstafel.core.models import AuditEvent
from bestuurstafel.geo.models import Revision
from bestuurstafel.geo.services import municipalities_import
from bestuurstafel.monitor import selectors, services
from bestuurstafel.monitor.models import MonitorSettings, Project
from bestuurstafel.networks.access import ANONYMOUS
from bestuurstafel.networks.models import Network, Organisation
from bestuurstafel.testing.world import World, login

from .factories import MonitorWorld, monitor_world

pytestmark = pytest.mark.django_db

SECRET = "Geheime herverdeling"


def url(world: World, name: str, **kwargs: object) -> str:
    return reverse(f"monitor:{name}", kwargs={"slug": world.network.slug, **kwargs})


def client_as(world: World, persona: str) -> Client:
    return login(Client(), world.user(persona))


def editor_client(m: MonitorWorld) -> Client:
    return login(Client(), m.editor)


def add_projects(world: World, count: int) -> None:
    """Many projects with everything a list shows: places, themes, funding, parts."""
    m = monitor_world(world)
    places = list(world.network.municipalities.all())
    for n in range(count):
        project = services.project_create(
            actor=m.editor,
            network=world.network,
            title=f"Project {n:03d}",
            status=["running", "planned", "completed", "idea"][n % 4] if n % 4 != 2 else "idea",
            municipalities=places[: 1 + n % 3],
            themes=["gala:6", "iza:A"] if n % 2 else ["gala:3"],
            confidentiality="public" if n % 3 else "network",
            region_wide=n % 7 == 0,
            lead_organisation=world.organisations["huisartsen"],
            organisations=[world.organisations["welzijn"], world.organisations["gemeente"]],
            highlight_year=2025 if n % 5 == 0 else None,
        )
        services.project_funding_set(
            actor=m.editor,
            project=project,
            lines=[services.FundingData("own", 2025, Decimal(1000 + n), "granted")],
        )
        services.project_parts_set(
            actor=m.editor, project=project, parts=[services.PartData("Stap", "ready")]
        )


class TestConfidentiality:
    """The public and outsiders never see network-level projects; the network's people do."""

    PUBLIC_WAYS_OUT = [
        ("dashboard", {}),
        ("embed", {}),
        ("municipality", {"code": "GM0355"}),
        ("export", {"fmt": "csv"}),
        ("export", {"fmt": "json"}),
        ("api_projects", {}),
    ]

    @pytest.mark.parametrize("persona", ["anonymous", "outsider"])
    def test_the_public_sees_public_projects_only(self, world: World, persona: str) -> None:
        m = monitor_world(world)
        client = client_as(world, persona)
        for name, kwargs in self.PUBLIC_WAYS_OUT:
            content = client.get(url(world, name, **kwargs)).content.decode()
            if name != "embed":  # the embed shows figures, not a list
                assert "Valpreventie Zeist" in content, name
            assert SECRET not in content, name
        xlsx = client.get(url(world, "export", fmt="xlsx"))
        titles = [
            r[1] for r in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True)
        ]
        assert titles == ["titel", "Valpreventie Zeist"]
        assert client.get(url(world, "project", code=m.private.code)).status_code == 404
        assert client.get(url(world, "api_project", code=m.private.code)).status_code == 404
        # The figures count the public project only: Zeist has 1 running and 0 planned.
        geojson = client.get(url(world, "geojson")).json()
        zeist = next(f for f in geojson["features"] if f["id"] == "GM0355")
        assert (zeist["properties"]["running"], zeist["properties"]["planned"]) == (1, 0)
        figures = client.get(url(world, "api_municipalities")).json()
        zeist = next(r for r in figures["municipalities"] if r["code"] == "GM0355")
        assert zeist["total"] == 1
        svg = client.get(url(world, "map")).content.decode()
        assert "Zeist: 1 lopend project, 0 gepland, 0 afgerond" in svg
        # Even the theme of the network-level project does not show in the chart.
        chart = client.get(url(world, "dashboard") + "?indeling=iza").content.decode()
        chart = chart.split('id="chart-heading"')[1].split("</section>")[0]
        assert "IZA K" not in chart and "Nog geen project heeft een thema" in chart

    @pytest.mark.parametrize("persona", ["member", "partner", "secretary", "admin"])
    def test_the_networks_people_also_see_network_level_projects(
        self, world: World, persona: str
    ) -> None:
        m = monitor_world(world)
        client = client_as(world, persona)
        for name, kwargs in self.PUBLIC_WAYS_OUT:
            if name == "embed":
                continue
            assert SECRET in client.get(url(world, name, **kwargs)).content.decode(), name
        assert client.get(url(world, "project", code=m.private.code)).status_code == 200
        zeist = next(
            f for f in client.get(url(world, "geojson")).json()["features"] if f["id"] == "GM0355"
        )
        assert (zeist["properties"]["running"], zeist["properties"]["planned"]) == (1, 1)

    def test_the_embed_shows_what_the_public_sees_whoever_is_logged_in(self, world: World) -> None:
        monitor_world(world)
        content = client_as(world, "secretary").get(url(world, "embed")).content.decode()
        assert "Valpreventie Zeist" not in content  # the embed lists figures, not projects
        assert ">1</td>" in content
        assert "Zeist: 1 lopend project, 0 gepland, 0 afgerond" in content

    def test_another_networks_projects_never_show(self, world: World) -> None:
        m = monitor_world(world)
        client = client_as(world, "admin")
        assert "Stadsproject" not in client.get(url(world, "dashboard")).content.decode()
        assert client.get(url(world, "project", code=m.other_network.code)).status_code == 404


class TestQueryCounts:
    @pytest.mark.parametrize(
        ("persona", "name", "kwargs", "query", "expected"),
        [
            # One query for the version (conditional requests), then the page's own.
            ("anonymous", "dashboard", {}, "", 10),
            ("anonymous", "dashboard", {}, "?thema=gala:6&gemeente=GM0355&status=running", 10),
            ("member", "dashboard", {}, "", 15),
            ("anonymous", "embed", {}, "", 6),
            ("anonymous", "municipality", {"code": "GM0355"}, "", 5),
            ("anonymous", "map", {}, "", 5),
            ("anonymous", "export", {"fmt": "csv"}, "", 8),
            ("anonymous", "export", {"fmt": "json"}, "", 8),
            ("anonymous", "geojson", {}, "", 5),
            ("anonymous", "api_projects", {}, "", 9),
            ("anonymous", "api_municipalities", {}, "", 5),
            ("secretary", "manage", {}, "", 12),
        ],
    )
    def test_a_fixed_number_of_queries_with_few_or_many_projects(
        self,
        world: World,
        django_assert_num_queries,
        persona: str,
        name: str,
        kwargs: dict,
        query: str,
        expected: int,
    ) -> None:
        monitor_world(world)
        client = client_as(world, persona)
        target = url(world, name, **kwargs) + query
        client.get(target)  # a first request may set the session up
        for count in (0, 45):
            add_projects(world, count)
            cache.clear()  # the map geometry is cached: measure the cold case
            with django_assert_num_queries(expected):
                response = client.get(target)
            assert response.status_code == 200

    def test_a_not_modified_answer_costs_one_query(
        self, world: World, django_assert_num_queries
    ) -> None:
        monitor_world(world)
        client = Client()
        first = client.get(url(world, "dashboard"))
        with django_assert_num_queries(1):
            again = client.get(url(world, "dashboard"), headers={"if-none-match": first["ETag"]})
        assert again.status_code == 304


class TestConditionalRequests:
    @pytest.mark.parametrize(
        ("name", "kwargs"),
        [
            ("dashboard", {}),
            ("map", {}),
            ("embed", {}),
            ("municipality", {"code": "GM0355"}),
            ("open_data", {}),
            ("geojson", {}),
            ("export", {"fmt": "csv"}),
            ("api_projects", {}),
            ("api_municipalities", {}),
        ],
    )
    def test_a_current_copy_gets_a_304_and_a_change_invalidates_it(
        self, world: World, name: str, kwargs: dict
    ) -> None:
        m = monitor_world(world)
        client = Client()
        target = url(world, name, **kwargs)
        first = client.get(target)
        etag, modified = first["ETag"], first["Last-Modified"]
        assert etag.startswith('W/"') and "no-cache" in first["Cache-Control"]
        assert client.get(target, headers={"if-none-match": etag}).status_code == 304
        assert client.get(target, headers={"if-modified-since": modified}).status_code == 304
        # Any change through a service bumps the version.
        MonitorSettings.objects.filter(network=world.network).update(
            last_changed=timezone.now() - timedelta(minutes=5)
        )
        services.project_update(actor=m.editor, project=m.public, progress=41)
        changed = client.get(target, headers={"if-none-match": etag})
        assert changed.status_code == 200 and changed["ETag"] != etag

    def test_the_copy_depends_on_who_asks_the_language_and_the_filters(self, world: World) -> None:
        monitor_world(world)
        target = url(world, "dashboard")
        public = Client().get(target)["ETag"]
        assert client_as(world, "member").get(target)["ETag"] != public
        english = Client()
        english.cookies["bestuurstafel_language"] = "en"
        assert english.get(target)["ETag"] != public
        assert Client().get(target + "?status=running")["ETag"] != public
        assert Client().get(target, headers={"hx-request": "true"})["ETag"] != public

    def test_a_renamed_organisation_also_invalidates(self, world: World) -> None:
        monitor_world(world)
        target = url(world, "dashboard")
        etag = Client().get(target)["ETag"]
        organisation = world.organisations["welzijn"]
        organisation.name = "Welzijn Zuidoost Nieuw"
        organisation.updated_at = timezone.now() + timedelta(seconds=5)
        organisation.save()
        assert Client().get(target, headers={"if-none-match": etag}).status_code == 200

    def test_the_version_query_and_the_monitor_agree(self, world: World) -> None:
        """``monitor_get`` without a version (the core team's pages, the API schema) works it
        out itself: the same moments as ``monitor_version``'s raw SQL, the geography included."""
        monitor_world(world)
        slug = world.network.slug

        def both() -> tuple[selectors.Version, selectors.Version]:
            raw = selectors.monitor_version(slug=slug)
            return raw, selectors.monitor_get(slug=slug, viewer=ANONYMOUS).stamp

        raw, orm = both()
        assert raw.moment is not None and raw.public_moment is not None and raw == orm
        earlier = timezone.now() - timedelta(minutes=5)
        MonitorSettings.objects.filter(network=world.network).update(
            last_changed=earlier, public_changed=earlier
        )
        Network.objects.filter(pk=world.network.pk).update(updated_at=earlier)
        Organisation.objects.filter(network=world.network).update(updated_at=earlier)
        municipalities_import(
            file=io.BytesIO(b"gemeentecode;gemeentenaam\nGM0355;Zeist\n"),
            filename="gemeenten.csv",
        )
        raw, orm = both()
        changed_at = Revision.objects.get().changed_at
        assert raw == orm and raw.moment == raw.public_moment == changed_at


class TestEmbed:
    def test_only_the_configured_sites_may_frame_the_embed(self, world: World) -> None:
        monitor_world(world)
        services.monitor_settings_update(
            actor=None,
            network=world.network,
            intro="",
            course_lines=[],
            embed_origins=["https://www.zuidoost.nl", "https://gemeente.example"],
        )
        response = Client().get(url(world, "embed"))
        assert "X-Frame-Options" not in response
        policy = response["Content-Security-Policy"]
        assert "frame-ancestors 'self' https://www.zuidoost.nl https://gemeente.example" in policy
        assert "style-src 'self'" in policy and "script-src 'self'" in policy
        cached = Client().get(url(world, "embed"), headers={"if-none-match": response["ETag"]})
        assert cached.status_code == 304
        assert "https://www.zuidoost.nl" in cached["Content-Security-Policy"]
        assert "X-Frame-Options" not in cached
        # Every other page stays unframeable.
        dashboard = Client().get(url(world, "dashboard"))
        assert dashboard["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in dashboard["Content-Security-Policy"]

    def test_without_configured_sites_only_this_site_may_frame_it(self, world: World) -> None:
        monitor_world(world)
        policy = Client().get(url(world, "embed"))["Content-Security-Policy"]
        assert "frame-ancestors 'self';" in policy + ";"

    def test_the_embed_has_no_site_around_it_and_links_open_the_full_site(
        self, world: World
    ) -> None:
        monitor_world(world)
        content = Client().get(url(world, "embed")).content.decode()
        assert "bt-header" not in content and "bt-footer" not in content
        assert 'target="_top"' in content
        assert "<script" not in content


class TestDashboard:
    def test_it_shows_figures_map_table_chart_and_highlights(self, world: World) -> None:
        monitor_world(world)
        content = Client().get(url(world, "dashboard")).content.decode()
        assert 'class="bt-map"' in content and "Bron gemeentegrenzen: CBS / PDOK" in content
        assert (
            "Projecten per gemeente" in content
            and 'href="/netwerken/zuidoost/monitor/gemeenten/GM0355/"' in content
        )
        assert "Hoogtepunten van 2025" in content and "Ketenafspraken gemaakt." in content
        assert "Status per thema" in content and "GALA 6: Vitaal ouder worden" in content
        assert "style=" not in content

    def test_without_boundaries_it_shows_the_table_and_says_why_there_is_no_map(
        self, world: World
    ) -> None:
        monitor_world(world)
        world.network.municipalities.update(boundary=None, boundary_hash="", boundary_source="")
        cache.clear()
        content = Client().get(url(world, "dashboard")).content.decode()
        assert "De kaart heeft de gemeentegrenzen nodig" in content
        assert 'class="bt-map"' not in content and "Projecten per gemeente" in content
        assert Client().get(url(world, "map")).status_code == 404

    def test_filters_narrow_the_list_and_a_municipality_includes_region_wide_projects(
        self, world: World
    ) -> None:
        m = monitor_world(world)
        services.project_create(
            actor=m.editor,
            network=world.network,
            title="Voor de hele regio",
            status="running",
            region_wide=True,
            confidentiality="public",
            themes=["iza:B"],
        )
        client = Client()

        def results(query: str) -> str:
            content = client.get(url(world, "dashboard") + query).content.decode()
            return content.split('id="projects-heading"')[1].split("</section>")[0]

        bilt = results("?gemeente=GM0310")
        assert "Voor de hele regio" in bilt and "Valpreventie Zeist" not in bilt
        theme = results("?thema=gala:6")
        assert "Valpreventie Zeist" in theme and "Voor de hele regio" not in theme

    def test_bad_filter_values_are_ignored_with_a_message_not_an_error(self, world: World) -> None:
        monitor_world(world)
        response = Client().get(
            url(world, "dashboard") + "?thema=xyz&gemeente=GM9999&status=&pagina=abc"
        )
        assert response.status_code == 200
        assert "Valpreventie Zeist" in response.content.decode()

    def test_htmx_gets_only_the_results(self, world: World) -> None:
        monitor_world(world)
        response = Client().get(
            url(world, "dashboard") + "?status=running", headers={"hx-request": "true"}
        )
        content = response.content.decode()
        assert content.lstrip().startswith('<div id="results">') and "<html" not in content
        assert "Vary" in response and "HX-Request" in response["Vary"]

    def test_the_map_svg_file_is_standalone_with_absolute_links(self, world: World) -> None:
        monitor_world(world)
        response = Client().get(url(world, "map"))
        assert response["Content-Type"].startswith("image/svg+xml")
        content = response.content.decode()
        assert 'xmlns="http://www.w3.org/2000/svg"' in content
        assert 'href="http://testserver/netwerken/zuidoost/monitor/gemeenten/GM0355/"' in content
        assert "Bron gemeentegrenzen" in content


class TestProjectPages:
    def test_a_project_page_shows_parts_timeline_funding_and_who_updated_it(
        self, world: World
    ) -> None:
        m = monitor_world(world)
        services.project_parts_set(
            actor=m.editor,
            project=m.public,
            parts=[services.PartData(f"Deel {n}", "ready") for n in range(6)]
            + [services.PartData(f"Deel {n}", "in_development", 30) for n in range(6, 10)],
        )
        services.project_milestones_set(
            actor=m.editor,
            project=m.public,
            milestones=[
                services.MilestoneData(date(2025, 6, 12), "Ketenafspraken getekend", done=True)
            ],
        )
        content = Client().get(url(world, "project", code=m.public.code)).content.decode()
        assert "6 van 10 onderdelen gereed" in content
        assert "12 juni 2025" in content and "Ketenafspraken getekend" in content
        assert "€ 45.000" in content
        today = timezone.localdate()
        assert f"Laatst bijgewerkt door Eva Redacteur op {today.day} " in content

    def test_a_municipality_page_lists_local_and_region_wide_projects(self, world: World) -> None:
        m = monitor_world(world)
        services.project_create(
            actor=m.editor,
            network=world.network,
            title="Regionaal",
            region_wide=True,
            status="planned",
            confidentiality="public",
        )
        content = Client().get(url(world, "municipality", code="gm0355")).content.decode()
        assert "Projecten in Zeist" in content
        assert "Valpreventie Zeist" in content and "Regionaal" in content
        assert "Projecten in de hele regio, dus ook in Zeist" in content


class TestCoreTeamPages:
    def test_an_editor_adds_a_project(self, world: World) -> None:
        m = monitor_world(world)
        client = editor_client(m)
        assert "Projecten beheren" in client.get(url(world, "dashboard")).content.decode()
        response = client.post(
            url(world, "project_add"),
            {
                "title": "Kansrijke Start",
                "summary": "Voor jonge gezinnen.",
                "agreement": "gala",
                "themes": ["gala:1", "azwa:growing_up"],
                "status": "planned",
                "progress_rollup": "manual",
                "progress": "0",
                "weight": "1",
                "scale": "municipality",
                "municipalities": [world.municipalities["GM0310"].pk],
                "confidentiality": "public",
                "links": "Website | https://www.example.nl",
            },
        )
        project = Project.objects.get(title="Kansrijke Start")
        assert response.status_code == 302 and response["Location"] == url(
            world, "project", code=project.code
        )
        assert project.links == [{"label": "Website", "url": "https://www.example.nl"}]
        assert project.updated_by == m.editor

    def test_a_status_change_that_is_not_allowed_shows_an_error(self, world: World) -> None:
        m = monitor_world(world)
        client = editor_client(m)
        data = {
            "title": m.public.title,
            "agreement": "gala",
            "status": "idea",
            "progress_rollup": "manual",
            "progress": "40",
            "weight": "1",
            "scale": "municipality",
            "confidentiality": "public",
        }
        response = client.post(url(world, "project_edit", code=m.public.code), data)
        assert response.status_code == 400
        assert "De status kan niet van “Lopend” naar “Idee”." in response.content.decode()
        data["status"] = "completed"
        assert client.post(url(world, "project_edit", code=m.public.code), data).status_code == 302
        m.public.refresh_from_db()
        assert m.public.status == "completed" and m.public.progress == 100

    def test_an_editor_sets_parts_milestones_and_funding(self, world: World) -> None:
        m = monitor_world(world)
        client = editor_client(m)
        parts = {
            "form-TOTAL_FORMS": "3",
            "form-INITIAL_FORMS": "0",
            "form-0-title": "Analyse",
            "form-0-state": "ready",
            "form-0-progress": "0",
            "form-0-weight": "1",
            "form-1-title": "Uitvoering",
            "form-1-state": "in_development",
            "form-1-progress": "50",
            "form-1-weight": "1",
            "form-2-title": "",
            "form-2-state": "not_started",
            "form-2-progress": "0",
            "form-2-weight": "1",
        }
        assert (
            client.post(url(world, "project_parts", code=m.public.code), parts).status_code == 302
        )
        assert list(m.public.parts.values_list("title", flat=True)) == ["Analyse", "Uitvoering"]
        milestones = {
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "0",
            "form-0-date": "2026-03-01",
            "form-0-title": "Start",
            "form-0-description": "",
            "form-0-done": "on",
            "form-1-date": "",
            "form-1-title": "Zonder datum",
            "form-1-description": "",
        }
        response = client.post(url(world, "project_milestones", code=m.public.code), milestones)
        assert (
            response.status_code == 400
            and "Geef de datum van de mijlpaal." in response.content.decode()
        )
        # The error summary at the top names the line and the field, and leads to it.
        assert (
            '<a class="utrecht-link" href="#id_form-1-date">Regel 2: Datum: '
            "Geef de datum van de mijlpaal.</a>" in response.content.decode()
        )
        milestones["form-1-title"] = ""
        assert (
            client.post(
                url(world, "project_milestones", code=m.public.code), milestones
            ).status_code
            == 302
        )
        funding = {
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "0",
            "form-0-source": "brede_spuk",
            "form-0-year": "2025",
            "form-0-amount": "-10",
            "form-0-state": "granted",
            "form-1-source": "",
            "form-1-year": "",
            "form-1-amount": "",
            "form-1-state": "requested",
        }
        response = client.post(url(world, "project_funding", code=m.public.code), funding)
        assert response.status_code == 400 and m.public.funding.get().amount == Decimal("45000")
        assert (
            '<a class="utrecht-link" href="#id_form-0-amount">Regel 1: Bedrag (€): '
            "Een bedrag kan niet negatief zijn.</a>" in response.content.decode()
        )
        funding["form-0-amount"] = "60.000,50"
        assert (
            client.post(url(world, "project_funding", code=m.public.code), funding).status_code
            == 302
        )
        assert m.public.funding.get().amount == Decimal("60000.50")
        # What only the service can see (one source twice in a year) heads the summary too;
        # nothing is saved.
        funding.update({"form-1-source": "brede_spuk", "form-1-year": "2025", "form-1-amount": "1"})
        response = client.post(url(world, "project_funding", code=m.public.code), funding)
        assert response.status_code == 400
        page = response.content.decode()
        summary = page[
            page.index("bt-error-summary") : page.index("</ul>", page.index("bt-error-summary"))
        ]
        assert "Elke bron komt één keer per jaar voor; tel de bedragen op." in summary
        assert m.public.funding.get().amount == Decimal("60000.50")

    def test_an_editor_removes_a_project(self, world: World) -> None:
        m = monitor_world(world)
        response = editor_client(m).post(url(world, "project_delete", code=m.public.code))
        assert response.status_code == 302
        assert not Project.objects.filter(pk=m.public.pk).exists()

    def test_a_member_who_is_not_an_editor_may_not_maintain_projects(self, world: World) -> None:
        m = monitor_world(world)
        client = client_as(world, "member")
        assert "Projecten beheren" not in client.get(url(world, "dashboard")).content.decode()
        assert client.post(url(world, "project_delete", code=m.public.code)).status_code == 403
        assert Project.objects.filter(pk=m.public.pk).exists()

    def test_settings_with_a_bad_origin_show_the_error(self, world: World) -> None:
        m = monitor_world(world)
        client = editor_client(m)
        response = client.post(
            url(world, "settings"),
            {
                "intro": "",
                "course_lines": "Gezond ouder worden",
                "embed_origins": "https://a.nl/pad",
            },
        )
        assert response.status_code == 400 and "is geen origin" in response.content.decode()
        response = client.post(
            url(world, "settings"),
            {
                "intro": "Welkom",
                "course_lines": "Gezond ouder worden",
                "embed_origins": "https://a.nl",
            },
        )
        assert response.status_code == 302
        assert MonitorSettings.objects.get(network=world.network).embed_origins == ["https://a.nl"]


class TestImportPages:
    def upload(self, client: Client, world: World, text: str, name: str = "lijst.csv"):  # type: ignore[no-untyped-def]
        file = io.BytesIO(text.encode())
        file.name = name
        return client.post(url(world, "import"), {"file": file})

    def test_check_then_confirm_saves_in_one_go(self, world: World) -> None:
        m = monitor_world(world)
        client = editor_client(m)
        bad = self.upload(
            client, world, "titel;status;gemeenten\nA;lopend;Atlantis\nB;klaar;Zeist\n"
        )
        content = bad.content.decode()
        assert "Het bestand heeft 1 probleem. Er is niets opgeslagen." in content
        assert (
            '<td class="utrecht-table__cell">2</td><td class="utrecht-table__cell">gemeenten</td>'
            in content
        )
        good = self.upload(client, world, "titel;status;gemeenten\nA;lopend;Zeist\nB;klaar;Zeist\n")
        content = good.content.decode()
        assert "Het bestand is in orde: 2 projecten (2 nieuw, 0 bij te werken)." in content
        assert not Project.objects.filter(title="A").exists()
        token = good.context["stash"]
        confirmed = client.post(url(world, "import"), {"stash": token})
        assert confirmed.status_code == 302
        assert Project.objects.filter(network=world.network, title__in=["A", "B"]).count() == 2
        assert AuditEvent.objects.filter(action="monitor.projects_import").exists()
        # The stash is used once.
        again = client.post(url(world, "import"), {"stash": token})
        assert again.status_code == 302
        assert Project.objects.filter(network=world.network, title="A").count() == 1

    def test_a_large_file_goes_to_the_background_with_a_progress_page(
        self, world: World, django_capture_on_commit_callbacks
    ) -> None:
        m = monitor_world(world)
        client = editor_client(m)
        rows = "\n".join(f"P{n};gepland;Zeist" for n in range(services.IMPORT_BACKGROUND_ROWS + 1))
        with django_capture_on_commit_callbacks(execute=True):
            response = self.upload(client, world, "titel;status;gemeenten\n" + rows)
        assert response.status_code == 302 and "/beheer/importeren/" in response["Location"]
        page = client.get(response["Location"]).content.decode()
        assert "Gecontroleerd, wacht op bevestiging" in page and "Importeer 201 projecten" in page

    def test_a_running_job_polls_with_htmx_and_has_a_refresh_link(self, world: World) -> None:
        m = monitor_world(world)
        client = editor_client(m)
        target = url(world, "import_job", code=m.job.code)
        page = client.get(target).content.decode()
        assert 'hx-trigger="every 1s"' in page
        assert '<progress max="100" value="38"' in page
        assert (
            "150 van 400 regels gecontroleerd" in page
            and "Vernieuw om de voortgang te zien" in page
        )
        fragment = client.get(target, headers={"hx-request": "true"}).content.decode()
        assert fragment.startswith('<div id="job"') and "<html" not in fragment

    def test_the_example_file_imports_cleanly(self, world: World) -> None:
        m = monitor_world(world)
        example = editor_client(m).get(url(world, "import_template"))
        plan = services.projects_import_check(
            network=world.network, file=io.BytesIO(example.content), filename="voorbeeld.csv"
        )
        assert len(plan.rows) == 2
        assert plan.rows[1].values["region_wide"] is True

    def test_exports_have_the_import_columns(self, world: World) -> None:
        monitor_world(world)
        csv_text = Client().get(url(world, "export", fmt="csv")).content.decode("utf-8-sig")
        header, row = csv_text.splitlines()[:2]
        assert header.startswith("code;titel;samenvatting;akkoord;themas;status")
        assert ";lopend;40;Zeist;" in row
        data = json.loads(Client().get(url(world, "export", fmt="json")).content)
        assert data["projects"][0]["funding"][0]["amount"] == "45000.00"

    def test_the_export_dates_a_change_by_the_dutch_calendar(self, world: World) -> None:
        """Changed at 23:30 UTC on 24 November is changed on 25 November in the Netherlands."""
        monitor_world(world)
        late_evening = datetime(2026, 11, 24, 23, 30, tzinfo=UTC)
        Project.objects.filter(network=world.network).update(updated_at=late_evening)
        csv_text = Client().get(url(world, "export", fmt="csv")).content.decode("utf-8-sig")
        header, *rows = list(csv.reader(io.StringIO(csv_text), delimiter=";"))
        column = header.index("bijgewerkt")
        assert rows and {row[column] for row in rows} == {"2026-11-25"}

"""Routes an adversarial review of the monitor found open (each closed since), and one it found
closed that no other test covers. Each test names what must not leak, to whom, and where. Projects are public or network-level; a network-level
project (and everything about it: its progress, its title, its funding) is for the network's
people only, and "a sub-project is never more open than its parent" (docs/monitor.md, Rules).
"""

import io
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from bestuurstafel.core.imports import ImportFailed
from bestuurstafel.monitor import services
from bestuurstafel.monitor.models import Project
from bestuurstafel.testing.world import World, login

from .factories import MonitorWorld, monitor_world

pytestmark = pytest.mark.django_db

HIDDEN_CHILD = "Verborgen deelproject"


def url(world: World, name: str, **kwargs: object) -> str:
    return reverse(f"monitor:{name}", kwargs={"slug": world.network.slug, **kwargs})


def client_as(world: World, persona: str) -> Client:
    return login(Client(), world.user(persona))


def programme_with_a_hidden_sub_project(world: World) -> tuple[Project, Project, Project]:
    """A public programme whose progress is the average of its sub-projects: one public (20%)
    and one for the network only (100%)."""
    m = monitor_world(world)
    parent = services.project_create(
        actor=m.editor,
        network=world.network,
        title="Openbaar programma",
        status="running",
        confidentiality="public",
        progress_rollup="average",
    )
    visible = services.project_create(
        actor=m.editor,
        network=world.network,
        title="Openbaar deelproject",
        status="running",
        confidentiality="public",
        parent=parent,
        progress=20,
    )
    hidden = services.project_create(
        actor=m.editor,
        network=world.network,
        title=HIDDEN_CHILD,
        status="running",
        confidentiality="network",
        parent=parent,
        progress=100,
    )
    parent.refresh_from_db()
    return parent, visible, hidden


def import_csv(world: World, m: MonitorWorld, *rows: str) -> list[str]:
    """Check and save a file of the core team: the errors (row 2 is the first project), none
    when it was saved. A refused file saves nothing."""
    data = "\n".join(["code;titel;status;zichtbaarheid", *rows]) + "\n"
    try:
        services.projects_import(
            actor=m.editor,
            network=world.network,
            file=io.BytesIO(data.encode()),
            filename="kernteam.csv",
            commit=True,
        )
    except ImportFailed as refused:
        return [str(error) for error in refused.errors]
    return []


class TestSubProjects:
    @pytest.mark.parametrize("persona", ["anonymous", "outsider"])
    def test_a_hidden_sub_project_is_not_listed_on_its_public_parent(
        self, world: World, persona: str
    ) -> None:
        """Protection holds: the parent page lists only the sub-projects the reader may see."""
        parent, _visible, hidden = programme_with_a_hidden_sub_project(world)
        content = client_as(world, persona).get(url(world, "project", code=parent.code))
        text = content.content.decode()
        assert "Openbaar deelproject" in text
        assert HIDDEN_CHILD not in text and str(hidden.code) not in text
        member_page = client_as(world, "partner").get(url(world, "project", code=parent.code))
        assert HIDDEN_CHILD in member_page.content.decode()

    @pytest.mark.parametrize("persona", ["anonymous", "outsider"])
    def test_a_public_parents_progress_does_not_include_hidden_sub_projects(
        self, world: World, persona: str
    ) -> None:
        """The progress of a public programme rolled up from its sub-projects counts only its
        public ones. Before, the public saw 60% (the average of 20% and the hidden 100%) on the
        project page, in the API, the exports and the dashboard's cards, and could work out the
        hidden sub-project's progress (and that it exists) from the one it can see."""
        parent, visible, _hidden = programme_with_a_hidden_sub_project(world)
        client = client_as(world, persona)
        api = client.get(url(world, "api_project", code=parent.code)).json()
        exported = client.get(url(world, "export", fmt="json")).json()["projects"]
        in_export = next(p for p in exported if p["code"] == str(parent.code))
        page = client.get(url(world, "project", code=parent.code)).content.decode()
        assert (api["progress"], in_export["progress"]) == (visible.progress, visible.progress), (
            f"{persona} sees progress {api['progress']}% of the public programme through "
            "api/v1/projecten/<code>/ and export.json: it includes a network-level sub-project"
        )
        assert 'value="60"' not in page, "project page shows the roll-up with the hidden project"

    def test_figures_stored_before_the_rule_are_computed_again(self, world: World) -> None:
        """Migration 0003: a public programme's stored figure that included a hidden
        sub-project (60% here) is computed again from its public sub-projects (20%)."""
        parent, visible, _hidden = programme_with_a_hidden_sub_project(world)
        Project.objects.filter(pk=parent.pk).update(progress=60)  # as the old rule stored it
        migration = import_module(
            "bestuurstafel.monitor.migrations.0003_public_rollups_count_public_sub_projects"
        )
        migration.recompute(django_apps, None)
        parent.refresh_from_db()
        assert parent.progress == visible.progress == 20


class TestImport:
    def test_an_import_cannot_make_a_sub_project_more_open_than_its_parent(
        self, world: World
    ) -> None:
        """The rule the services enforce (``_check_relations``) holds in the import too: a row
        that would make a network-level programme's sub-project public (and so show it, with
        its funding, at projecten/<code>/, in the API and the exports) is refused, by row and
        column."""
        m = monitor_world(world)
        child = services.project_create(
            actor=m.editor,
            network=world.network,
            title="Deel van het geheime plan",
            status="planned",
            confidentiality="network",
            parent=m.private,
        )
        errors = import_csv(world, m, f"{child.code};Deel van het geheime plan;gepland;openbaar")
        assert len(errors) == 1
        assert "Rij 2" in errors[0] and "zichtbaarheid" in errors[0]
        assert "een deelproject kan niet openbaarder zijn dan zijn hoofdproject" in errors[0]
        child.refresh_from_db()
        assert child.confidentiality == "network", (
            "the import made a sub-project public under a network-level parent"
        )
        assert Client().get(url(world, "project", code=child.code)).status_code == 404

    def test_an_import_cannot_close_a_parent_while_a_sub_project_stays_public(
        self, world: World
    ) -> None:
        """The rule that a parent cannot be closed while a sub-project is public holds in the
        import too (``project_update`` refuses it); closing both in one file is fine."""
        m = monitor_world(world)
        child = services.project_create(
            actor=m.editor,
            network=world.network,
            title="Openbaar onderdeel",
            status="running",
            confidentiality="public",
            parent=m.public,
        )
        errors = import_csv(world, m, f"{m.public.code};Valpreventie Zeist;lopend;netwerk")
        assert len(errors) == 1 and "Openbaar onderdeel" in errors[0]
        assert "deze deelprojecten zijn openbaarder" in errors[0]
        m.public.refresh_from_db()
        child.refresh_from_db()
        assert not (m.public.confidentiality == "network" and child.confidentiality == "public"), (
            "the import closed a parent project while its sub-project stays public"
        )
        both = import_csv(
            world,
            m,
            f"{m.public.code};Valpreventie Zeist;lopend;netwerk",
            f"{child.code};Openbaar onderdeel;lopend;netwerk",
        )
        assert both == []
        child.refresh_from_db()
        assert child.confidentiality == "network"


class TestLastUpdatedBy:
    def test_the_public_project_page_never_shows_an_e_mail_address(self, world: World) -> None:
        """The "last updated by" label was ``User.display_name``, the login's e-mail address for a
        login without a person (a platform admin, who may edit projects), and the anonymous
        visitor read it on projecten/<code>/ of a public project."""
        m = monitor_world(world)
        admin = world.users["admin"]
        services.project_update(actor=admin, project=m.public, summary="Bijgewerkt door beheer.")
        page = Client().get(url(world, "project", code=m.public.code)).content.decode()
        assert "Bijgewerkt door beheer." in page
        assert admin.email not in page, (
            "the admin's e-mail address is published as 'last updated by' on a public page"
        )


class TestEmbedOrigins:
    @pytest.mark.parametrize(
        "origin", ["https://a.nl;base-uri *", "https://a.nl https://b.nl", "https://a.nl:abc"]
    )
    def test_an_origin_cannot_splice_into_the_embeds_security_policy(
        self, world: World, origin: str
    ) -> None:
        """The allowed origins go into the embed's ``Content-Security-Policy: frame-ancestors``:
        a ";" (a new directive), a space (another source) or a bad port is refused, with the
        message of the field and nothing saved."""
        m = monitor_world(world)
        with pytest.raises(ValidationError) as refused:
            services.monitor_settings_update(
                actor=m.editor,
                network=world.network,
                intro="",
                course_lines=[],
                embed_origins=[origin],
            )
        assert "is geen origin" in str(refused.value)
        assert (
            "https://*.example.nl"
            in services.monitor_settings_update(
                actor=m.editor,
                network=world.network,
                intro="",
                course_lines=[],
                embed_origins=["https://*.example.nl"],
            ).embed_origins
        )

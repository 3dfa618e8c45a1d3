"""The public's validators and "last updated" date follow the last change the public sees.

Before, every monitor service bumped one moment, and the public's ETag, Last-Modified and
"Laatst bijgewerkt op …" (the dashboard, the embed, ``updated_at`` of ``api/v1/gemeenten/``)
moved when only a network-level project changed: an anonymous visitor learnt that, and when, a
hidden project was edited. Now ``MonitorSettings.public_changed`` moves only with public changes
and ``Version.moment_for`` gives it to everyone who does not see network-level projects.
"""

import io
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal
from importlib import import_module
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.http import http_date

from bestuurstafel.geo.models import Revision
from bestuurstafel.monitor import selectors, services
from bestuurstafel.monitor.models import MonitorSettings, Project
from bestuurstafel.networks.access import ANONYMOUS, viewer_for_user
from bestuurstafel.networks.models import Network, Organisation
from bestuurstafel.testing.world import World, login

from .factories import MonitorWorld, monitor_world

pytestmark = pytest.mark.django_db

# Who does not see the network's network-level projects, and who does.
OUTSIDE = ["anonymous", "outsider"]
INSIDE = ["member", "partner", "secretary", "admin"]


def url(world: World, name: str, **kwargs: object) -> str:
    return reverse(f"monitor:{name}", kwargs={"slug": world.network.slug, **kwargs})


def client_as(world: World, persona: str) -> Client:
    return login(Client(), world.user(persona))


def dated_back(world: World) -> datetime:
    """Date everything the version covers three days back (so that a change today shows in
    the date on the page, not only in the time), and return that moment."""
    earlier = (timezone.now() - timedelta(days=3)).replace(microsecond=0)
    MonitorSettings.objects.filter(network=world.network).update(
        last_changed=earlier, public_changed=earlier
    )
    Network.objects.filter(pk=world.network.pk).update(updated_at=earlier)
    Organisation.objects.filter(network=world.network).update(updated_at=earlier)
    Revision.objects.update(changed_at=earlier)
    return earlier


def shown_date(moment: datetime) -> str:
    with translation.override("nl"):
        return formats.date_format(timezone.localtime(moment), "j F Y")


def last_updated(response: Any) -> str:
    """The "Laatst bijgewerkt op …" line of the dashboard or the embed."""
    found = re.search(r'class="bt-monitor-meta">([^<]*)<', response.content.decode())
    assert found, "the page shows no date of the last update"
    return found.group(1)


def seen(client: Client, target: str) -> tuple[str, str, str]:
    response = client.get(target)
    assert response.status_code == 200
    return response["ETag"], response["Last-Modified"], last_updated(response)


def a_world(world: World) -> tuple[MonitorWorld, datetime]:
    m = monitor_world(world)
    return m, dated_back(world)


# The changes, through the services, that the public does not see, and those it does.
Change = Callable[[MonitorWorld], object]

HIDDEN_CHANGES: dict[str, Change] = {
    "update": lambda m: services.project_update(
        actor=m.editor, project=m.private, progress=55, summary="Nieuwe verdeelsleutel."
    ),
    "status": lambda m: services.project_change_status(
        actor=m.editor, project=m.private, status="running"
    ),
    "parts": lambda m: services.project_parts_set(
        actor=m.editor, project=m.private, parts=[services.PartData("Geheime stap")]
    ),
    "milestones": lambda m: services.project_milestones_set(
        actor=m.editor,
        project=m.private,
        milestones=[services.MilestoneData(timezone.localdate(), "Geheim overleg")],
    ),
    "funding": lambda m: services.project_funding_set(
        actor=m.editor,
        project=m.private,
        lines=[services.FundingData("own", 2025, Decimal("1000"), "requested")],
    ),
    "create": lambda m: services.project_create(
        actor=m.editor, network=m.private.network, title="Nog geheimer", confidentiality="network"
    ),
    "delete": lambda m: services.project_delete(actor=m.editor, project=m.private),
    "import": lambda m: import_csv(m, f"{m.private.code};Geheime herverdeling;lopend;netwerk"),
}

PUBLIC_CHANGES: dict[str, Change] = {
    "update": lambda m: services.project_update(actor=m.editor, project=m.public, progress=41),
    "hidden": lambda m: services.project_update(
        actor=m.editor, project=m.public, confidentiality="network"
    ),
    "made public": lambda m: services.project_update(
        actor=m.editor, project=m.private, confidentiality="public"
    ),
    "parts": lambda m: services.project_parts_set(
        actor=m.editor, project=m.public, parts=[services.PartData("Eerste stap")]
    ),
    "milestones": lambda m: services.project_milestones_set(
        actor=m.editor,
        project=m.public,
        milestones=[services.MilestoneData(timezone.localdate(), "Startbijeenkomst")],
    ),
    "funding": lambda m: services.project_funding_set(actor=m.editor, project=m.public, lines=[]),
    "create": lambda m: services.project_create(
        actor=m.editor, network=m.public.network, title="Nieuw", confidentiality="public"
    ),
    "delete": lambda m: services.project_delete(actor=m.editor, project=m.public),
    "import hides": lambda m: import_csv(m, f"{m.public.code};Valpreventie Zeist;lopend;netwerk"),
    "import shows": lambda m: import_csv(
        m, f"{m.private.code};Geheime herverdeling;gepland;openbaar"
    ),
    "settings": lambda m: services.monitor_settings_update(
        actor=m.editor,
        network=m.public.network,
        intro="Welkom.",
        course_lines=[],
        embed_origins=[],
    ),
}


def import_csv(m: MonitorWorld, *rows: str) -> None:
    data = "\n".join(["code;titel;status;zichtbaarheid", *rows]) + "\n"
    services.projects_import(
        actor=m.editor,
        network=m.public.network,
        file=io.BytesIO(data.encode()),
        filename="kernteam.csv",
        commit=True,
    )


class TestAHiddenChange:
    @pytest.mark.parametrize("change", list(HIDDEN_CHANGES))
    def test_leaves_the_publics_dashboard_as_it_was(self, world: World, change: str) -> None:
        """The anonymous dashboard keeps its ETag, Last-Modified and "last updated" date, and a
        copy held from before is still current (a 304), after a change of a network-level
        project: nothing it shows changed, and the moment would tell that something hidden
        did, and when."""
        m, earlier = a_world(world)
        target = url(world, "dashboard")
        etag, modified, text = seen(Client(), target)
        assert modified == http_date(earlier.timestamp())
        assert shown_date(earlier) in text
        HIDDEN_CHANGES[change](m)
        assert seen(Client(), target) == (etag, modified, text), (
            f"a {change} of a network-level project moved the public's validators or date"
        )
        assert Client().get(target, headers={"if-none-match": etag}).status_code == 304
        assert Client().get(target, headers={"if-modified-since": modified}).status_code == 304

    @pytest.mark.parametrize("persona", OUTSIDE)
    @pytest.mark.parametrize(
        ("name", "kwargs"),
        [
            ("dashboard", {}),
            ("map", {}),
            ("municipality", {"code": "GM0355"}),
            ("open_data", {}),
            ("geojson", {}),
            ("export", {"fmt": "csv"}),
            ("api_projects", {}),
            ("api_municipalities", {}),
        ],
    )
    def test_moves_no_validator_of_those_who_cannot_see_it(
        self, world: World, persona: str, name: str, kwargs: dict
    ) -> None:
        m, earlier = a_world(world)
        client = client_as(world, persona)
        target = url(world, name, **kwargs)
        first = client.get(target)
        assert first["Last-Modified"] == http_date(earlier.timestamp())
        HIDDEN_CHANGES["update"](m)
        again = client.get(target)
        assert (again["ETag"], again["Last-Modified"]) == (first["ETag"], first["Last-Modified"])

    @pytest.mark.parametrize("persona", INSIDE)
    def test_moves_the_validators_and_date_of_those_who_see_it(
        self, world: World, persona: str
    ) -> None:
        """The network's people see the project, so their copy must be refreshed."""
        m, earlier = a_world(world)
        client = client_as(world, persona)
        target = url(world, "dashboard")
        etag, modified, text = seen(client, target)
        assert modified == http_date(earlier.timestamp()) and shown_date(earlier) in text
        HIDDEN_CHANGES["update"](m)
        etag_after, modified_after, text_after = seen(client, target)
        assert etag_after != etag and modified_after != modified
        assert shown_date(timezone.now()) in text_after
        assert client.get(target, headers={"if-none-match": etag}).status_code == 200

    def test_that_changes_a_stale_public_figure_is_a_public_change(self, world: World) -> None:
        """A public programme's figure counts only its public sub-projects, so a network-level
        sub-project never changes it; but when its stored figure is stale, the roll-up that a
        hidden change sets off changes what the public sees, and the public's moment moves."""
        m, _earlier = a_world(world)
        programme = services.project_create(
            actor=m.editor,
            network=world.network,
            title="Openbaar programma",
            confidentiality="public",
            progress_rollup="average",
        )
        services.project_create(
            actor=m.editor,
            network=world.network,
            title="Openbaar deel",
            confidentiality="public",
            parent=programme,
            progress=20,
        )
        hidden = services.project_create(
            actor=m.editor,
            network=world.network,
            title="Verborgen deel",
            confidentiality="network",
            parent=programme,
            progress=80,
        )
        earlier = dated_back(world)
        assert not services.project_recalculate_progress(actor=m.editor, project=hidden)
        services.project_update(actor=m.editor, project=hidden, progress=90)
        assert selectors.monitor_version(slug=world.network.slug).public_moment == earlier
        Project.objects.filter(pk=programme.pk).update(progress=60)  # stale
        hidden = Project.objects.get(pk=hidden.pk)  # as the edit view reads it
        services.project_update(actor=m.editor, project=hidden, progress=95)
        programme.refresh_from_db()
        assert programme.progress == 20
        assert selectors.monitor_version(slug=world.network.slug).public_moment != earlier


class TestAPublicChange:
    @pytest.mark.parametrize("change", list(PUBLIC_CHANGES))
    def test_moves_the_publics_validators_and_date(self, world: World, change: str) -> None:
        """A public project changed, hidden (public -> network) or shown, the settings: the
        public's pages changed, so its copy must be refreshed."""
        m, _earlier = a_world(world)
        target = url(world, "dashboard")
        etag, modified, text = seen(Client(), target)
        PUBLIC_CHANGES[change](m)
        etag_after, modified_after, text_after = seen(Client(), target)
        assert etag_after != etag and modified_after != modified and text_after != text
        assert shown_date(timezone.now()) in text_after
        assert Client().get(target, headers={"if-none-match": etag}).status_code == 200
        assert Client().get(target, headers={"if-modified-since": modified}).status_code == 200


class TestTheEmbedAndTheApi:
    @pytest.mark.parametrize("persona", ["anonymous", *INSIDE])
    def test_the_embed_follows_the_public_moment_whoever_asks(
        self, world: World, persona: str
    ) -> None:
        """The embed lives on a public website and shows the public's monitor, whoever is
        logged in: its validators and date are the public's too."""
        m, earlier = a_world(world)
        client = client_as(world, persona)
        target = url(world, "embed")
        etag, modified, text = seen(client, target)
        assert modified == http_date(earlier.timestamp()) and shown_date(earlier) in text
        HIDDEN_CHANGES["update"](m)
        assert seen(client, target) == (etag, modified, text)
        PUBLIC_CHANGES["update"](m)
        etag_after, modified_after, text_after = seen(client, target)
        assert etag_after != etag and modified_after != modified
        assert shown_date(timezone.now()) in text_after

    def test_the_apis_updated_at_is_the_audiences_moment(self, world: World) -> None:
        m, earlier = a_world(world)
        target = url(world, "api_municipalities")
        HIDDEN_CHANGES["update"](m)
        version = selectors.monitor_version(slug=world.network.slug)
        assert version.public_moment == earlier and version.moment and version.moment > earlier
        for persona in OUTSIDE:
            answer = client_as(world, persona).get(target)
            assert answer.json()["updated_at"] == earlier.isoformat()
            assert answer["Last-Modified"] == http_date(earlier.timestamp())
        for persona in INSIDE:
            answer = client_as(world, persona).get(target)
            assert answer.json()["updated_at"] == version.moment.isoformat()
        PUBLIC_CHANGES["update"](m)
        public = selectors.monitor_version(slug=world.network.slug).public_moment
        assert public and public > earlier
        assert Client().get(target).json()["updated_at"] == public.isoformat()


class TestTheMoments:
    def test_touch_moves_the_public_moment_only_for_a_public_change(self, world: World) -> None:
        m, earlier = a_world(world)
        services.touch(network=world.network, actor=m.editor, public=False)
        settings_obj = MonitorSettings.objects.get(network=world.network)
        assert settings_obj.last_changed and settings_obj.last_changed > earlier
        assert settings_obj.public_changed == earlier
        assert settings_obj.last_changed_by == m.editor
        services.touch(network=world.network, actor=m.editor, public=True)
        settings_obj.refresh_from_db()
        assert settings_obj.public_changed == settings_obj.last_changed
        assert settings_obj.public_changed and settings_obj.public_changed > earlier

    def test_the_migration_starts_the_public_moment_at_the_last_change(self, world: World) -> None:
        """Migration 0004: which earlier changes were hidden is not known, so the public keeps
        the moment it was shown until now."""
        a_world(world)
        moment = timezone.now() - timedelta(days=1)
        MonitorSettings.objects.update(last_changed=moment, public_changed=None)
        migration = import_module("bestuurstafel.monitor.migrations.0004_public_changed")
        migration.copy_last_changed(django_apps, None)
        assert MonitorSettings.objects.get(network=world.network).public_changed == moment

    def test_the_version_query_and_the_monitor_agree_for_each_audience(self, world: World) -> None:
        """``monitor_get`` without a version (the core team's pages, the API schema) works out
        both moments itself, as ``monitor_version``'s raw SQL does, and gives each viewer the
        one ``Version.moment_for`` gives the validators."""
        m, earlier = a_world(world)
        HIDDEN_CHANGES["update"](m)
        slug = world.network.slug
        version = selectors.monitor_version(slug=slug)
        assert version.public_moment == earlier
        assert version.moment and version.moment > earlier
        for persona, expected in [
            *((p, version.public_moment) for p in OUTSIDE),
            *((p, version.moment) for p in INSIDE),
        ]:
            viewer = viewer_for_user(world.user(persona))
            assert version.moment_for(viewer) == expected, persona
            assert version.moment_for(viewer, public_only=True) == version.public_moment
            monitor = selectors.monitor_get(slug=slug, viewer=viewer)
            assert monitor.stamp == version and monitor.version == expected, persona
        assert selectors.monitor_get(slug=slug, viewer=ANONYMOUS, version=version).version == (
            earlier
        )

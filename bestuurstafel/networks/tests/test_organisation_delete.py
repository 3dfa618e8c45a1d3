"""An organisation removed in the admin goes through ``services.organisation_delete``: audited,
and every version built on the network moves (a project it led loses its lead without its own
``updated_at`` moving, so a client's copy naming the organisation must not stay current)."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from bestuurstafel.core.models import AuditEvent
from bestuurstafel.monitor import services as monitor_services
from bestuurstafel.monitor.tests.factories import monitor_world
from bestuurstafel.monitor.tests.test_public_version import dated_back
from bestuurstafel.networks.models import Organisation
from bestuurstafel.testing.world import World, login

pytestmark = pytest.mark.django_db


def single(admin: Client, organisation: Organisation) -> None:
    response = admin.post(
        reverse("admin:networks_organisation_delete", args=[organisation.pk]), {"post": "yes"}
    )
    assert response.status_code == 302


def bulk(admin: Client, organisation: Organisation) -> None:
    response = admin.post(
        reverse("admin:networks_organisation_changelist"),
        {"action": "delete_selected", "_selected_action": [organisation.pk], "post": "yes"},
    )
    assert response.status_code == 302


@pytest.mark.parametrize("delete", [single, bulk], ids=["delete page", "bulk action"])
def test_deleting_a_lead_organisation_moves_the_public_version(
    world: World, delete: Callable[[Client, Organisation], None]
) -> None:
    m = monitor_world(world)
    lead = Organisation.objects.create(network=world.network, name="Stichting Valpartners")
    monitor_services.project_update(actor=m.editor, project=m.public, lead_organisation=lead)
    dated_back(world)
    page = reverse("monitor:project", kwargs={"slug": world.network.slug, "code": m.public.code})
    visitor = Client()
    before = visitor.get(page)
    assert "Stichting Valpartners" in before.content.decode()
    # Nothing changed: the visitor's copy is current.
    assert visitor.get(page, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 304

    delete(login(Client(), world.user("admin")), lead)

    assert not Organisation.objects.filter(pk=lead.pk).exists()
    after = visitor.get(page, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert after["Last-Modified"] != before["Last-Modified"]
    assert "Stichting Valpartners" not in after.content.decode()
    event = AuditEvent.objects.get(action="networks.organisation_delete")
    assert event.target_label == "Stichting Valpartners"
    assert event.network_id == world.network.pk
    assert event.actor_id == world.users["admin"].pk

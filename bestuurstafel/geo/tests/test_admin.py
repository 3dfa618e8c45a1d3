"""A municipality changed by hand in the platform admin counts as a change of the geography, as
an import does: the monitor's version (its ETag and Last-Modified) follows ``geo.Revision``."""

import pytest
from django.test import Client
from django.urls import reverse

from bestuurstafel.geo.models import Municipality, Revision
from bestuurstafel.testing.world import login, make_user

pytestmark = pytest.mark.django_db


def admin_client() -> Client:
    return login(Client(), make_user("beheer@test.invalid", staff=True, two_factor=True))


def test_renaming_a_municipality_in_the_admin_notes_a_change_of_the_geography() -> None:
    zeist = Municipality.objects.create(code="GM0355", name="Zeist")
    assert not Revision.objects.exists()
    url = reverse("admin:geo_municipality_change", args=[zeist.pk])
    client = admin_client()
    form = client.get(url)
    assert form.status_code == 200
    data = {
        key: value
        for key, value in form.context["adminform"].form.initial.items()
        if value is not None
    }
    response = client.post(url, {**data, "code": "GM0355", "name": "Zeist (gemeente)"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Municipality.objects.get(pk=zeist.pk).name == "Zeist (gemeente)"
    first = Revision.objects.get().changed_at

    client.post(reverse("admin:geo_municipality_delete", args=[zeist.pk]), {"post": "yes"})
    assert not Municipality.objects.filter(pk=zeist.pk).exists()
    assert Revision.objects.get().changed_at > first

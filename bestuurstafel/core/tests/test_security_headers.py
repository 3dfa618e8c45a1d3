"""Every page carries the headers that keep it to itself; a change of default fails here."""

import pytest
from django.test import Client

from bestuurstafel.testing.world import World

pytestmark = pytest.mark.django_db


def test_pages_keep_to_themselves(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    for client, path in [
        (Client(), "/"),
        (client_for("member"), f"/netwerken/{world.network.slug}/"),
    ]:
        response = client.get(path, follow=True)
        assert response.status_code == 200
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
        policy = response["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy

import pytest
from django.apps import apps
from django.core.management import call_command

from bestuurstafel.networks.access import ANONYMOUS
from bestuurstafel.networks.models import Network
from bestuurstafel.networks.selectors import coverage


def counts() -> dict[str, int]:
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label
        in {"geo", "networks", "meetings", "monitor", "accounts", "otp_totp", "otp_static"}
    }


@pytest.mark.django_db
def test_the_demo_loads_twice_without_duplicates() -> None:
    call_command("load_demo", quiet=True, verbosity=0)
    first = counts()
    call_command("load_demo", quiet=True, verbosity=0)
    assert counts() == first
    assert set(Network.objects.values_list("slug", flat=True)) >= {
        "zouv",
        "bestuurstafel-gezond-utrecht",
    }


@pytest.mark.django_db
def test_each_demo_network_has_one_deliberate_gap() -> None:
    call_command("load_demo", quiet=True, verbosity=0)
    zouv = coverage(viewer=ANONYMOUS, network=Network.objects.get(slug="zouv"))
    assert [(d.key, c.key) for d, c in zouv.gaps] == [("sector", "disability_care")]
    bgu = coverage(
        viewer=ANONYMOUS, network=Network.objects.get(slug="bestuurstafel-gezond-utrecht")
    )
    assert [(d.key, c.key) for d, c in bgu.gaps] == [("municipality", "GM0321")]
    assert 15 <= zouv.organisation_count <= 25 and 15 <= bgu.organisation_count <= 25


@pytest.mark.django_db
def test_demo_people_have_no_real_email_addresses() -> None:
    from bestuurstafel.networks.models import Person

    call_command("load_demo", quiet=True, verbosity=0)
    assert all(p.email.endswith(".invalid") for p in Person.objects.all())

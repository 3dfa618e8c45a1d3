"""The minutes as PDF on paper: a row of the actions table stays on one page, and a deadline
stays on one line."""

import io
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from bestuurstafel.core.templatetags.bt import datum
from bestuurstafel.testing.world import World

from .. import services
from .factories import meetings

pytestmark = pytest.mark.django_db


def test_the_actions_table_keeps_rows_whole_and_deadlines_on_one_line(
    world: World, client_for: Callable[[str], Client]
) -> None:
    m = meetings(world)
    due = timezone.localdate() + timedelta(days=30)
    descriptions = [
        f"Actie {n}: de wijzigingen op het manifest verzamelen, met de partners bespreken en "
        f"voor de werkgroep van {n} december samenvatten in een notitie van twee kantjes"
        for n in range(1, 31)
    ]
    for description in descriptions:
        services.action_create(
            actor=world.users["secretary"],
            meeting=m.held,
            item=None,
            description=description,
            owner_organisation=world.organisations["welzijn"],
            due_date=due,
        )
    path = reverse("meetings:minutes_pdf", kwargs={"slug": world.network.slug, "code": m.held.code})
    pdf = PdfReader(io.BytesIO(client_for("member").get(path).content))
    pages = [page.extract_text() for page in pdf.pages]
    assert len(pages) > 2
    flat = [" ".join(page.split()) for page in pages]
    for description in descriptions:
        on = [n for n, page in enumerate(flat) if description in page]
        assert len(on) == 1, f"split over pages: {description}"
    deadline = datum(due)  # "14 november 2025"
    assert sum(page.count(deadline) for page in pages) == len(descriptions)

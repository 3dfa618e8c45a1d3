"""Meetings in English as well as in Dutch: calendar feeds in their owner's language (a
calendar app sends no language cookie), times without the Dutch "uur", and month names as
English writes them."""

import io
import re
from collections.abc import Callable
from datetime import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from docx import Document
from icalendar import Calendar
from pypdf import PdfReader

from bestuurstafel.testing.world import World

from .. import documents, services
from ..models import Meeting
from .factories import meetings

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


def url(name: str, world: World, **kwargs: object) -> str:
    return reverse(f"meetings:{name}", kwargs={"slug": world.network.slug, **kwargs})


def in_english(client: Client) -> Client:
    client.cookies[COOKIE] = "en"
    return client


def calendar_name(content: bytes) -> str:
    return str(Calendar.from_ical(content)["X-WR-CALNAME"])


# --- Calendar feeds ------------------------------------------------------------------------------


def test_the_personal_feed_speaks_its_owners_language(world: World) -> None:
    m = meetings(world)
    member = world.users["member"]
    member.language = "en"
    member.save()
    feed = reverse("meetings:feed_personal", kwargs={"token": m.calendar_token})
    response = Client().get(feed)  # a calendar app: no cookie
    assert response.status_code == 200 and response["Content-Language"] == "en"
    assert calendar_name(response.content) == "My meetings (Bestuurstafel)"

    # A Dutch owner's feed stays Dutch, also when opened in a browser switched to English.
    token = services.calendar_token_create(actor=world.users["partner"])
    dutch = in_english(Client()).get(reverse("meetings:feed_personal", kwargs={"token": token}))
    assert dutch["Content-Language"] == "nl"
    assert calendar_name(dutch.content) == "Mijn vergaderingen (Bestuurstafel)"


def test_a_body_feed_with_a_calendar_key_speaks_the_keys_owners_language(world: World) -> None:
    m = meetings(world)
    member = world.users["member"]
    member.language = "en"
    member.save()
    path = url("feed_body", world, body=world.plenary.slug)
    keyed = Client().get(path, {"sleutel": m.calendar_token})
    assert keyed.status_code == 200 and keyed["Content-Language"] == "en"
    # Without a key it follows the reader, as every page does.
    assert Client().get(path)["Content-Language"] == "nl"
    assert in_english(Client()).get(path)["Content-Language"] == "en"


# --- The meeting's time --------------------------------------------------------------------------


def test_the_meeting_page_says_uur_in_dutch_and_nothing_after_the_time_in_english(
    world: World, client_for: Callable[[str], Client]
) -> None:
    m = meetings(world)
    path = url("detail", world, code=m.upcoming.code)
    dutch = client_for("member").get(path).content.decode()
    assert "<li>10:00–12:00 uur</li>" in dutch
    english = in_english(client_for("member")).get(path).content.decode()
    assert "<li>10:00–12:00</li>" in english


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    return "\n".join(cell.text for table in document.tables for cell in table.columns[1].cells)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_documents_write_the_time_as_each_language_does(
    world: World, client_for: Callable[[str], Client]
) -> None:
    m = meetings(world)
    for language, expected in (("nl", "14.00 – 16.00 uur"), ("en", "14:00 – 16:00")):
        client = client_for("member")
        client.cookies[COOKIE] = language
        word = docx_text(client.get(url("minutes_docx", world, code=m.held.code)).content)
        assert expected in word.splitlines(), (language, word)
        for name in ("minutes_pdf", "agenda_pdf"):
            pdf = pdf_text(client.get(url(name, world, code=m.held.code)).content)
            assert re.search(rf"\b{re.escape(expected)}$", pdf, re.MULTILINE), (language, name)
        assert " h\n" not in word and not re.search(r"\d h$", pdf, re.MULTILINE)


def test_a_meeting_over_two_days_names_both_moments() -> None:
    here = timezone.get_current_timezone()
    meeting = Meeting(
        starts_at=datetime(2026, 10, 8, 9, 30, tzinfo=here),
        ends_at=datetime(2026, 10, 9, 13, 0, tzinfo=here),
    )
    with translation.override("nl"):
        dutch = documents.time_span(meeting)
    assert dutch == "8 oktober 09.30 tot 9 oktober 13.00"  # not "tot en met" (that is for days)
    with translation.override("en"):
        assert documents.time_span(meeting) == "8 October 09:30 to 9 October 13:00"


# --- Month names ---------------------------------------------------------------------------------

CARD_MONTH = re.compile(r'bt-meeting-card__day">\d+</span> <span>([^<]+)</span>')


@pytest.mark.parametrize("page", ["list", "dashboard"])
def test_the_month_on_a_meeting_card_is_written_as_each_language_does(
    world: World, client_for: Callable[[str], Client], page: str
) -> None:
    meetings(world)
    path = url("list", world) if page == "list" else reverse("meetings:dashboard")
    dutch = CARD_MONTH.findall(client_for("member").get(path).content.decode())
    english = CARD_MONTH.findall(in_english(client_for("member")).get(path).content.decode())
    assert dutch and len(dutch) == len(english)
    assert all(re.fullmatch(r"[a-z]{3} \d{4}", month) for month in dutch), dutch
    assert all(re.fullmatch(r"[A-Z][a-z]{2} \d{4}", month) for month in english), english

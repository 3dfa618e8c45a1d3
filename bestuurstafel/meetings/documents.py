"""The agenda (PDF) and the minutes (DOCX and PDF) in the layout Dutch boards use: a header
table (date, time, location, subject), attendance, numbered items with their presenter, the
attachments, the decisions and an actions table.

Built only from the selectors' ``Agenda`` and ``Minutes`` for one reader: a document never holds
more than its reader may see on the page, and says for whom it was made.
"""

import io
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from .models import Meeting, MinutesStatus
from .selectors import Agenda, Minutes, Represented

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def long_date(meeting: Meeting) -> str:
    return formats.date_format(timezone.localtime(meeting.starts_at), "l j F Y")


def time_span(meeting: Meeting) -> str:
    """Dutch boards write 11.00 – 13.00 uur, English reads 11:00 – 13:00 (the formats and the
    suffix are in the catalogue)."""
    start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    if start.date() != end.date():
        moment = pgettext("date and time format in documents", "j F H:i")
        return pgettext("from one moment to another", "%(start)s to %(end)s") % {
            "start": formats.date_format(start, moment),
            "end": formats.date_format(end, moment),
        }
    clock = pgettext("time format in documents", "H:i")
    return pgettext("time span in documents", "%(start)s – %(end)s") % {
        "start": formats.date_format(start, clock),
        "end": formats.date_format(end, clock),
    }


def minutes_state(meeting: Meeting) -> str:
    if meeting.minutes_status == MinutesStatus.APPROVED and meeting.minutes_approved_in:
        return _("Approved in the meeting of %(date)s") % {
            "date": formats.date_format(
                timezone.localtime(meeting.minutes_approved_in.starts_at), "j F Y"
            )
        }
    if meeting.minutes_status == MinutesStatus.SENT:
        return _("Draft, sent for comment")
    return _("Draft")


def made_for(reader: str) -> str:
    return _("Made for %(reader)s on %(date)s. Do not pass on.") % {
        "reader": reader,
        "date": formats.date_format(timezone.localtime(), "j F Y"),
    }


def place(meeting: Meeting, *, online: bool) -> str:
    """The "Location" row: the address, else the online meeting link for a reader who is logged
    in (the meeting page shows the link only to them: it lets anyone into the meeting)."""
    return meeting.location or (meeting.online_url if online else "") or "—"


def filename(meeting: Meeting, kind: str, extension: str) -> str:
    """``Verslag Plenair overleg 2025-10-09.pdf``; ``kind`` is the word in the reader's
    language (``_("Minutes")``)."""
    day = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d")
    return f"{kind} {meeting.title} {day}.{extension}".replace("/", "-")


def _pdf(html: str) -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string=html).write_pdf())


def agenda_pdf(agenda: Agenda, *, reader: str, online: bool) -> bytes:
    meeting = agenda.meeting
    html = render_to_string(
        "meetings/documents/agenda.html",
        {
            "meeting": meeting,
            "agenda": agenda,
            "place": place(meeting, online=online),
            "long_date": long_date(meeting),
            "time_span": time_span(meeting),
            "made_for": made_for(reader),
        },
    )
    return _pdf(html)


def minutes_pdf(minutes: Minutes, *, reader: str, online: bool) -> bytes:
    meeting = minutes.meeting
    html = render_to_string(
        "meetings/documents/minutes.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "rows": [(item, minutes.for_item(item)) for item in minutes.agenda.flat],
            "place": place(meeting, online=online),
            "long_date": long_date(meeting),
            "time_span": time_span(meeting),
            "state": minutes_state(meeting),
            "made_for": made_for(reader),
        },
    )
    return _pdf(html)


def _names(participants: list[Any]) -> str:
    return "; ".join(
        f"{p.name} ({p.organisation_name})" if p.organisation_name else p.name for p in participants
    )


def _represented_names(represented: list[Represented]) -> str:
    """'Name (organisation), represented by Deputy; ...', as the minutes page says it."""
    parts = []
    for r in represented:
        text = _names([r])
        if r.deputy_name:
            text += ", " + _("represented by %(name)s") % {"name": r.deputy_name}
        parts.append(text)
    return "; ".join(parts)


def _set_language(document: Any) -> None:
    """The document's language is the reader's (Word checks the spelling of Dutch minutes as
    Dutch); python-docx's template says en-US."""
    from docx.oxml.ns import qn

    language = "nl-NL" if (get_language() or "nl").startswith("nl") else "en-GB"
    document.core_properties.language = language
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run.find(qn("w:lang"))
    if lang is None:
        lang = run.makeelement(qn("w:lang"), {})
        run.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), language)


def minutes_docx(minutes: Minutes, *, reader: str, online: bool) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    meeting = minutes.meeting
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10)
    document.core_properties.title = f"{_('Minutes')} {meeting.title}"
    document.core_properties.author = "Bestuurstafel"
    _set_language(document)

    heading = document.add_heading(f"{_('Minutes')} {meeting.title}", level=0)
    heading.alignment = WD_ALIGN_PARAGRAPH.LEFT
    state = document.add_paragraph(minutes_state(meeting))
    state.runs[0].italic = True

    header = [
        (_("Date"), long_date(meeting)),
        (_("Time"), time_span(meeting)),
        (_("Location"), place(meeting, online=online)),
        (
            _("Subject"),
            meeting.title
            if meeting.body.name == meeting.title
            else f"{meeting.title} ({meeting.body.name})",
        ),
    ]
    if meeting.chair:
        header.append((_("Chair"), meeting.chair.full_name))
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in header:
        cells = table.add_row().cells
        cells[0].text = label
        cells[0].paragraphs[0].runs[0].bold = True
        cells[1].text = value

    if minutes.participants:
        document.add_heading(_("Attendance"), level=1)
        present = minutes.present()
        if present:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{_('Present')}: ").bold = True
            paragraph.add_run(_names(present))
        represented = minutes.represented()
        if represented:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{_('Represented')}: ").bold = True
            paragraph.add_run(_represented_names(represented))
        absent = minutes.absent_with_notice()
        if absent:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{_('Absent with notice')}: ").bold = True
            paragraph.add_run(_names(absent))
        absent_unannounced = minutes.absent_without_notice()
        if absent_unannounced:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{_('Absent without notice')}: ").bold = True
            paragraph.add_run(_names(absent_unannounced))
        if meeting.residents_present:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{_('Residents present')}: ").bold = True
            paragraph.add_run(str(meeting.residents_present))
        new = minutes.new_members()
        if new:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{_('Welcomed as new members')}: ").bold = True
            paragraph.add_run(_names(new))

    document.add_heading(_("Items"), level=1)
    for item in minutes.agenda.flat:
        parts = minutes.for_item(item)
        document.add_heading(f"{item.number}. {item.title}", level=2 if not item.parent_id else 3)
        meta = []
        if item.presenter_label:
            meta.append(f"{_('Presenter')}: {item.presenter_label}")
        meta.append(item.get_purpose_display())
        files = [f"{_('Attachment')} {f.number}" for f in item.files]  # type: ignore[attr-defined]
        if files:
            meta.append(", ".join(files))
        if item.carried_from_id and item.carried_from:
            meta.append(
                _("Carried over from %(date)s")
                % {
                    "date": formats.date_format(
                        timezone.localtime(item.carried_from.meeting.starts_at), "j F Y"
                    )
                }
            )
        note = document.add_paragraph(" · ".join(meta))
        note.runs[0].font.color.rgb = RGBColor(0x55, 0x5F, 0x5E)
        section = parts["section"]
        if section is not None and section.text.strip():
            for paragraph in section.text.strip().split("\n"):
                if paragraph.strip():
                    document.add_paragraph(paragraph.strip())
        for decision in parts["decisions"]:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{_('Decision')}: ").bold = True
            paragraph.add_run(decision.text)
        carried = getattr(item, "carried_to_items", [])
        for later in carried:
            document.add_paragraph(
                _("Carried to the meeting of %(date)s.")
                % {
                    "date": formats.date_format(
                        timezone.localtime(later.meeting.starts_at), "j F Y"
                    )
                }
            )
        if not carried and getattr(item, "carried_later", False):
            document.add_paragraph(_("Carried to a later meeting."))

    attachments = minutes.agenda.attachments
    if attachments:
        document.add_heading(_("Attachments"), level=1)
        for attachment in attachments:
            document.add_paragraph(f"{_('Attachment')} {attachment.number}: {attachment.title}")

    if minutes.decisions:
        document.add_heading(_("Decisions"), level=1)
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, label in zip(table.rows[0].cells, ("#", _("Decision"), _("Item")), strict=True):
            cell.text = label
            cell.paragraphs[0].runs[0].bold = True
        for number, decision in enumerate(minutes.decisions, start=1):
            cells = table.add_row().cells
            cells[0].text = str(number)
            cells[1].text = decision.text
            cells[2].text = decision.item.number if decision.item else ""

    if minutes.actions:
        document.add_heading(_("Actions"), level=1)
        table = document.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        labels = ("#", _("What"), _("Who"), _("Deadline"), _("Status"))
        for cell, label in zip(table.rows[0].cells, labels, strict=True):
            cell.text = label
            cell.paragraphs[0].runs[0].bold = True
        for number, action in enumerate(minutes.actions, start=1):
            cells = table.add_row().cells
            cells[0].text = str(number)
            cells[1].text = action.description
            cells[2].text = action.owner_label
            cells[3].text = (
                formats.date_format(action.due_date, "j F Y") if action.due_date else "—"
            )
            cells[4].text = action.state_label

    footer = document.sections[0].footer.paragraphs[0]
    footer.text = made_for(reader)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

"""Input validation for the meeting pages. Forms validate input; services write."""

import uuid
from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bestuurstafel.core.confidentiality import Confidentiality
from bestuurstafel.core.forms import WIDGET_CLASSES, DateInput, StyledForm, TimeInput
from bestuurstafel.core.templatetags.bt import datum
from bestuurstafel.networks.access import Viewer
from bestuurstafel.networks.models import Body, Membership, Network, Organisation, Person, active_q

from . import selectors, services
from .models import AgendaItem, Meeting, Presence, Purpose, Rsvp

CONFIDENTIALITY_HELP = _(
    "Who may see this: everyone (public), the network (members and partners), members only "
    "(not partners) or only the body's members."
)


class Form(StyledForm):
    # Required fields say so in their label; no browser "required" attribute, whose :invalid
    # styling would paint an empty form red before anyone typed.
    use_required_attribute = False


def network_people(network: Network) -> QuerySet[Person]:
    """Current people of the network, each with the name of their organisation."""
    organisation = Membership.objects.filter(
        active_q(), network=network, person=OuterRef("pk")
    ).values("organisation__name")[:1]
    return (
        Person.objects.filter(
            memberships__in=Membership.objects.filter(active_q(), network=network)
        )
        .annotate(organisation_name=Subquery(organisation))
        .distinct()
        .order_by("family_name", "given_name")
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        organisation = getattr(obj, "organisation_name", "")
        return f"{obj.full_name} ({organisation})" if organisation else obj.full_name


class MeetingChoiceField(forms.ModelChoiceField):
    """A later meeting, named as the rest of the app names dates: "18 december 2025, title"."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{datum(obj.starts_at)}, {obj.title}"


class Radios(forms.RadioSelect):
    """Radio buttons whose wrapper does not get the buttons' own NL Design System class."""

    template_name = "meetings/widgets/radio.html"


class ConfidentialityField(forms.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Confidentiality"))
        kwargs.setdefault("help_text", CONFIDENTIALITY_HELP)
        super().__init__(choices=Confidentiality.choices, **kwargs)


# Meeting dates and deadlines lie in these years (both included): year 1 or 9999 is a typo, and
# would not fit a calendar year's bounds in UTC either.
FIRST_YEAR = 2000
LAST_YEAR = 2100


class DateInRangeField(forms.DateField):
    """A date between FIRST_YEAR and LAST_YEAR; the error names the field."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", DateInput())
        super().__init__(**kwargs)
        self.widget.attrs.update({"min": f"{FIRST_YEAR}-01-01", "max": f"{LAST_YEAR}-12-31"})

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise ValidationError(
                _("%(field)s: choose a date between %(first)s and %(last)s.")
                % {"field": self.label, "first": FIRST_YEAR, "last": LAST_YEAR},
                code="out_of_range",
            )


class WithinItem:
    """A form for something on an agenda item (a decision, an action): its level starts at the
    item's. A more open level is a deliberate choice (a decision published from a closed
    deliberation), and the help text says what it means."""

    def __init__(self, *args: Any, item: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if item is not None:
            field = self.fields["confidentiality"]  # type: ignore[attr-defined]
            field.initial = item.confidentiality
            if item.confidentiality != Confidentiality.PUBLIC:
                field.help_text = _(
                    "Starts at the item's level (“%(level)s”). A more open level shows this to "
                    "people who may not see the item itself: choose it only to publish it."
                ) % {"level": Confidentiality(item.confidentiality).label}


# --- Planning ---------------------------------------------------------------------------------------


class MeetingForm(Form):
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)
    date = DateInRangeField(label=_("Date"))
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput())
    end_date = DateInRangeField(
        label=_("End date"),
        required=False,
        help_text=_("Only for a meeting that lasts more than a day."),
    )
    end_time = forms.TimeField(label=_("End time"), widget=TimeInput())
    location = forms.CharField(label=_("Location (address)"), max_length=300, required=False)
    online_url = forms.URLField(
        label=_("Online meeting link"), required=False, assume_scheme="https"
    )
    is_public = forms.BooleanField(
        label=_("Public meeting: anyone may see the date, the place and the public items"),
        required=False,
    )
    chair = PersonChoiceField(label=_("Chaired by"), queryset=Person.objects.none(), required=False)
    reminder_days = forms.IntegerField(
        label=_("Reminder (days before)"),
        min_value=0,
        max_value=30,
        initial=7,
        help_text=_("Invitees get a reminder this many days before the meeting; 0 for none."),
    )
    description = forms.CharField(
        label=_("Introduction for the invitation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        network: Network,
        bodies: QuerySet[Body],
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]
        self.fields["chair"].queryset = network_people(network)  # type: ignore[attr-defined]
        if editing:
            del self.fields["body"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            end_day = data.get("end_date") or day
            data["starts_at"] = timezone.make_aware(datetime.combine(day, start))
            data["ends_at"] = timezone.make_aware(datetime.combine(end_day, end))
            if data["ends_at"] <= data["starts_at"]:
                self.add_error(
                    "end_time",
                    _("The meeting must end after it starts: check the end date and time."),
                )
        return data

    @staticmethod
    def initial_for(meeting: Meeting) -> dict[str, Any]:
        start = timezone.localtime(meeting.starts_at)
        end = timezone.localtime(meeting.ends_at)
        return {
            "title": meeting.title,
            "date": start.date(),
            "start_time": start.time(),
            "end_date": end.date() if end.date() != start.date() else None,
            "end_time": end.time(),
            "location": meeting.location,
            "online_url": meeting.online_url,
            "is_public": meeting.is_public,
            "chair": meeting.chair_id,
            "reminder_days": meeting.reminder_days,
            "description": meeting.description,
        }

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "location": data["location"],
            "online_url": data["online_url"],
            "description": data["description"],
            "is_public": data["is_public"],
            "reminder_days": data["reminder_days"],
            "chair": data["chair"],
        }


class SeriesForm(Form):
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)
    first_date = DateInRangeField(label=_("First date"))
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput())
    end_time = forms.TimeField(label=_("End time"), widget=TimeInput())
    every = forms.IntegerField(label=_("Every"), min_value=1, max_value=12, initial=3)
    unit = forms.ChoiceField(
        label=_("Unit"), choices=[("months", _("months")), ("weeks", _("weeks"))], initial="months"
    )
    count = forms.IntegerField(label=_("Number of meetings"), min_value=2, max_value=24, initial=4)
    location = forms.CharField(label=_("Location (address)"), max_length=300, required=False)
    online_url = forms.URLField(
        label=_("Online meeting link"), required=False, assume_scheme="https"
    )
    is_public = forms.BooleanField(label=_("Public meetings"), required=False)
    reminder_days = forms.IntegerField(
        label=_("Reminder (days before)"), min_value=0, max_value=30, initial=7
    )

    def __init__(self, *args: Any, bodies: QuerySet[Body], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error(
                "end_time", _("Each meeting must end after it starts: choose a later end time.")
            )
        complete = all(data.get(name) for name in ("first_date", "every", "unit", "count"))
        if complete and self.dates()[-1].year > LAST_YEAR:
            self.add_error(
                "count",
                _("The series runs past %(last)s: choose an earlier first date or fewer meetings.")
                % {"last": LAST_YEAR},
            )
        return data

    def dates(self) -> list[date]:
        data = self.cleaned_data
        return services.series_dates(
            data["first_date"], every=data["every"], unit=data["unit"], count=data["count"]
        )


class CancelForm(Form):
    reason = forms.CharField(
        label=_("Reason (sent to the invitees)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


# --- Agenda -----------------------------------------------------------------------------------------


class AgendaItemForm(Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    parent = forms.ModelChoiceField(
        label=_("Sub-item of"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("(a main item)"),
    )
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    presenter = PersonChoiceField(
        label=_("Presenter"), queryset=Person.objects.none(), required=False
    )
    presenter_name = forms.CharField(
        label=_("Or a guest presenter (name and organisation)"), max_length=150, required=False
    )
    duration_minutes = forms.IntegerField(
        label=_("Planned minutes"), min_value=0, max_value=600, initial=10
    )
    confidentiality = ConfidentialityField(
        initial=Confidentiality.NETWORK,
        help_text=_(
            "A sub-item is never more open than its main item: a more open choice takes the "
            "main item's level."
        ),
    )
    description = forms.CharField(
        label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(
        self,
        *args: Any,
        meeting: Meeting,
        viewer: Viewer,
        item: AgendaItem | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        parents = selectors.main_items_for_manager(viewer=viewer, meeting=meeting)
        if item is not None:
            parents = parents.exclude(pk=item.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        self.fields["presenter"].queryset = network_people(meeting.network)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("presenter") and (data.get("presenter_name") or "").strip():
            self.add_error(
                "presenter_name",
                _("Choose a presenter from the network or name a guest, not both."),
            )
        return data

    @staticmethod
    def initial_for(item: AgendaItem) -> dict[str, Any]:
        return {
            "title": item.title,
            "parent": item.parent_id,
            "purpose": item.purpose,
            "presenter": item.presenter_id,
            "presenter_name": item.presenter_name,
            "duration_minutes": item.duration_minutes,
            "confidentiality": item.confidentiality,
            "description": item.description,
        }


class AttachmentForm(Form):
    prefix = "bijlage"  # several forms share a page: unique field ids

    title = forms.CharField(
        label=_("Title of the attachment"),
        max_length=300,
        required=False,
        help_text=_("Leave empty to use the file name."),
    )
    file = forms.FileField(label=_("File"))
    confidentiality = forms.ChoiceField(
        label=_("Confidentiality"),
        choices=[("", _("As the item")), *Confidentiality.choices],
        required=False,
        help_text=_("Never more open than the item: a more open choice takes the item's level."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            services.check_upload(upload)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["file"]) from None
        return upload


class CarryOverForm(Form):
    meeting = MeetingChoiceField(label=_("To the meeting of"), queryset=Meeting.objects.none())

    def __init__(self, *args: Any, meetings: QuerySet[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]


# --- Answers and attendance -------------------------------------------------------------------------


class RsvpForm(Form):
    answer = forms.ChoiceField(
        label=_("Will you attend?"),
        choices=[
            (Rsvp.ATTEND, _("I will attend")),
            (Rsvp.ABSENT, _("I cannot attend")),
            (Rsvp.DEPUTY, _("I send my deputy")),
        ],
        widget=Radios,
    )
    deputy = PersonChoiceField(
        label=_("Deputy"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Only when you send your deputy."),
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        help_text=_("For the secretariat, e.g. that you come later."),
        max_length=300,
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        deputies: QuerySet[Person],
        deputy_outside: Person | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deputy"].queryset = deputies  # type: ignore[attr-defined]
        if deputy_outside is not None:
            # The named deputy cannot open the meeting without a role in the network: say why
            # they are not in the list, and who can change that.
            self.fields["deputy"].help_text = _(
                "Only when you send your deputy. Your deputy %(name)s does not take part in this "
                "network and cannot be chosen; ask the secretary to add %(name)s with the role "
                "“deputy”."
            ) % {"name": deputy_outside.full_name}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("answer") == Rsvp.DEPUTY and not data.get("deputy"):
            self.add_error(
                "deputy", _("Choose who stands in for you (your deputy or a colleague).")
            )
        return data


class AttendanceForm(Form):
    """One choice per participant, plus residents and up to three new guests."""

    residents_present = forms.IntegerField(
        label=_("Residents present"), min_value=0, max_value=10000, initial=0
    )

    GUEST_ROWS = 3

    def __init__(
        self, *args: Any, participants: list[Any], items: list[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.participants = [p for p in participants if not p.is_guest]
        item_choices = [("", _("The whole meeting")), *((str(i.code), str(i)) for i in items)]
        self.items = {str(i.code): i for i in items}
        for participant in self.participants:
            self.fields[f"presence_{participant.code}"] = forms.ChoiceField(
                label=participant.name, choices=Presence.choices
            )
            self.fields[f"new_{participant.code}"] = forms.BooleanField(
                label=_("New member, welcomed"), required=False
            )
        for n in range(1, self.GUEST_ROWS + 1):
            self.fields[f"guest_name_{n}"] = forms.CharField(
                label=_("Guest %(n)s: name") % {"n": n}, max_length=150, required=False
            )
            self.fields[f"guest_organisation_{n}"] = forms.CharField(
                label=_("Guest %(n)s: organisation") % {"n": n}, max_length=200, required=False
            )
            self.fields[f"guest_item_{n}"] = forms.ChoiceField(
                label=_("Guest %(n)s: came for") % {"n": n},
                choices=item_choices,
                required=False,
            )
        # The fields above were added after StyledForm styled the form's fields.
        for field in self.fields.values():
            for widget_type, css in WIDGET_CLASSES:
                if isinstance(field.widget, widget_type):
                    field.widget.attrs.setdefault("class", css)
                    break
        # In the order of the page (the error summary follows it): residents come last.
        self.fields["residents_present"] = self.fields.pop("residents_present")

    def summary_label(self, name: str) -> str:
        """A row's fields are named by its person in the error summary: "Anna Lid: attendance"."""
        kind, _sep, code = name.partition("_")
        names = {str(p.code): p.name for p in self.participants}
        if kind == "presence" and code in names:
            return _("%(name)s: attendance") % {"name": names[code]}
        if kind == "new" and code in names:
            return _("%(name)s: new member") % {"name": names[code]}
        return super().summary_label(name)

    @staticmethod
    def initial_for(meeting: Meeting, participants: list[Any]) -> dict[str, Any]:
        initial: dict[str, Any] = {"residents_present": meeting.residents_present}
        for participant in participants:
            presence = participant.presence
            if presence == Presence.UNKNOWN:
                presence = {
                    Rsvp.ABSENT: Presence.ABSENT_NOTICE,
                    Rsvp.DEPUTY: Presence.REPRESENTED,
                }.get(participant.rsvp, Presence.PRESENT)
            initial[f"presence_{participant.code}"] = presence
            initial[f"new_{participant.code}"] = participant.is_new_member
        return initial

    def rows(self) -> list[Any]:
        return [(p, self[f"presence_{p.code}"], self[f"new_{p.code}"]) for p in self.participants]

    def guest_rows(self) -> list[Any]:
        return [
            (self[f"guest_name_{n}"], self[f"guest_organisation_{n}"], self[f"guest_item_{n}"])
            for n in range(1, self.GUEST_ROWS + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A guest row with an organisation or an item but no name would be dropped unseen.
        for n in range(1, self.GUEST_ROWS + 1):
            if (
                data.get(f"guest_organisation_{n}", "").strip() or data.get(f"guest_item_{n}")
            ) and (not data.get(f"guest_name_{n}", "").strip()):
                self.add_error(f"guest_name_{n}", _("Give the guest's name."))
        return data

    def guests(self) -> list[tuple[str, str, Any]]:
        return [
            (
                self.cleaned_data[f"guest_name_{n}"],
                self.cleaned_data[f"guest_organisation_{n}"],
                self.items.get(self.cleaned_data.get(f"guest_item_{n}") or ""),
            )
            for n in range(1, self.GUEST_ROWS + 1)
            if self.cleaned_data.get(f"guest_name_{n}", "").strip()
        ]


# --- Minutes --------------------------------------------------------------------------------------


class MinutesSectionForm(Form):
    text = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 10}), required=False
    )
    confidentiality = ConfidentialityField(
        help_text=_("Never more open than the item: a more open choice takes the item's level.")
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class DecisionForm(WithinItem, Form):
    prefix = "besluit"  # several forms share a page: unique field ids

    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    confidentiality = ConfidentialityField(initial=Confidentiality.NETWORK)


class ActionForm(WithinItem, Form):
    prefix = "actie"  # several forms share a page: unique field ids

    description = forms.CharField(label=_("What"), widget=forms.Textarea(attrs={"rows": 2}))
    owner_person = PersonChoiceField(
        label=_("Owner (a person)"), queryset=Person.objects.none(), required=False
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Or owner (an organisation)"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    due_date = DateInRangeField(label=_("Deadline"), required=False)
    confidentiality = ConfidentialityField(initial=Confidentiality.NETWORK)

    def __init__(
        self, *args: Any, network: Network, owner: Person | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        people = network_people(network)
        self.fields["owner_person"].queryset = people  # type: ignore[attr-defined]
        self.fields["owner_organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            network=network
        ).order_by("name")
        # The owner of an action being corrected may have left the network since: say so,
        # rather than show an empty choice as if nobody had been chosen.
        if owner is not None and not people.filter(pk=owner.pk).exists():
            self.fields["owner_person"].help_text = _(
                "%(name)s, the owner until now, is no longer part of the network: choose who "
                "carries out the action now."
            ) % {"name": owner.full_name}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            "owner_person" in data
            and not data.get("owner_person")
            and not data.get("owner_organisation")
        ):
            self.add_error(
                "owner_person",
                _("Choose who carries out the action: a person or an organisation."),
            )
        if data.get("owner_person") and data.get("owner_organisation"):
            self.add_error("owner_organisation", _("Choose a person or an organisation, not both."))
        return data


class RequestForm(WithinItem, Form):
    prefix = "verzoek"  # several forms share a page: unique field ids

    description = forms.CharField(
        label=_("Request"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. “Send your changes to the manifest”."),
    )
    due_date = DateInRangeField(label=_("Deadline"))
    include_partners = forms.BooleanField(
        label=_("Also to partner organisations (municipalities, insurer)"), required=False
    )
    confidentiality = ConfidentialityField(initial=Confidentiality.NETWORK)
    # Made when the form is shown: the same form sent twice makes the actions once.
    request_code = forms.UUIDField(widget=forms.HiddenInput, required=False, initial=uuid.uuid4)


class DecisionEditForm(DecisionForm):
    """Correcting a decision: with the version it was opened at (``services.EditConflict``)."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)


class ActionEditForm(ActionForm):
    """Correcting an action: with the version it was opened at (``services.EditConflict``)."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)


class ApproveForm(Form):
    approved_in = MeetingChoiceField(
        label=_("Approved in the meeting of"), queryset=Meeting.objects.none()
    )

    def __init__(self, *args: Any, meetings: QuerySet[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["approved_in"].queryset = meetings  # type: ignore[attr-defined]


class ReflectionForm(Form):
    text = forms.CharField(
        label=_("What did we learn?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("A short lesson learned about how we met and decided together."),
    )
    confidentiality = ConfidentialityField(initial=Confidentiality.NETWORK)

    def __init__(self, *args: Any, levels: list[str] | None = None, **kwargs: Any) -> None:
        """``levels``: those the writer can read (a lesson never vanishes from their view)."""
        super().__init__(*args, **kwargs)
        if levels is not None:
            field = self.fields["confidentiality"]
            field.choices = [c for c in Confidentiality.choices if c[0] in levels]  # type: ignore[attr-defined]


class MinutesCommentForm(Form):
    """A comment on minutes sent for comment: on one of the items the author may see, or on the
    minutes as a whole."""

    item = forms.ChoiceField(label=_("About"), required=False)
    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Goes to the secretariat, who process it in the minutes."),
    )

    def __init__(self, *args: Any, items: list[AgendaItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = {str(item.code): item for item in items}
        self.fields["item"].choices = [("", _("The minutes as a whole"))] + [  # type: ignore[attr-defined]
            (str(item.code), f"{item.number}. {item.title}") for item in items
        ]

    def clean_item(self) -> AgendaItem | None:
        code = self.cleaned_data.get("item") or ""
        return self.items.get(code)


# --- Filters --------------------------------------------------------------------------------------


class MeetingFilterForm(Form):
    wanneer = forms.ChoiceField(
        label=_("Show"),
        choices=[("upcoming", _("Upcoming")), ("past", _("Past")), ("all", _("All"))],
        required=False,
    )
    orgaan = forms.ChoiceField(label=_("Body"), required=False)

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["orgaan"].choices = [("", _("All bodies"))] + [  # type: ignore[attr-defined]
            (b.slug, b.name) for b in network.bodies.all()
        ]


class DecisionFilterForm(Form):
    q = forms.CharField(label=_("Search"), required=False)
    orgaan = forms.ChoiceField(label=_("Body"), required=False)
    jaar = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, network: Network, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["orgaan"].choices = [("", _("All bodies"))] + [  # type: ignore[attr-defined]
            (b.slug, b.name) for b in network.bodies.all()
        ]
        self.fields["jaar"].choices = [("", _("All years"))] + [  # type: ignore[attr-defined]
            (y, str(y)) for y in years
        ]


class ActionFilterForm(Form):
    wie = forms.ChoiceField(
        label=_("Whose"),
        choices=[
            ("all", _("Everyone's")),
            ("mine", _("Mine")),
            ("organisation", _("My organisation's")),
        ],
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("open", _("Open")),
            ("overdue", _("Overdue")),
            ("done", _("Done")),
            ("all", _("All")),
        ],
        required=False,
    )
    orgaan = forms.ChoiceField(label=_("Body"), required=False)
    q = forms.CharField(label=_("Search"), required=False)

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["orgaan"].choices = [("", _("All bodies"))] + [  # type: ignore[attr-defined]
            (b.slug, b.name) for b in network.bodies.all()
        ]

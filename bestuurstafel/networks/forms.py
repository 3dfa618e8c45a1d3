"""Input validation for the network pages. Forms validate input; services write."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from bestuurstafel.core.forms import BLANK_CHOICE_LABEL, DateInput, StyledForm
from bestuurstafel.geo.models import Municipality

from .models import (
    Body,
    BodyKind,
    BodyRole,
    CareLine,
    Network,
    Organisation,
    Person,
    Role,
    Sector,
    TargetGroup,
)


class MunicipalityChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Municipality) -> str:
        return obj.name


class NetworkSettingsForm(StyledForm):
    public_description = forms.CharField(
        label=_("Public description"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    contact_name = forms.CharField(label=_("Public contact"), max_length=150, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail address"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    municipalities = MunicipalityChoiceField(
        label=_("Municipalities of the network"),
        queryset=Municipality.objects.none(),
        required=False,
    )
    expected_sectors = forms.MultipleChoiceField(
        label=_("Sectors the palette should have"),
        help_text=_("A sector ticked here without an organisation shows as a gap."),
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    expected_target_groups = forms.MultipleChoiceField(
        label=_("Target groups the palette should have"),
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        provinces = set(network.municipalities.values_list("province_code", flat=True))
        choices = Municipality.objects.all()
        if provinces:
            choices = choices.filter(province_code__in=provinces)
        self.fields["municipalities"].queryset = choices.order_by("name")  # type: ignore[attr-defined]


class OrganisationForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", BLANK_CHOICE_LABEL), *Sector.choices]
    )
    care_lines = forms.TypedMultipleChoiceField(
        label=_("Care lines"),
        choices=CareLine.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    municipalities = MunicipalityChoiceField(
        label=_("Municipalities served"), queryset=Municipality.objects.none(), required=False
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    joined_on = forms.DateField(label=_("Joined on"), widget=DateInput(), required=False)
    left_on = forms.DateField(
        label=_("Left on"),
        widget=DateInput(),
        required=False,
        help_text=_("Fill in only when the organisation leaves the network."),
    )

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].queryset = network.municipalities.order_by("name")  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(organisation: Organisation) -> dict[str, Any]:
        return {
            "name": organisation.name,
            "sector": organisation.sector,
            "care_lines": organisation.care_lines,
            "target_groups": organisation.target_groups,
            "municipalities": list(organisation.municipalities.all()),
            "website": organisation.website,
            "description": organisation.description,
            "joined_on": organisation.joined_on,
            "left_on": organisation.left_on,
        }


class ImportForm(StyledForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (separated by ; or ,) or Excel (.xlsx), with a header row."),
    )


class InvitationForm(StyledForm):
    given_name = forms.CharField(label=_("Given name"), max_length=100)
    infix = forms.CharField(label=_("Infix"), max_length=30, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=100)
    email = forms.EmailField(label=_("E-mail address"))
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)
    start_date = forms.DateField(label=_("Member from"), widget=DateInput(), required=False)
    bodies = forms.ModelMultipleChoiceField(
        label=_("Bodies"),
        queryset=Body.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = network.organisations.filter(left_on__isnull=True)  # type: ignore[attr-defined]
        self.fields["bodies"].queryset = network.bodies.all()  # type: ignore[attr-defined]


class MembershipForm(StyledForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    start_date = forms.DateField(label=_("From"), widget=DateInput())
    end_date = forms.DateField(label=_("Until"), widget=DateInput(), required=False)
    deputy = forms.ModelChoiceField(
        label=_("Deputy"), queryset=Person.objects.none(), required=False
    )

    def __init__(
        self, *args: Any, network: Network, people: QuerySet[Person], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = network.organisations.all()  # type: ignore[attr-defined]
        self.fields["deputy"].queryset = people  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("start_date")
            and data.get("end_date")
            and data["end_date"] < data["start_date"]
        ):
            self.add_error("end_date", _("The end date is before the start date."))
        return data


class EndForm(StyledForm):
    # Shown on the page of the membership, next to MembershipForm and its own ``end_date``: the
    # prefix keeps the ids apart (``id_end-end_date``), so "Last day" labels this form's field.
    prefix = "end"

    end_date = forms.DateField(label=_("Last day"), widget=DateInput())


class BodyForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    slug = forms.SlugField(
        label=_("Web address"),
        required=False,
        help_text=_("Letters, digits and hyphens; made from the name when left empty."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=BodyKind.choices)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        help_text=_("For a local cooperation body."),
    )
    parent = forms.ModelChoiceField(
        label=_("Advises / reports to"), queryset=Body.objects.none(), required=False
    )
    position = forms.IntegerField(label=_("Order"), min_value=0, initial=0, required=False)

    def __init__(
        self, *args: Any, network: Network, body: Body | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = network.municipalities.order_by("name")  # type: ignore[attr-defined]
        parents = network.bodies.all()
        if body is not None:
            parents = parents.exclude(pk=body.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]


class BodyMemberForm(StyledForm):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    role = forms.ChoiceField(
        label=_("Role in the body"), choices=BodyRole.choices, initial=BodyRole.MEMBER
    )
    start_date = forms.DateField(label=_("From"), widget=DateInput(), required=False)

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]


class SeatForm(StyledForm):
    role = forms.ChoiceField(label=_("Role in the body"), choices=BodyRole.choices)
    end_date = forms.DateField(label=_("Leaves the body on"), widget=DateInput(), required=False)


class ProfileForm(StyledForm):
    given_name = forms.CharField(label=_("Given name"), max_length=100)
    infix = forms.CharField(label=_("Infix"), max_length=30, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=100)
    job_title = forms.CharField(label=_("Job title"), max_length=150, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    bio = forms.CharField(
        label=_("About me"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class AcceptInvitationForm(StyledForm):
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not only digits and not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("password1")
            and data.get("password2")
            and data["password1"] != data["password2"]
        ):
            self.add_error("password2", _("The two passwords differ."))
        return data


class DirectoryFilterForm(StyledForm):
    q = forms.CharField(label=_("Search"), required=False)
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("All sectors")), *Sector.choices], required=False
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", _("All roles")), *Role.choices], required=False
    )
    body = forms.ChoiceField(label=_("Body"), required=False)

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [("", _("All bodies"))] + [  # type: ignore[attr-defined]
            (b.slug, b.name) for b in network.bodies.all()
        ]

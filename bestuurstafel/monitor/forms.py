"""Input validation for the monitor. Forms validate input; services write."""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from bestuurstafel.core.forms import DateInput, StyledForm
from bestuurstafel.geo.models import Municipality
from bestuurstafel.networks.models import Organisation

from . import selectors
from .models import (
    PROJECT_LEVELS,
    Agreement,
    Approval,
    FundingSource,
    FundingState,
    PartState,
    ProgressRollup,
    Project,
    Scale,
    Status,
)
from .selectors import Filters, Monitor


class FilterForm(StyledForm):
    """The dashboard's filters (a plain GET form; htmx only makes it quicker)."""

    thema = forms.ChoiceField(label=_("Theme"), required=False)
    akkoord = forms.ChoiceField(
        label=_("Agreement"),
        required=False,
        choices=[("", _("All agreements")), *Agreement.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Every status")), *Status.choices]
    )
    gemeente = forms.ChoiceField(label=_("Municipality"), required=False)
    zoek = forms.CharField(label=_("Search"), required=False, max_length=100)

    def __init__(
        self, *args: Any, monitor: Monitor, municipalities: list[Municipality], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["thema"].choices = [  # type: ignore[attr-defined]
            ("", _("All themes")),
            *monitor_theme_choices(monitor),
        ]
        self.fields["gemeente"].choices = [  # type: ignore[attr-defined]
            ("", _("All municipalities")),
            *[(m.code, m.name) for m in municipalities],
        ]

    @property
    def filters(self) -> Filters:
        if not self.is_bound or not self.is_valid():
            data = {
                name: value
                for name, value in (self.cleaned_data.items() if self.is_bound else [])
                if name not in self.errors
            }
        else:
            data = self.cleaned_data
        return Filters(
            theme=data.get("thema", "") or "",
            agreement=data.get("akkoord", "") or "",
            status=data.get("status", "") or "",
            municipality=data.get("gemeente", "") or "",
            query=(data.get("zoek", "") or "").strip(),
        )


def monitor_theme_choices(monitor: Monitor) -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        (
            str(scheme.label),
            [
                (f"{scheme.key}:{v}", monitor.theme_labels[f"{scheme.key}:{v}"])
                for v, _l in scheme.choices
            ],
        )
        for scheme in monitor.schemes
    ]


class ChartForm(StyledForm):
    indeling = forms.ChoiceField(label=_("Themes by"), required=False)

    def __init__(self, *args: Any, monitor: Monitor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indeling"].choices = [(s.key, s.label) for s in monitor.schemes]  # type: ignore[attr-defined]
        self.default = monitor.default_scheme

    @property
    def scheme(self) -> str:
        if self.is_bound and self.is_valid() and self.cleaned_data["indeling"]:
            return str(self.cleaned_data["indeling"])
        return self.default


class LinksField(forms.CharField):
    """Links, one per line: “Title | https://…” (or only the address)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value: Any) -> list[dict[str, str]]:  # type: ignore[override]
        text = super().to_python(value) or ""
        links = []
        validate = URLValidator(schemes=["https", "http"])
        for line in text.splitlines():
            if not line.strip():
                continue
            label, _sep, url = line.rpartition("|") if "|" in line else ("", "", line)
            url = url.strip()
            try:
                validate(url)
            except forms.ValidationError:
                raise forms.ValidationError(_("“%s” is not a web address.") % url) from None
            links.append({"label": label.strip() or url, "url": url})
        return links

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(
                f"{link['label']} | {link['url']}" if link["label"] != link["url"] else link["url"]
                for link in value
            )
        return value


class ProjectForm(StyledForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    agreement = forms.ChoiceField(label=_("Agreement"), choices=Agreement.choices)
    themes = forms.MultipleChoiceField(
        label=_("Themes"), widget=forms.CheckboxSelectMultiple, required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    approval = forms.ChoiceField(
        label=_("Approval of the plan"), choices=Approval.choices, required=False
    )
    approval_date = forms.DateField(label=_("Approval date"), widget=DateInput(), required=False)
    progress_rollup = forms.ChoiceField(
        label=_("Progress comes from"), choices=ProgressRollup.choices
    )
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        initial=0,
        help_text=_("Used when the progress is entered by hand."),
    )
    parent = forms.ChoiceField(label=_("Part of project"), required=False)
    weight = forms.IntegerField(
        label=_("Weight in the parent project"), min_value=1, max_value=100, initial=1
    )
    scale = forms.ChoiceField(label=_("Scale"), choices=Scale.choices)
    region_wide = forms.BooleanField(
        label=_("The whole region (every municipality of the network)"), required=False
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities"),
        queryset=Municipality.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    lead_organisation = forms.ModelChoiceField(
        label=_("Lead organisation"), queryset=Organisation.objects.none(), required=False
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Participating organisations"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    other_partners = forms.CharField(label=_("Other partners"), max_length=300, required=False)
    start_date = forms.DateField(label=_("Start"), widget=DateInput(), required=False)
    end_date = forms.DateField(label=_("End"), widget=DateInput(), required=False)
    contact_name = forms.CharField(label=_("Contact"), max_length=150, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail address"), required=False)
    links = LinksField(
        label=_("Links"), required=False, help_text=_("One per line: title | https://…")
    )
    highlight_year = forms.IntegerField(
        label=_("Highlight of the year"),
        min_value=2000,
        max_value=2100,
        required=False,
        help_text=_("The year in which this project is one of the main successes."),
    )
    highlight_text = forms.CharField(
        label=_("Why it is a highlight"), max_length=300, required=False
    )
    confidentiality = forms.ChoiceField(
        label=_("Who may see this project"), choices=PROJECT_LEVELS, widget=forms.RadioSelect
    )

    def __init__(
        self, *args: Any, monitor: Monitor, project: Project | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        network = monitor.network
        self.fields["themes"].choices = monitor_theme_choices(monitor)  # type: ignore[attr-defined]
        self.fields["municipalities"].queryset = network.municipalities.order_by("name")  # type: ignore[attr-defined]
        self.fields["municipalities"].label_from_instance = lambda m: m.name  # type: ignore[attr-defined]
        organisations = Organisation.objects.filter(network=network).order_by("name")
        self.fields["lead_organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["organisations"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["parent"].choices = [  # type: ignore[attr-defined]
            ("", _("(none)")),
            *[
                (str(p.code), p.title)
                for p in selectors.parent_choices(network=network, exclude=project)
            ],
        ]
        if not self.is_bound:
            self.initial.setdefault("confidentiality", "public")
            self.initial.setdefault("agreement", Agreement.IZA)
            self.initial.setdefault("scale", Scale.MUNICIPALITY)
            self.initial.setdefault("progress_rollup", ProgressRollup.MANUAL)

    @staticmethod
    def initial_for(project: Project) -> dict[str, Any]:
        return {
            "title": project.title,
            "summary": project.summary,
            "agreement": project.agreement,
            "themes": [t.key for t in project.themes.all()],
            "status": project.status,
            "approval": project.approval,
            "approval_date": project.approval_date,
            "progress_rollup": project.progress_rollup,
            "progress": project.progress,
            "parent": str(project.parent.code) if project.parent else "",
            "weight": project.weight,
            "scale": project.scale,
            "region_wide": project.region_wide,
            "municipalities": list(project.municipalities.all()),
            "lead_organisation": project.lead_organisation,
            "organisations": list(project.organisations.all()),
            "other_partners": project.other_partners,
            "start_date": project.start_date,
            "end_date": project.end_date,
            "contact_name": project.contact_name,
            "contact_email": project.contact_email,
            "links": project.links,
            "highlight_year": project.highlight_year,
            "highlight_text": project.highlight_text,
            "confidentiality": project.confidentiality,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end lies before the start."))
        return data

    def service_kwargs(self, network: Any) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        parent_code = data.pop("parent", "")
        data["parent"] = (
            selectors.parent_choices(network=network).filter(code=parent_code).first()
            if parent_code
            else None
        )
        data["municipalities"] = list(data["municipalities"])
        data["organisations"] = list(data["organisations"])
        data["approval"] = data.get("approval") or ""
        return data


class PartForm(StyledForm):
    title = forms.CharField(label=_("Part"), max_length=200, required=False)
    state = forms.ChoiceField(label=_("State"), choices=PartState.choices)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100, initial=0)
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=100, initial=1)


class MilestoneForm(StyledForm):
    date = forms.DateField(label=_("Date"), widget=DateInput(), required=False)
    title = forms.CharField(label=_("Milestone"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), max_length=500, required=False)
    done = forms.BooleanField(label=_("Reached"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("title") and not data.get("date"):
            self.add_error("date", _("Give the date of the milestone."))
        return data


class AmountField(forms.CharField):
    """An amount in euros as people type it (€ 1.234,56 or 1234.56), never negative."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        from decimal import InvalidOperation

        from .importing import parse_amount

        text = super().to_python(value)
        try:
            amount = parse_amount(text or "")
        except InvalidOperation:
            raise forms.ValidationError(_("Write an amount in euros, such as 12.500,00.")) from None
        if amount is not None and amount < 0:
            raise forms.ValidationError(_("An amount cannot be negative."))
        if amount is not None and amount >= Decimal("10000000000"):
            raise forms.ValidationError(_("This amount is too large."))
        return amount

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            from django.utils import formats

            return formats.number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
        return value


class FundingForm(StyledForm):
    source = forms.ChoiceField(
        label=_("Source"), choices=[("", "---------"), *FundingSource.choices], required=False
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    amount = AmountField(label=_("Amount (€)"), required=False)
    state = forms.ChoiceField(label=_("State"), choices=FundingState.choices)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("source"):
            if data.get("amount") is None:
                self.add_error("amount", _("Give the amount."))
            if not data.get("year"):
                self.add_error("year", _("Give the year."))
        return data


PartFormSet = forms.formset_factory(PartForm, extra=3, max_num=40)
MilestoneFormSet = forms.formset_factory(MilestoneForm, extra=3, max_num=40)
FundingFormSet = forms.formset_factory(FundingForm, extra=2, max_num=40)


def lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class SettingsForm(StyledForm):
    intro = forms.CharField(
        label=_("Introduction on the dashboard"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    course_lines = forms.CharField(
        label=_("The network's own course lines"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("One per line. Projects can be tagged with them, like the IZA parts."),
    )
    embed_origins = forms.CharField(
        label=_("Websites that may embed the dashboard"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One per line, the scheme and host only, such as https://www.example.nl."),
    )


class ImportForm(StyledForm):
    file = forms.FileField(
        label=_("Spreadsheet (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self) -> Any:
        from django.conf import settings

        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %d MB.") % settings.MAX_UPLOAD_MB
            )
        return upload

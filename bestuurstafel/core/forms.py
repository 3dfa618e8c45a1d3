"""Forms render with NL Design System markup (templates/forms/*.html) and classes."""

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

WIDGET_CLASSES: list[tuple[type[forms.Widget], str]] = [
    (forms.CheckboxSelectMultiple, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.RadioSelect, "utrecht-radio-button utrecht-radio-button--html-input"),
    (forms.CheckboxInput, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.Textarea, "utrecht-textarea utrecht-textarea--html-textarea"),
    (forms.SelectMultiple, "utrecht-select utrecht-select--html-select utrecht-select--multiple"),
    (forms.Select, "utrecht-select utrecht-select--html-select"),
    (forms.ClearableFileInput, "utrecht-file-input"),
    (forms.FileInput, "utrecht-file-input"),
    (forms.widgets.Input, "utrecht-textbox utrecht-textbox--html-input"),
]


class FormRenderer(TemplatesSetting):
    """``{{ form }}`` draws ``forms/div.html``: the error summary of a form sent back with errors
    (``error_summary``), then each field with its label, help text and error."""

    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"


@dataclass(frozen=True)
class SummaryError:
    """One line of an error summary: which field (``label``), what is wrong, and the id of the
    field to jump to ("" for an error of the whole form)."""

    label: str
    message: str
    target: str = ""


def single_line(value: object) -> None:
    """A one-line field (a title, a name, a place) holds no line break, tab or other control
    character: a browser never sends one from such a field, but a hand-made request or a paste
    into the admin can, and a title with a line break breaks the lines of an e-mail subject or
    a calendar file further on."""
    if not isinstance(value, str):  # a CharField that cleans to something else (an amount)
        return
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise ValidationError(
            gettext_lazy(
                "This field takes one line: remove the line breaks and other control characters."
            ),
            code="single_line",
        )


class StyledFormMixin:
    """Give every widget its NL Design System class; mark invalid fields; list the errors for
    a summary at the top of the form (``forms/error_summary.html``)."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            for widget_type, css in WIDGET_CLASSES:
                if isinstance(widget, widget_type):
                    existing = widget.attrs.get("class", "")
                    widget.attrs["class"] = f"{existing} {css}".strip()
                    break
            if (
                isinstance(field, forms.CharField)
                and isinstance(widget, forms.widgets.Input)
                and not isinstance(widget, (forms.PasswordInput, forms.HiddenInput))
            ):
                field.validators.append(single_line)

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in getattr(self, "errors", {}):
            if name in self.fields:
                widget = self.fields[name].widget
                if "utrecht-textbox" in widget.attrs.get("class", ""):
                    widget.attrs["class"] += " utrecht-textbox--invalid"

    def summary_label(self, name: str) -> str:
        """How the error summary names field ``name``: by its label. A form with a row of
        fields per person overrides this to name the person too."""
        return str(self.fields[name].label or name)

    def error_summary(self) -> list[SummaryError]:
        """Every error of a submitted form, for the summary at its top: the form's own errors
        first, then each field's in the order of the fields, each linked to its field."""
        return _summary_lines(cast(forms.BaseForm, self), self.summary_label)


def _summary_lines(form: forms.BaseForm, label: Callable[[str], str]) -> list[SummaryError]:
    if not form.errors:  # unbound, or valid
        return []
    lines = [SummaryError("", str(error)) for error in form.non_field_errors()]
    for name in form.fields:
        if name not in form.errors:
            continue
        field = form[name]
        if field.is_hidden:  # nothing to jump to: said as an error of the whole form
            lines.extend(SummaryError("", str(error)) for error in field.errors)
            continue
        # A group of radio buttons or checkboxes has no one id: jump to its first option.
        target = field.id_for_label or (f"{field.auto_id}_0" if field.auto_id else "")
        lines.extend(SummaryError(label(name), str(error), target) for error in field.errors)
    return lines


def error_summary(form: forms.BaseForm) -> list[SummaryError]:
    """The error summary of any form the renderer draws (``forms/div.html``): a styled form's
    own, or for one of Django's forms (changing the password) the same, naming fields by label."""
    if isinstance(form, StyledFormMixin):
        return form.error_summary()
    return _summary_lines(form, lambda name: str(form.fields[name].label or name))


def formset_error_summary(formset: forms.BaseFormSet) -> list[SummaryError]:
    """The error summary of a formset drawn as numbered lines ("Regel 2"): the formset's own
    errors first, then each line's, named "Regel 2: Datum" and linked to the field."""
    if not formset.is_bound or formset.is_valid():
        return []
    lines = [SummaryError("", str(error)) for error in formset.non_form_errors()]
    for number, form in enumerate(formset.forms, start=1):
        lines.extend(_summary_lines(form, _line_label(form, number)))
    return lines


def _line_label(form: forms.BaseForm, number: int) -> Callable[[str], str]:
    row = _("Line %(number)s") % {"number": number}

    def label(name: str) -> str:
        if isinstance(form, StyledFormMixin):
            return f"{row}: {form.summary_label(name)}"
        return f"{row}: {form.fields[name].label or name}"

    return label


class StyledForm(StyledFormMixin, forms.Form):
    pass


class StyledModelForm(StyledFormMixin, forms.ModelForm):
    pass


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%H:%M")


def error_status(form: forms.BaseForm | forms.BaseFormSet) -> int:
    """The status of a page with a form (or formset): 400 when it is sent back with errors, so
    htmx swaps it in and tests see the refusal; 200 otherwise."""
    return 400 if form.is_bound and not form.is_valid() else 200


def add_service_errors(form: forms.Form, error: Any) -> None:
    """Show a service's ``ValidationError`` on the form: per field where the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def message_service_errors(request: Any, error: Any) -> None:
    """Show a service's ``ValidationError`` as error messages on the next page (no form)."""
    for message in error.messages:
        messages.error(request, message)


# Django's label for an empty choice; listed here so that our Dutch catalogue translates it.
BLANK_CHOICE_LABEL = gettext_lazy("- Select an option -")


def valid_filters(form: forms.Form) -> dict[str, Any]:
    """The filters of a list page that are valid. One wrong value (an old link, a typed URL)
    drops that filter only, and the form shows why; the others still apply."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return dict(form.cleaned_data)

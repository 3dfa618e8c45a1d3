"""Small template helpers of the monitor."""

from typing import Any
from urllib.parse import urlencode

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def get_count(counts: dict[str, int], key: str) -> int:
    """``{{ counts|get_count:"running" }}``: a count from a dict, 0 when absent."""
    return counts.get(key, 0)


@register.simple_tag(takes_context=True)
def filter_query(context: dict[str, Any]) -> str:
    """The valid filters of the page as a query string (for export and API links)."""
    filters = context.get("filters")
    if filters is None:
        return ""
    params = {
        "thema": filters.theme,
        "akkoord": filters.agreement,
        "status": filters.status,
        "gemeente": filters.municipality,
        "zoek": filters.query,
    }
    encoded = urlencode({k: v for k, v in params.items() if v})
    return f"?{encoded}" if encoded else ""


@register.simple_tag
def filter_field(field: Any) -> str:
    """A filter field (select or text box) with its label, written directly: the same markup as
    the form templates, without rendering a template per option (the theme list is long)."""
    widget_id = field.id_for_label
    value = field.value()
    value = "" if value is None else str(value)
    label = format_html(
        '<div class="utrecht-form-field__label"><label class="utrecht-form-label" for="{}">{}</label></div>',
        widget_id,
        field.label,
    )
    errors = ""
    if field.errors:
        errors = format_html(
            '<div class="utrecht-form-field-error-message" id="{}_error">{}</div>',
            widget_id,
            " ".join(str(e) for e in field.errors),
        )
    choices = getattr(field.field, "choices", None)
    if choices is None:
        control = format_html(
            '<input type="text" name="{}" value="{}" id="{}" maxlength="100" '
            'class="utrecht-textbox utrecht-textbox--html-input">',
            field.html_name,
            value,
            widget_id,
        )
    else:
        options = []
        for key, label_or_group in choices:
            if isinstance(label_or_group, (list, tuple)):
                inner = format_html_join(
                    "",
                    '<option value="{}"{}>{}</option>',
                    (
                        (k, mark_safe(" selected") if str(k) == value else "", lab)
                        for k, lab in label_or_group
                    ),
                )
                options.append(format_html('<optgroup label="{}">{}</optgroup>', key, inner))
            else:
                options.append(
                    format_html(
                        '<option value="{}"{}>{}</option>',
                        key,
                        mark_safe(" selected") if str(key) == value else "",
                        label_or_group,
                    )
                )
        control = format_html(
            '<select name="{}" id="{}" class="utrecht-select utrecht-select--html-select">{}</select>',
            field.html_name,
            widget_id,
            mark_safe("".join(options)),
        )
    invalid = " utrecht-form-field--invalid" if field.errors else ""
    return format_html(
        '<div class="utrecht-form-field utrecht-form-field--text{} bt-field">{}{}'
        '<div class="utrecht-form-field__input">{}</div></div>',
        invalid,
        label,
        errors,
        control,
    )

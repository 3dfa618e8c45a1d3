"""Every form drawn with ``{{ form }}`` (``core.forms.FormRenderer``, ``forms/div.html``) opens
with its error summary when it comes back with errors; and a page never uses an id twice."""

import re

from django import forms
from django.template import Context, Template
from django.utils import translation

from bestuurstafel.core.forms import StyledForm
from bestuurstafel.testing.html import duplicate_ids


class PlaceForm(StyledForm):
    name = forms.CharField(label="Naam")
    kind = forms.ChoiceField(
        label="Soort", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("name") == "fout":
            raise forms.ValidationError("Deze plaats bestaat al.")
        return data


class DjangoForm(forms.Form):
    """A form of Django's own kind (the password change), without our mixin."""

    code = forms.CharField(label="Code")


def summary(html: str) -> str:
    found = re.search(r"<div [^>]*data-error-summary[^>]*>.*?</ul>", html, re.S)
    assert found, "no error summary"
    return found.group(0)


def test_a_form_with_errors_opens_with_its_summary_and_an_unsent_one_does_not() -> None:
    with translation.override("nl"):
        assert "data-error-summary" not in str(PlaceForm())
        assert "data-error-summary" not in str(PlaceForm({"name": "Zeist", "kind": "a"}))
        html = str(PlaceForm({"name": "fout"}))
    found = summary(html)
    assert html.index("data-error-summary") < html.index('id="id_name"')
    assert "Er is iets niet goed ingevuld" in found
    # The form's own error first (no field to jump to), then each field's, linked by its id; a
    # group of radio buttons by its first option.
    assert '<li class="utrecht-unordered-list__item">Deze plaats bestaat al.</li>' in found
    assert re.findall(r'href="#([^"]+)"', found) == ["id_kind_0"]
    assert 'id="id_kind_0"' in html
    # The form's own error is said once, in the summary.
    assert html.count("Deze plaats bestaat al.") == 1


def test_a_form_of_djangos_own_gets_the_summary_too() -> None:
    html = str(DjangoForm({}))
    assert re.findall(r'href="#([^"]+)"', summary(html)) == ["id_code"]


def test_the_summary_of_a_form_with_a_prefix_has_its_own_ids() -> None:
    page = Template("{{ first }}{{ second }}").render(
        Context({"first": PlaceForm({}), "second": PlaceForm({}, prefix="tweede")})
    )
    assert page.count("data-error-summary") == 2
    assert 'id="error-summary-title"' in page and 'id="error-summary-title-tweede"' in page
    assert 'aria-labelledby="error-summary-title-tweede"' in page
    assert 'href="#id_tweede-name"' in page
    assert duplicate_ids(page) == []


def test_duplicate_ids_are_found_outside_templates_only() -> None:
    html = (
        '<label for="a">A</label><input id="a"><p id="b"></p><input id="a"/>'
        '<template><p id="b"></p></template><br id="c">'
    )
    assert duplicate_ids(html) == ["a"]
    assert duplicate_ids('<p id="x"></p><p id="y"></p>') == []

"""Checks on a page's HTML that axe-core leaves out.

axe-core 4.x checks only the ids that ARIA attributes point to (``duplicate-id-aria``); its rules
for every duplicate id are deprecated and outside the WCAG tags we run. A label's ``for`` finds
the first element with that id, so two forms on one page with a field of the same name (both
``id_end_date``) tie one form's label to the other form's field, unnoticed by axe.
"""

from collections import Counter
from html.parser import HTMLParser

# What the browser check in ``testing.browser`` runs on the page as it is now (after htmx).
DUPLICATE_IDS_JS = """() => {
  const seen = {};
  for (const e of document.querySelectorAll('[id]')) seen[e.id] = (seen[e.id] || 0) + 1;
  return Object.keys(seen).filter((id) => seen[id] > 1).sort();
}"""


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: Counter[str] = Counter()
        self._template = 0  # inside <template>: not part of the document

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "template":
            self._template += 1
        value = dict(attrs).get("id")
        if value and not self._template:
            self.ids[value] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "template" and self._template:
            self._template -= 1


def duplicate_ids(html: str) -> list[str]:
    """The ids that occur more than once in ``html``, sorted."""
    parser = _Ids()
    parser.feed(html)
    parser.close()
    return sorted(value for value, count in parser.ids.items() if count > 1)

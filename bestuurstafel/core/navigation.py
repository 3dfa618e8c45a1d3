"""The tabs of a network's pages. Each app registers its own in ``AppConfig.ready``.

A tab is shown when its ``visible(viewer, network)`` says so; the template tag
``network_tabs`` renders them in ``order``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse


@dataclass(frozen=True)
class NetworkTab:
    key: str
    label: Any
    url_name: str
    order: int
    visible: Callable[[Any, Any], bool]

    def url(self, network: Any) -> str:
        return reverse(self.url_name, kwargs={"slug": network.slug})


_TABS: dict[str, NetworkTab] = {}


def register_network_tab(
    *, key: str, label: Any, url_name: str, order: int, visible: Callable[[Any, Any], bool]
) -> None:
    _TABS[key] = NetworkTab(key=key, label=label, url_name=url_name, order=order, visible=visible)


def network_tabs(viewer: Any, network: Any) -> list[NetworkTab]:
    return [t for t in sorted(_TABS.values(), key=lambda t: t.order) if t.visible(viewer, network)]


# The start page after logging in: the registered page with the lowest order, else the home page.
_START_PAGES: list[tuple[int, str]] = []


def register_start_page(*, url_name: str, order: int) -> None:
    _START_PAGES.append((order, url_name))


def start_page() -> str | None:
    return min(_START_PAGES)[1] if _START_PAGES else None

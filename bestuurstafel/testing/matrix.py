"""The permission matrix: for every URL pattern, the status each persona gets.

Each app lists its cases in ``<app>/tests/matrix.py`` as ``CASES``. The test in
``core/tests/test_permission_matrix.py`` fails for a URL pattern without a case, and for every
persona whose status differs from the one written down.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .world import PERSONAS, World

OK, REDIRECT, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 302, 403, 404, 405


@dataclass(frozen=True)
class Case:
    url_name: str
    kwargs: Callable[[World], dict[str, Any]] = lambda world: {}
    expect: dict[str, int] = field(default_factory=dict)
    method: str = "GET"
    data: Callable[[World], dict[str, Any]] = lambda world: {}
    query: str = ""
    note: str = ""

    def status_for(self, persona: str) -> int:
        return self.expect[persona]


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(PERSONAS, status)


def logged_in(status: int, anonymous: int = REDIRECT) -> dict[str, int]:
    return {**everyone(status), "anonymous": anonymous}


def roles(
    *,
    anonymous: int = REDIRECT,
    member: int,
    partner: int,
    secretary: int,
    chair: int,
    outsider: int,
    admin: int,
) -> dict[str, int]:
    return {
        "anonymous": anonymous,
        "member": member,
        "partner": partner,
        "secretary": secretary,
        "chair": chair,
        "outsider": outsider,
        "admin": admin,
    }


def network_people(status: int = OK, outsider: int = FORBIDDEN) -> dict[str, int]:
    """Everyone with a role in the network (members, partners, ...) and the platform admin."""
    return roles(
        member=status,
        partner=status,
        secretary=status,
        chair=status,
        outsider=outsider,
        admin=status,
    )


def secretaries(status: int = OK, others: int = FORBIDDEN) -> dict[str, int]:
    """The network's secretary and the platform admin."""
    return roles(
        member=others, partner=others, secretary=status, chair=others, outsider=others, admin=status
    )

"""The audit trail. Every service calls ``record`` for every write it does."""

from collections.abc import Iterable
from typing import Any

from django.db import models

from .models import AuditEvent

_LABELS: dict[str, Any] = {}


def register_labels(labels: dict[str, Any]) -> None:
    """Apps register a readable (translatable) label per action code."""
    _LABELS.update(labels)


def label_for(action: str) -> Any:
    return _LABELS.get(action, action)


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {name: _jsonable(getattr(instance, name)) for name in fields}


def change(old: Any, new: Any) -> dict[str, Any]:
    return {"from": _jsonable(old), "to": _jsonable(new)}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The fields whose value changed, as {"field": {"from": old, "to": new}}."""
    return {k: change(before.get(k), v) for k, v in after.items() if before.get(k) != v}


def record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    network: Any = None,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit event. ``actor`` is a user or None (the system)."""
    actor_user = actor if getattr(actor, "is_authenticated", False) else None
    label = ""
    if actor_user is not None:
        label = str(getattr(actor_user, "display_name", "") or actor_user.email)
    return AuditEvent.objects.create(
        actor=actor_user,
        actor_label=label or "systeem",
        network=network,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:300] if target is not None else "",
        changes={k: _jsonable(v) for k, v in (changes or {}).items()},
    )

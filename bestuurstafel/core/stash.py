"""Keep an uploaded file between "check" and "confirm" of an import, for this session only."""

import io
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest

SESSION_KEY = "upload_stash"


def _dir() -> Path:
    path = Path(settings.VAR_DIR) / "stash"
    path.mkdir(parents=True, exist_ok=True)
    return path


def put(request: HttpRequest, upload: UploadedFile, *, scope: str) -> str:
    """Store the upload; returns a token valid in this session for ``scope`` only."""
    token = uuid.uuid4().hex
    upload.seek(0)
    (_dir() / token).write_bytes(upload.read())
    stash = request.session.get(SESSION_KEY, {})
    stash[token] = {"name": upload.name, "scope": scope}
    request.session[SESSION_KEY] = stash
    return token


def get(request: HttpRequest, token: str, *, scope: str) -> tuple[io.BytesIO, str] | None:
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if not entry or entry["scope"] != scope or not token.isalnum():
        return None
    path = _dir() / token
    if not path.exists():
        return None
    return io.BytesIO(path.read_bytes()), entry["name"]


def drop(request: HttpRequest, token: str) -> None:
    stash = request.session.get(SESSION_KEY, {})
    stash.pop(token, None)
    request.session[SESSION_KEY] = stash
    if token.isalnum():
        (_dir() / token).unlink(missing_ok=True)

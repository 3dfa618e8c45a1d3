"""Settings for the test suite: the app's settings with fast, inspectable side effects."""

import tempfile
from pathlib import Path

from .settings import *  # noqa: F403
from .settings import STORAGES

# Tasks run immediately (after commit); one test runs the database worker itself.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="bestuurstafel-media-"))
VAR_DIR_FOR_TESTS = Path(tempfile.mkdtemp(prefix="bestuurstafel-var-"))
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Invitations ask for no calendar answer unless a test switches it on (whatever the shell says).
MEETING_REPLY_ADDRESS = ""

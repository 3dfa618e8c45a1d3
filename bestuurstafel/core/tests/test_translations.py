"""Every user-facing string has a Dutch translation.

For each app, the strings are extracted exactly as ``makemessages`` does (in a copy of the app,
so the repository is not touched) and merged with the app's committed Dutch catalogue; a string
without translation, or with a fuzzy one, fails the test.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings

APPS = sorted(
    Path(config.path)
    for config in apps.get_app_configs()
    if config.name.startswith("bestuurstafel.")
)


@pytest.mark.parametrize("app", APPS, ids=lambda p: p.name)
def test_every_string_is_translated_to_dutch(app: Path, tmp_path: Path) -> None:
    copy = tmp_path / app.name
    shutil.copytree(app, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "tests"))
    (copy / "locale" / "nl" / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "makemessages",
            "-l",
            "nl",
            "-e",
            "html,txt,py",
            "--no-location",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={
            "DJANGO_SETTINGS_MODULE": "bestuurstafel.settings",
            "PATH": "/usr/bin:/bin",
            "VAR_DIR": str(tmp_path / "var"),
        },
    )
    catalogue = copy / "locale" / "nl" / "LC_MESSAGES" / "django.po"
    if not catalogue.exists():
        return  # the app has no user-facing strings
    missing = [
        entry.msgid
        for entry in polib.pofile(str(catalogue))
        if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)
    ]
    assert not missing, (
        f"{app.name}: strings without a Dutch translation in {app.name}/locale/nl "
        f"(run `make messages-extract`, then translate): {missing[:20]}"
    )

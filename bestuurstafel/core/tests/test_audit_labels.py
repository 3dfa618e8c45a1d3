"""Every audit action the code records has a readable label for the audit log."""

import re
from pathlib import Path

from django.conf import settings

from bestuurstafel.core import audit

ACTION_RE = re.compile(r'action="([a-z_]+\.[a-z_]+)"')


def test_every_recorded_action_has_a_label() -> None:
    root = Path(settings.BASE_DIR) / "bestuurstafel"
    actions = {
        action
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        for action in ACTION_RE.findall(path.read_text())
    }
    assert len(actions) > 30
    missing = sorted(a for a in actions if audit.label_for(a) == a)
    assert not missing, (
        f"audit actions without a label (register them in the app's ready()): {missing}"
    )

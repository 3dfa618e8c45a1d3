"""The public's validators and "last updated" date now follow ``public_changed``, the moment
something the public sees last changed, so that they no longer move when only a network-level
project changes. Which earlier changes were hidden is not known: start from ``last_changed``,
the moment the public was shown until now, so that nothing moves or jumps back at deployment."""

from typing import Any

from django.db import migrations, models


def copy_last_changed(apps: Any, schema_editor: Any) -> None:
    MonitorSettings = apps.get_model("monitor", "MonitorSettings")
    MonitorSettings.objects.update(public_changed=models.F("last_changed"))


class Migration(migrations.Migration):
    dependencies = [("monitor", "0003_public_rollups_count_public_sub_projects")]

    operations = [
        migrations.AddField(
            model_name="monitorsettings",
            name="public_changed",
            field=models.DateTimeField(blank=True, null=True, verbose_name="last public change"),
        ),
        migrations.RunPython(copy_last_changed, migrations.RunPython.noop),
    ]

"""A login without a person was stamped as "last updated by" with its e-mail address, which the
public project page shows. The label is now a person's name or nothing; clear the old ones."""

from typing import Any

from django.db import migrations


def clear_addresses(apps: Any, schema_editor: Any) -> None:
    Project = apps.get_model("monitor", "Project")
    Project.objects.filter(updated_by_label__contains="@").update(updated_by_label="")


class Migration(migrations.Migration):
    dependencies = [("monitor", "0001_initial")]

    operations = [migrations.RunPython(clear_addresses, migrations.RunPython.noop)]

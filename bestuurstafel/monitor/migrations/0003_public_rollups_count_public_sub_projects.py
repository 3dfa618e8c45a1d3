"""A public programme's progress rolled up from its sub-projects now counts only its public
ones (``services.rolled_up_progress``). Figures stored before included network-level
sub-projects and are shown to the public: compute them again by the new rule. A programme
without a public sub-project keeps its figure, as the service does."""

from typing import Any

from django.db import migrations


def recompute(apps: Any, schema_editor: Any) -> None:
    Project = apps.get_model("monitor", "Project")
    programmes = Project.objects.filter(
        confidentiality="public", progress_rollup__in=["average", "weighted"]
    )
    for _depth in range(20):  # a programme of programmes follows its sub-programmes' new figures
        changed = False
        for programme in programmes:
            children = list(Project.objects.filter(parent=programme, confidentiality="public"))
            weight = sum(c.weight for c in children)
            if not children or (programme.progress_rollup == "weighted" and not weight):
                continue
            if programme.progress_rollup == "average":
                value = round(sum(c.progress for c in children) / len(children))
            else:
                value = round(sum(c.progress * c.weight for c in children) / weight)
            if value != programme.progress:
                Project.objects.filter(pk=programme.pk).update(progress=value)
                changed = True
        if not changed:
            return


class Migration(migrations.Migration):
    dependencies = [("monitor", "0002_no_email_as_updated_by")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]

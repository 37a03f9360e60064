"""Create the two editor roles with their permissions.

Permissions are normally created after all migrations have run (post_migrate), so a fresh
database has none yet; create_permissions is called here first so the groups can be filled.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_MODELS = (
    "question",
    "choice",
    "cause",
    "treatment",
    "advice",
    "runningstage",
    "preventiontip",
    "rule",
    "condition",
    "clinicaltestcase",
)
EDITOR = [
    f"{action}_{model}" for model in CONTENT_MODELS for action in ("add", "change", "delete", "view")
] + ["view_rulesetversion", "view_assessment"]
REVIEWER = [*EDITOR, "publish_rulesetversion"]
ROLES = {"Editor": EDITOR, "Clinical reviewer": REVIEWER}


def roles_create(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(
            content_type__app_label="triage", codename__in=codenames
        )
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Permissions missing for {name}: {sorted(missing)}")
        group.permissions.set(permissions)


def roles_delete(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("triage", "0002_history_and_test_cases"),
    ]

    operations = [migrations.RunPython(roles_create, roles_delete)]

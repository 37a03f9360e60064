"""Editors and clinical reviewers write articles too: give both roles the article permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ARTICLE_PERMISSIONS = [f"{action}_article" for action in ("add", "change", "delete", "view")]
ROLES = ("Editor", "Clinical reviewer")


def permissions_grant(apps, schema_editor):
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(
        Permission.objects.filter(
            content_type__app_label="articles", codename__in=ARTICLE_PERMISSIONS
        )
    )
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(*permissions)


def permissions_revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="articles", codename__in=ARTICLE_PERMISSIONS
    )
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("triage", "0003_editor_roles"),
    ]

    operations = [migrations.RunPython(permissions_grant, permissions_revoke)]

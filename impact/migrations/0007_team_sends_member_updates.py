"""The engagement team writes and sends updates to members (the policy in
enrolment.permissions also requires membership of that group)."""

from django.db import migrations

RIGHTS = ["add", "change", "view"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; these are needed now.
    app_config = apps.get_app_config("impact")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    team, _ = Group.objects.get_or_create(name="Engagement team")
    for action in RIGHTS:
        team.permissions.add(
            Permission.objects.get(
                content_type__app_label="impact", codename=f"{action}_memberupdate"
            )
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Engagement team"):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="impact", codename__endswith="_memberupdate"
            )
        )


class Migration(migrations.Migration):
    dependencies = [("impact", "0006_member_updates")]

    operations = [migrations.RunPython(grant, revoke)]

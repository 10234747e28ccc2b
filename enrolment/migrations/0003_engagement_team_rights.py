"""The engagement team's rights over member records, lists and membership settings.

Only this group (and superusers) may hold them: the permission policy in
enrolment.permissions also checks group membership, so granting a member permission to
another group by mistake still shows that group nothing.
"""

from django.db import migrations

RIGHTS = [
    ("member", ["add", "change", "delete", "view", "view_sensitive", "export", "erase"]),
    ("consentrecord", ["add", "view"]),
    ("area", ["add", "change", "delete", "view"]),
    ("crimetype", ["add", "change", "delete", "view"]),
    ("demographicoption", ["add", "change", "delete", "view"]),
    ("privacynotice", ["add", "change", "view"]),
    ("membershipsettings", ["change"]),
]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; these are needed now.
    app_config = apps.get_app_config("enrolment")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Engagement team")
    for model, actions in RIGHTS:
        for action in actions:
            codename = f"{action}_{model}"
            group.permissions.add(
                Permission.objects.get(content_type__app_label="enrolment", codename=codename)
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Engagement team").first()
    if group:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="enrolment"))


class Migration(migrations.Migration):
    dependencies = [
        ("enrolment", "0002_seed_lists"),
        ("pages", "0003_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

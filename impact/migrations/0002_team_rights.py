"""Who may do what with activities, partners, topics and stories' settings.

The engagement team runs activities (the policy in enrolment.permissions also requires
membership of that group). The communications team, reviewers and translators keep the partner and
topic lists, which stories use, in both languages.
"""

from django.db import migrations

RIGHTS = {
    "Engagement team": [
        ("engagementactivity", ["add", "change", "view"]),
        ("invitation", ["add", "change", "view"]),
        ("participantnotice", ["change", "view"]),
        ("anonymouscontribution", ["view"]),
        ("recommendation", ["add", "change", "delete", "view"]),
        ("partnerupdate", ["add", "view"]),
        ("partner", ["add", "change", "view"]),
        ("topic", ["add", "change", "view"]),
        ("impactsettings", ["change"]),
    ],
    "Communications team": [
        ("partner", ["add", "change", "view"]),
        ("topic", ["add", "change", "view"]),
    ],
    "Reviewers": [
        ("partner", ["add", "change", "view"]),
        ("topic", ["add", "change", "view"]),
    ],
    "Translators": [
        ("partner", ["add", "change", "view"]),
        ("topic", ["add", "change", "view"]),
    ],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; these are needed now.
    app_config = apps.get_app_config("impact")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, rights in RIGHTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for model, actions in rights:
            for action in actions:
                group.permissions.add(
                    Permission.objects.get(
                        content_type__app_label="impact", codename=f"{action}_{model}"
                    )
                )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=RIGHTS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="impact"))


class Migration(migrations.Migration):
    dependencies = [
        ("impact", "0001_initial"),
        ("enrolment", "0004_translators_translate_lists"),
        ("pages", "0004_review_before_publishing"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

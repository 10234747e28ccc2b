"""Translators may translate the form's lists and the privacy notice into Welsh.

These hold no personal data. Member records stay with the engagement team alone.
"""

from django.db import migrations

LISTS = ["area", "crimetype", "demographicoption", "privacynotice"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Translators")
    for model in LISTS:
        for action in ("add", "change", "view"):
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label="enrolment", codename=f"{action}_{model}"
                )
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Translators").first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="enrolment", content_type__model__in=LISTS
            )
        )


class Migration(migrations.Migration):
    dependencies = [("enrolment", "0003_engagement_team_rights")]

    operations = [migrations.RunPython(grant, revoke)]

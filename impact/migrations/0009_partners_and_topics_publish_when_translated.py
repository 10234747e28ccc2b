"""Partners and topics get Wagtail's draft states (impact.models.partners): existing
entries stay live (the database default), and every group that could change an entry,
which put the change live at once, may now publish it."""

import django.db.models.deletion
from django.db import migrations, models

MODELS = ["partner", "topic"]


def grant_publish(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for model in MODELS:
        content_type, _ = ContentType.objects.get_or_create(app_label="impact", model=model)
        # Wagtail makes this permission after migrating (for every model with drafts);
        # the groups need it now.
        publish, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"publish_{model}",
            defaults={"name": f"Can publish {model}"},
        )
        for group in Group.objects.filter(
            permissions__content_type=content_type, permissions__codename=f"change_{model}"
        ):
            group.permissions.add(publish)


def revoke_publish(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for publish in Permission.objects.filter(
        content_type__app_label="impact", codename__in=[f"publish_{model}" for model in MODELS]
    ):
        for group in Group.objects.filter(permissions=publish):
            group.permissions.remove(publish)


class Migration(migrations.Migration):
    dependencies = [
        ("impact", "0008_invitation_replies"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="partner",
            name="expire_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="expiry date/time"),
        ),
        migrations.AddField(
            model_name="partner",
            name="expired",
            field=models.BooleanField(
                db_default=False, default=False, editable=False, verbose_name="expired"
            ),
        ),
        migrations.AddField(
            model_name="partner",
            name="first_published_at",
            field=models.DateTimeField(
                blank=True, db_index=True, null=True, verbose_name="first published at"
            ),
        ),
        migrations.AddField(
            model_name="partner",
            name="go_live_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="go live date/time"),
        ),
        migrations.AddField(
            model_name="partner",
            name="has_unpublished_changes",
            field=models.BooleanField(
                db_default=False,
                default=False,
                editable=False,
                verbose_name="has unpublished changes",
            ),
        ),
        migrations.AddField(
            model_name="partner",
            name="last_published_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="last published at"),
        ),
        migrations.AddField(
            model_name="partner",
            name="latest_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
                verbose_name="latest revision",
            ),
        ),
        migrations.AddField(
            model_name="partner",
            name="live",
            field=models.BooleanField(
                db_default=True, default=True, editable=False, verbose_name="live"
            ),
        ),
        migrations.AddField(
            model_name="partner",
            name="live_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
                verbose_name="live revision",
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="expire_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="expiry date/time"),
        ),
        migrations.AddField(
            model_name="topic",
            name="expired",
            field=models.BooleanField(
                db_default=False, default=False, editable=False, verbose_name="expired"
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="first_published_at",
            field=models.DateTimeField(
                blank=True, db_index=True, null=True, verbose_name="first published at"
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="go_live_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="go live date/time"),
        ),
        migrations.AddField(
            model_name="topic",
            name="has_unpublished_changes",
            field=models.BooleanField(
                db_default=False,
                default=False,
                editable=False,
                verbose_name="has unpublished changes",
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="last_published_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="last published at"),
        ),
        migrations.AddField(
            model_name="topic",
            name="latest_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
                verbose_name="latest revision",
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="live",
            field=models.BooleanField(
                db_default=True, default=True, editable=False, verbose_name="live"
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="live_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
                verbose_name="live revision",
            ),
        ),
        migrations.RunPython(grant_publish, revoke_publish),
    ]

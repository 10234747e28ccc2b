"""A fresh database is bilingual at once: Wagtail creates English, this adds Welsh."""

from django.db import migrations


def create_welsh_locale(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="en")
    Locale.objects.get_or_create(language_code="cy")


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_welsh_locale, migrations.RunPython.noop)]

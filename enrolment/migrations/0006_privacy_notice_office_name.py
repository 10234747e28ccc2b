"""The first Welsh privacy notice named the office in a form the Welsh glossary rejects.

A notice version that anyone has consented under is never changed (consent records point
at the words shown), so the wording is corrected only where nobody has consented under
that version yet; elsewhere staff publish a new version in the admin.
"""

import uuid

from django.db import migrations

# As in 0002_seed_lists: the seeded notice's translation key.
SEEDED_NOTICE_KEY = uuid.uuid5(
    uuid.UUID("0b5d0c52-66c1-4b55-9a8e-3c8f0e0f6a11"), "privacy-notice/2026-11"
)
OLD = "Swyddfa'r Comisiynydd Heddlu a Throseddu"
NEW = "Swyddfa Comisiynydd yr Heddlu a Throseddu"


def correct(apps, schema_editor):
    Notice = apps.get_model("enrolment", "PrivacyNotice")
    ConsentRecord = apps.get_model("enrolment", "ConsentRecord")
    for notice in Notice.objects.filter(
        translation_key=SEEDED_NOTICE_KEY, locale__language_code="cy"
    ):
        if ConsentRecord.objects.filter(notice=notice).exists():
            continue
        notice.summary = notice.summary.replace(OLD, NEW)
        notice.body = notice.body.replace(OLD, NEW)
        notice.save(update_fields=["summary", "body"])


class Migration(migrations.Migration):
    dependencies = [("enrolment", "0005_member_list_order")]

    operations = [migrations.RunPython(correct, migrations.RunPython.noop)]

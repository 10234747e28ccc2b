from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('impact', '0004_notify_in_their_language'),
    ]

    operations = [
        migrations.AddField(
            model_name='engagementactivity',
            name='invitation_text',
            field=models.TextField(blank=True, db_default='', default='', verbose_name='invitation (English)'),
        ),
        migrations.AddField(
            model_name='engagementactivity',
            name='invitation_text_cy',
            field=models.TextField(blank=True, db_default='', default='', verbose_name='invitation (Welsh)'),
        ),
        migrations.AddField(
            model_name='engagementactivity',
            name='send_reminder',
            field=models.BooleanField(db_default=True, default=True, help_text='One reminder, a few days before the closing date.', verbose_name='remind members who have not replied'),
        ),
    ]

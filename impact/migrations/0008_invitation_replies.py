import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

import core.crypto


class Migration(migrations.Migration):

    dependencies = [
        ('enrolment', '0007_member_links_and_messages'),
        ('impact', '0007_team_sends_member_updates'),
    ]

    operations = [
        migrations.AddField(
            model_name='impactsettings',
            name='reminder_days',
            field=models.PositiveSmallIntegerField(db_default=3, default=3, help_text='Members who have not replied to an invitation are reminded once, this many days before its closing date, unless the activity says not to.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(60)], verbose_name='remind members this many days before an activity closes'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='access_needs',
            field=core.crypto.EncryptedTextField(blank=True, db_default='', default='', verbose_name='what would help them take part'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='method',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='enrolment.engagementmethod', verbose_name='way of taking part chosen'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='reminded_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='reminded'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='replied_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='replied'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='topic_affects_me',
            field=models.BooleanField(db_default=False, default=False, verbose_name='said the topic affects them'),
        ),
    ]

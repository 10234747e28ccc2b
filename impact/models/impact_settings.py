from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting


class ImpactSettings(BaseGenericSetting):
    """The rules that protect members when they are invited and counted."""

    minimum_group_size = models.PositiveSmallIntegerField(
        _("smallest group shown in reports"),
        default=5,
        validators=[MinValueValidator(2), MaxValueValidator(50)],
        help_text=_(
            "Any count below this is hidden in reports, breakdowns and public stories, "
            "so that nobody can be singled out."
        ),
    )
    recent_invitation_days = models.PositiveSmallIntegerField(
        _("rest between invitations (days)"),
        default=90,
        validators=[MaxValueValidator(730)],
        help_text=_(
            "Members invited to any activity within this many days are left out of new "
            "invitation lists, so nobody is asked too often."
        ),
    )
    tell_in_other_language_after_days = models.PositiveSmallIntegerField(
        _("tell participants in the other language after (days)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(365)],
        help_text=_(
            "Participants are told about a story when it is published in their language. "
            "After this many days without it, they are told about it in the language it "
            "is published in. Leave empty to wait until it is published in their language."
        ),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("remind members this many days before an activity closes"),
        default=3,
        db_default=3,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "Members who have not replied to an invitation are reminded once, this many "
            "days before its closing date, unless the activity says not to."
        ),
    )

    letter_reply_address = models.TextField(
        _("address for replies to letters"),
        blank=True,
        default="",
        db_default="",
        max_length=500,
        help_text=_(
            "Printed in invitation letters, for members who reply by post. Anyone may read "
            "a letter: give an address that names neither the police nor crime nor victims."
        ),
    )

    class Meta:
        verbose_name = _("engagement settings")

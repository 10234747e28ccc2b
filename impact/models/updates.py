"""Updates the engagement team sends members: one text in English and Welsh, sent once.

An update holds no one's personal data. Who it went to, and how, is in enrolment's record
of messages (`MemberMessage`, kind "update", whose target is the update); the counts here
are only what the staff page shows at a glance.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enrolment.models import Area, CrimeType, DemographicOption, Member

from .activities import EngagementActivity, default_locale_only

TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 10000


class MemberUpdate(models.Model):
    class Purpose(models.TextChoices):
        FEEDBACK_USED = "feedback_used", _("How your feedback was used")
        PRIVACY_NOTICE = "privacy_notice", _("The privacy notice has changed")
        GENERAL = "general", _("A general update")

    purpose = models.CharField(
        _("what it is about"), max_length=20, choices=Purpose.choices, default=Purpose.GENERAL
    )
    activity = models.ForeignKey(
        EngagementActivity,
        verbose_name=_("engagement activity"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="member_updates",
        help_text=_("For “how your feedback was used”: the members who took part are told."),
    )
    title = models.CharField(_("title (English)"), max_length=TITLE_MAX_LENGTH, blank=True)
    title_cy = models.CharField(_("title (Welsh)"), max_length=TITLE_MAX_LENGTH, blank=True)
    body = models.TextField(_("text (English)"), max_length=BODY_MAX_LENGTH, blank=True)
    body_cy = models.TextField(_("text (Welsh)"), max_length=BODY_MAX_LENGTH, blank=True)

    # Who a general update goes to, with the names impact.targeting reads from an activity.
    # An empty criterion means "anyone".
    target_areas = models.ManyToManyField(
        Area,
        verbose_name=_("areas"),
        blank=True,
        related_name="+",
        limit_choices_to=default_locale_only,
    )
    target_language = models.CharField(
        _("language"), max_length=2, choices=Member.Language.choices, blank=True
    )
    target_crime_types = models.ManyToManyField(
        CrimeType,
        verbose_name=_("crime types"),
        blank=True,
        related_name="+",
        limit_choices_to=default_locale_only,
    )
    target_how_affected = models.JSONField(_("how affected"), default=list, blank=True)
    target_demographics = models.ManyToManyField(
        DemographicOption,
        verbose_name=_("age bands, genders, ethnic groups, disability"),
        blank=True,
        related_name="+",
        limit_choices_to=default_locale_only,
    )

    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Messages made when it was sent, by channel: {"email": 12, "post": 1, ...}.
    counts = models.JSONField(_("sent by channel"), default=dict, blank=True)

    class Meta:
        verbose_name = _("member update")
        verbose_name_plural = _("member updates")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title or self.title_cy or str(_("Untitled update"))

    # Targeting reads this from an activity; a general update has no methods to match.
    match_methods = False

    @property
    def is_sent(self):
        return self.sent_at is not None

    def clean(self):
        super().clean()
        if self.purpose == self.Purpose.FEEDBACK_USED and self.activity_id is None:
            raise ValidationError(
                {"activity": _("Choose the activity whose participants to tell.")}
            )

    def missing_for_sending(self):
        """{field name: message} for what must be written before it can be sent."""
        needed = _("Needed before sending: both languages go out at the same time.")
        return {
            name: needed
            for name in ("title", "title_cy", "body", "body_cy")
            if not getattr(self, name).strip()
        }

    def text_in(self, language):
        """(title, body) in a language."""
        if language == "cy":
            return self.title_cy, self.body_cy
        return self.title, self.body

"""Editable, translatable lists the form and the staff filters choose from.

Each list entry exists once per language (wagtail-localize's TranslatableMixin); members
point at the entry in the default language, and screens show it in theirs
(``ListEntry.in_language``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.lists import ListEntry


class Area(ListEntry):
    """Where a member lives, e.g. a county in the police force area, or "outside the area"."""

    class Meta(ListEntry.Meta):
        verbose_name = _("area")
        verbose_name_plural = _("areas")


class CrimeType(ListEntry):
    class Meta(ListEntry.Meta):
        verbose_name = _("crime type")
        verbose_name_plural = _("crime types")


class DemographicOption(ListEntry):
    """One answer to a demographic question: an age band, a gender, an ethnic group..."""

    class Kind(models.TextChoices):
        AGE_BAND = "age_band", _("Age band")
        GENDER = "gender", _("Gender")
        ETHNICITY = "ethnicity", _("Ethnic group")
        DISABILITY = "disability", _("Disability")

    kind = models.CharField(_("question"), max_length=20, choices=Kind.choices, db_index=True)
    group = models.CharField(
        _("group"),
        max_length=120,
        blank=True,
        help_text=_("A heading to group answers under, such as the broad ethnic groups."),
    )
    prefer_not_to_say = models.BooleanField(
        _("is 'prefer not to say'"),
        default=False,
        help_text=_("Counted separately from people who gave an answer."),
    )

    class Meta(ListEntry.Meta):
        verbose_name = _("demographic answer")
        verbose_name_plural = _("demographic answers")
        ordering = ["kind", "sort_order", "name"]


class EngagementMethod(models.Model):
    """The fixed ways of taking part. Labels come from the catalogue, so both languages agree."""

    class Code(models.TextChoices):
        ONLINE_SURVEY = "online_survey", _("Online survey")
        POSTAL_SURVEY = "postal_survey", _("Postal survey")
        FACE_TO_FACE_SURVEY = "face_to_face_survey", _("Face-to-face survey")
        ONLINE_GROUP = "online_group", _("Online focus group or workshop")
        FACE_TO_FACE_GROUP = "face_to_face_group", _("Face-to-face focus group or workshop")
        TELEPHONE = "telephone", _("Telephone discussion")
        DOCUMENT_REVIEW = "document_review", _("Commenting on a document by email or post")
        SOCIAL_MEDIA = "social_media", _("Contact through social media")

    code = models.CharField(max_length=30, choices=Code.choices, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("engagement method")
        verbose_name_plural = _("engagement methods")

    def __str__(self):
        return str(self.get_code_display())

"""Partner agencies and topics: translatable lists that activities and stories share."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.lists import ListEntry


class SluggedListEntry(ListEntry):
    """A list entry the public story index can filter by (?partner=<slug>, ?topic=<slug>)."""

    slug = models.SlugField(
        _("slug"),
        max_length=80,
        allow_unicode=True,
        help_text=_("Used in the address of a filtered list of stories. Letters, numbers, dashes."),
    )

    class Meta(ListEntry.Meta):
        abstract = True


class Partner(SluggedListEntry):
    """A criminal justice or victim service agency that asks for feedback and acts on it."""

    website = models.URLField(_("website"), blank=True)

    class Meta(SluggedListEntry.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="impact_partner_slug_per_locale"
            )
        ]


class Topic(SluggedListEntry):
    """What an activity asks about and a story reports on, such as going to court."""

    class Meta(SluggedListEntry.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="impact_topic_slug_per_locale")
        ]

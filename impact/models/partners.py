"""Partner agencies and topics: translatable lists that activities and stories share.

Each has Wagtail's draft states: a version is shown to the public only once published.
With WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE off, the Welsh copy wagtail-localize
makes when someone chooses "Translate" is a draft carrying the English words; it goes live
when the translator publishes it in the translation editor, which refuses while any text
is left untranslated (pages.translation_review). Until then Welsh pages leave the name
out rather than show the English (core.lists.ListEntry.in_language), and the Welsh parity
report lists the entry as not published.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, RevisionMixin

from core.lists import ListEntry


def with_database_default(name):
    """DraftStateMixin's yes-or-no field, its default also set in the database: the
    release before, which knows nothing of the column, can still add entries."""
    _name, _path, args, kwargs = DraftStateMixin._meta.get_field(name).deconstruct()
    return models.BooleanField(*args, db_default=kwargs["default"], **kwargs)


class SluggedListEntry(DraftStateMixin, RevisionMixin, ListEntry):
    """A list entry the public story index can filter by (?partner=<slug>, ?topic=<slug>)."""

    slug = models.SlugField(
        _("slug"),
        max_length=80,
        allow_unicode=True,
        help_text=_("Used in the address of a filtered list of stories. Letters, numbers, dashes."),
    )
    live = with_database_default("live")
    has_unpublished_changes = with_database_default("has_unpublished_changes")
    expired = with_database_default("expired")

    class Meta(ListEntry.Meta):
        abstract = True

    @property
    def revisions(self):
        return self._revisions


class Partner(SluggedListEntry):
    """A criminal justice or victim service agency that asks for feedback and acts on it."""

    website = models.URLField(_("website"), blank=True)
    # Its revisions go when it goes.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="partner")

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

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="topic")

    class Meta(SluggedListEntry.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="impact_topic_slug_per_locale")
        ]

"""Editable, translatable lists (areas, crime types, partners, topics...).

Each list entry exists once per language (wagtail-localize's TranslatableMixin); records
point at the entry in the default language, and pages show the entry in theirs.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, Locale, TranslatableMixin


class ListEntryQuerySet(models.QuerySet):
    def canonical(self):
        """Entries in the default language: the ones records point at."""
        return self.filter(locale=Locale.get_default())


class ListEntry(TranslatableMixin, models.Model):
    name = models.CharField(_("name"), max_length=120)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    objects = ListEntryQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @classmethod
    def in_language(cls, translation_keys, locale=None, *, fallback=True):
        """{translation_key: the entry in `locale`} (a Locale or its pk; by default the
        active language), in one query (two for the active language): those in `locale`
        first, in list order. For entries with draft states, only published versions.

        With `fallback`, an entry not yet translated comes in a language it exists in, so
        a question never loses one of its answers. Without it, such an entry is left out:
        what a public page names beside its text (a story's partner) is never shown in
        another language.
        """
        keys = {key for key in translation_keys if key}
        if not keys:
            return {}
        if locale is None:
            locale = Locale.get_active()
        locale_id = locale.pk if isinstance(locale, Locale) else locale
        entries = cls.objects.filter(translation_key__in=keys).order_by("sort_order", "name")
        if issubclass(cls, DraftStateMixin):
            # A draft (the Welsh copy made for translating, still in English) is not public.
            entries = entries.filter(live=True)
        if not fallback:
            entries = entries.filter(locale_id=locale_id)
        by_key = {}
        # A stable sort: the wanted language first, each language still in list order.
        for entry in sorted(entries, key=lambda entry: entry.locale_id != locale_id):
            by_key.setdefault(entry.translation_key, entry)
        return by_key

    @classmethod
    def names_in_language(cls, pks, locale=None):
        """{pk: name in `locale`} for the entries records point at, in two or three queries."""
        pks = {pk for pk in pks if pk}
        if not pks:
            return {}
        pointed_at = list(cls.objects.filter(pk__in=pks))
        shown = cls.in_language([entry.translation_key for entry in pointed_at], locale)
        return {entry.pk: shown[entry.translation_key].name for entry in pointed_at}

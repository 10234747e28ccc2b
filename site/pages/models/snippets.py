"""Translatable snippets: content managed once and shown on many pages."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from pages.blocks import LinkBlock
from pages.phone import PhoneNumberField


class SupportService(TranslatableMixin, index.Indexed, models.Model):
    """An organisation people can turn to for help, listed on the support page."""

    class Category(models.TextChoices):
        CRISIS = "crisis", _("Crisis and emergency")
        POLICE = "police", _("Police")
        DOMESTIC_ABUSE = "domestic_abuse", _("Domestic abuse")
        SEXUAL_VIOLENCE = "sexual_violence", _("Sexual violence")
        STALKING = "stalking", _("Stalking")
        VICTIM_SUPPORT = "victim_support", _("General victim support")

    # The support page lists categories in this order: crisis lines first.
    CATEGORY_ORDER = [choice.value for choice in Category]

    name = models.CharField(_("name"), max_length=200)
    helps_with = models.TextField(_("what it helps with"), max_length=1000)
    category = models.CharField(_("category"), max_length=32, choices=Category.choices)
    phone = PhoneNumberField(_("phone number"), blank=True)
    phone_note = models.CharField(
        _("when to use this number"),
        max_length=120,
        blank=True,
        help_text=_("For example: in an emergency."),
    )
    other_phone = PhoneNumberField(_("other phone number"), blank=True)
    other_phone_note = models.CharField(
        _("when to use the other number"), max_length=120, blank=True
    )
    text_number = PhoneNumberField(_("text message number"), blank=True)
    website = models.URLField(_("website"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    open_24_hours = models.BooleanField(_("open 24 hours"), default=False)
    area_served = models.CharField(_("area served"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=100, help_text=_("Lower numbers come first within a category.")
    )
    in_help_strip = models.BooleanField(
        _("show in the 'Need help now?' strip"),
        default=False,
        help_text=_("The strip at the top of every page. Keep it to emergency and 24-hour lines."),
    )
    needs_checking = models.BooleanField(
        _("contact details need checking"),
        default=False,
        help_text=_(
            "Tick while a number or address is unconfirmed. Staff see the flag in the list; "
            "readers see the entry without the unconfirmed details."
        ),
    )

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("helps_with"),
        TranslatableField("phone_note"),
        TranslatableField("other_phone_note"),
        TranslatableField("opening_hours"),
        TranslatableField("area_served"),
        SynchronizedField("category"),
        SynchronizedField("phone"),
        SynchronizedField("other_phone"),
        SynchronizedField("text_number"),
        SynchronizedField("website"),
        SynchronizedField("open_24_hours"),
        SynchronizedField("sort_order"),
        SynchronizedField("in_help_strip"),
        SynchronizedField("needs_checking"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("helps_with"),
        index.SearchField("category_name"),
        index.FilterField("locale"),
    ]

    panels = [
        FieldPanel("name"),
        FieldPanel("helps_with"),
        FieldPanel("category"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("phone"), FieldPanel("phone_note")]),
                FieldRowPanel([FieldPanel("other_phone"), FieldPanel("other_phone_note")]),
                FieldPanel("text_number"),
                FieldPanel("website"),
                FieldPanel("needs_checking"),
            ],
            heading=_("How to get in touch"),
        ),
        MultiFieldPanel(
            [FieldPanel("opening_hours"), FieldPanel("open_24_hours"), FieldPanel("area_served")],
            heading=_("When and where"),
        ),
        MultiFieldPanel(
            [FieldPanel("sort_order"), FieldPanel("in_help_strip")], heading=_("Where it shows")
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("support service")
        verbose_name_plural = _("support services")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def category_name(self):
        """The category as the service's own language names it, so "stalking" (or
        "stelcian") finds the services grouped under it."""
        with translation.override(self.locale.language_code):
            return str(self.Category(self.category).label)

    @property
    def anchor(self):
        """The id of this service on the support page, so search can link straight to it."""
        return f"service-{self.pk}"

    @property
    def phone_numbers(self):
        """(number, note) pairs readers may use; none while details are unconfirmed."""
        if self.needs_checking:
            return []
        pairs = [(self.phone, self.phone_note), (self.other_phone, self.other_phone_note)]
        return [(number, note) for number, note in pairs if number]

    @classmethod
    def by_category(cls, locale):
        """[(category label, [services])] in display order, empty categories left out."""
        services = list(cls.objects.filter(locale=locale))
        groups = []
        for category in cls.CATEGORY_ORDER:
            members = [service for service in services if service.category == category]
            if members:
                groups.append((cls.Category(category).label, members))
        return groups


class Navigation(TranslatableMixin, models.Model):
    """The site's name, main menu and footer, one per language."""

    network_name = models.CharField(_("network name"), max_length=120)
    organisation_name = models.CharField(
        _("organisation name"),
        max_length=160,
        help_text=_("The office that runs the network, shown under its name."),
    )
    primary_links = StreamField(
        [("link", LinkBlock())], blank=True, verbose_name=_("main menu links")
    )
    footer_links = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("footer links"))
    footer_text = RichTextField(
        _("footer text"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("How to contact the office, its hours, and when messages are not read."),
    )

    panels = [
        FieldPanel("network_name"),
        FieldPanel("organisation_name"),
        FieldPanel("primary_links"),
        FieldPanel("footer_links"),
        FieldPanel("footer_text"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("navigation and footer")
        verbose_name_plural = _("navigation and footer")

    def __str__(self):
        return f"{self.network_name} ({self.locale})"

    @classmethod
    def for_locale(cls, locale):
        return cls.objects.filter(locale=locale).first()

    @classmethod
    def organisation_name_in(cls, language):
        """The office's name in `language`, else in the default language; "" if unset."""
        navigation = (
            cls.objects.filter(locale__language_code=language).first()
            or cls.objects.filter(locale__language_code=Locale.get_default().language_code).first()
        )
        return navigation.organisation_name if navigation else ""

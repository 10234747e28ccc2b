"""The public site's page types."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import BodyBlock, SectionBlock, section_anchors

from .snippets import SupportService


class BasePage(Page):
    """Fields and search settings every public page shares. Abstract."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_("One or two plain sentences under the title. Also used in search results."),
    )

    search_fields = [*Page.search_fields, index.SearchField("intro")]
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        abstract = True

    @property
    def summary(self):
        return self.search_description or self.intro


class HomePage(BasePage):
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("home page")


class ContentPage(BasePage):
    """A general page: about, privacy notice, accessibility, cookies, cover your tracks."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    parent_page_types = ["pages.HomePage", "pages.ContentPage"]
    template = "pages/content_page.html"

    class Meta:
        verbose_name = _("content page")


class TermsOfReferencePage(BasePage):
    """A long document in sections, with a table of contents and a print layout."""

    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    sections = StreamField([("section", SectionBlock())], blank=True, verbose_name=_("sections"))

    search_fields = [*BasePage.search_fields, index.SearchField("sections")]
    content_panels = [*BasePage.content_panels, FieldPanel("last_reviewed"), FieldPanel("sections")]
    parent_page_types = ["pages.HomePage"]
    max_count_per_parent = 1
    template = "pages/terms_of_reference_page.html"

    class Meta:
        verbose_name = _("terms of reference")
        verbose_name_plural = _("terms of reference")

    def anchored_sections(self):
        """[(anchor, section value)] in order: the contents list and the body share them."""
        sections = [block.value for block in self.sections]
        anchors = section_anchors(section["heading"] for section in sections)
        return list(zip(anchors, sections, strict=True))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["anchored_sections"] = self.anchored_sections()
        return context


class SupportPage(BasePage):
    """The support contacts, grouped by category, crisis lines first."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    parent_page_types = ["pages.HomePage"]
    max_count_per_parent = 1
    template = "pages/support_page.html"

    class Meta:
        verbose_name = _("support page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["service_groups"] = SupportService.by_category(self.locale)
        return context

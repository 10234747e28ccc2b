"""The public site's page types."""

import html

from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import BodyBlock, CardBlock, SectionBlock, section_anchors
from pages.page_cache import kept_until_content_changes

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
    """The front door: what to do next (join, have your say, get support), the latest
    "difference made" stories, what the network has changed, then the body."""

    actions_heading = models.CharField(
        _("calls to action heading"),
        max_length=120,
        blank=True,
        db_default="",
        help_text=_('Leave empty for "What you can do".'),
    )
    actions = StreamField(
        [("action", CardBlock())],
        blank=True,
        null=True,
        verbose_name=_("calls to action"),
        help_text=_(
            "Two to four things a visitor can do now, such as joining, having their say on "
            "what is open, or getting support. For the list of what is open now, enter the "
            "address /have-your-say/ (in Welsh, /cy/dweud-eich-dweud/)."
        ),
    )
    stories_heading = models.CharField(
        _("latest stories heading"),
        max_length=120,
        blank=True,
        db_default="",
        help_text=_('Leave empty for "The difference you have made".'),
    )
    stories_index = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("stories from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The page whose newest stories are shown, in the reader's language. Leave empty "
            "to show none."
        ),
    )
    stories_count = models.PositiveSmallIntegerField(
        _("how many stories"), default=3, db_default=3, help_text=_("From 1 to 6.")
    )
    changes_heading = models.CharField(
        _("changes heading"),
        max_length=120,
        blank=True,
        db_default="",
        help_text=_('Leave empty for "What the network has changed".'),
    )
    changes = StreamField(
        [("change", blocks.TextBlock(label=_("Change"), max_length=300))],
        blank=True,
        null=True,
        verbose_name=_("what the network has changed"),
        help_text=_("A few short sentences, each one change members' views led to."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("actions_heading"), FieldPanel("actions")], heading=_("Calls to action")
        ),
        MultiFieldPanel(
            [
                FieldPanel("stories_heading"),
                PageChooserPanel("stories_index"),
                FieldPanel("stories_count"),
            ],
            heading=_("Latest stories"),
        ),
        MultiFieldPanel(
            [FieldPanel("changes_heading"), FieldPanel("changes")],
            heading=_("What the network has changed"),
        ),
        FieldPanel("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    template = "pages/home_page.html"

    MAX_STORIES = 6

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_stories"] = kept_until_content_changes(
            request, ("home stories", self.pk), lambda: self.latest_stories(request)
        )
        return context

    def latest_stories(self, request):
        """[{title, url, summary, what_changed}] of the newest live stories under the chosen
        index, in this page's language, as plain data so they can be kept."""
        if self.stories_index_id is None:
            return []
        index_page = self.stories_index
        if index_page.locale_id != self.locale_id:
            index_page = index_page.get_translation_or_none(self.locale)
        if index_page is None or not index_page.live:
            return []
        index_page = index_page.specific
        count = max(1, min(self.stories_count, self.MAX_STORIES))
        # A story index knows its own order (newest story first); any other page lists its
        # newest published children.
        if hasattr(index_page, "stories"):
            stories = index_page.stories()
        else:
            stories = (
                index_page.get_children()
                .live()
                .public()
                .filter(locale_id=self.locale_id)
                .specific()
                .order_by("-first_published_at")
            )
        return [
            {
                "title": story.title,
                "url": story.get_url(request),
                "summary": getattr(story, "summary", ""),
                "what_changed": Truncator(
                    html.unescape(strip_tags(getattr(story, "what_changed", "")))
                ).words(40),
            }
            for story in stories[:count]
        ]


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

"""The public "difference made" stories ("you said, we did") and their index.

Written by the communications team and translated with wagtail-localize. A story links to
the activity behind it (staff data): the page shows only the activity's methods and how
many took part, and that count only at or above the minimum group size.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Locale
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from pages.models.pages import BasePage
from pages.page_cache import kept_until_content_changes, query_used

from .partners import Partner, Topic

STORY_TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]
STORIES_PER_PAGE = 10

# The renditions the templates ask for, in the same order as their {% picture %} tags
# (story_page.html, includes/story_card.html), so they can be fetched in one query.
STORY_IMAGE_SPECS = Filter.expand_spec(["format-{avif,webp,jpeg}", "width-{400,700,1000,1400}"])
STORY_CARD_IMAGE_SPECS = Filter.expand_spec(["format-{avif,webp,jpeg}", "fill-{160x120,320x240}"])


def with_card_images(stories):
    """Stories with their images and the images' card renditions: two queries however many."""
    rendition_model = get_image_model().get_rendition_model()
    return stories.select_related("image").prefetch_related(
        models.Prefetch(
            "image__renditions",
            queryset=rendition_model.objects.filter(filter_spec__in=STORY_CARD_IMAGE_SPECS),
            to_attr="prefetched_renditions",
        )
    )


class StoryIndexPage(RoutablePageMixin, BasePage):
    """/difference-made/ and /cy/gwahaniaeth-a-wnaed/: stories, filters and a feed."""

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["impact.StoryPage"]
    max_count_per_parent = 1
    template = "impact/story_index_page.html"

    class Meta:
        verbose_name = _("story index")

    def stories(self):
        """This index's live stories in its own language, newest first."""
        return (
            StoryPage.objects.child_of(self)
            .live()
            .filter(locale_id=self.locale_id)
            .select_related("partner", "topic")
            .order_by("-story_date", "-first_published_at", "-pk")
        )

    @property
    def feed_path(self):
        return self.reverse_subpage("feed")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = StoryFilters(request, self, request.GET, self.get_url(request) or "")
        paginator = Paginator(with_card_images(filters.stories), STORIES_PER_PAGE)
        # get_page never fails: junk gives the first page, a number too large the last.
        stories_page = paginator.get_page(request.GET.get("page"))
        stories = list(stories_page.object_list)
        # What the page was drawn from: the page cache keeps only this form of the address.
        used = dict(filters.chosen)
        if stories_page.number > 1:
            used["page"] = stories_page.number
        query_used(request, used)
        for story in stories:
            story.partner_shown = filters.partner_of(story)
            story.topic_shown = filters.topic_of(story)
        context.update(
            filters=filters,
            stories=stories,
            stories_page=stories_page,
            paginator=paginator,
            previous_url=(
                filters.query(page=stories_page.previous_page_number())
                if stories_page.has_previous()
                else ""
            ),
            next_url=(
                filters.query(page=stories_page.next_page_number())
                if stories_page.has_next()
                else ""
            ),
            story_index=self,
            # Only the filters that took effect, and the page number: what makes this list.
            canonical_path=filters.query(page=stories_page.number),
            version_queries=filters.queries_by_language(),
        )
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        """An RSS feed of this index's stories, in its language."""
        from ..feeds import StoryFeed

        return StoryFeed(self)(request)


# The group whose members write stories (see pages' staff groups migration).
STORY_WRITERS = "Communications team"


def writes_stories(user):
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=STORY_WRITERS).exists()


def public_activity_label(activity):
    """An activity as the story editor names it: by its public title, never its internal
    one (which can say more than the public should see)."""
    english, welsh = activity.public_title, activity.public_title_cy
    title = (welsh or english) if translation.get_language() == "cy" else (english or welsh)
    if title:
        return title
    return gettext("No public title yet (%(partner)s, %(when)s)") % {
        "partner": activity.partner,
        "when": activity.when,
    }


class StoryPageForm(WagtailAdminPageForm):
    """The story editor. Its "activity behind it" offers only activities that are over,
    each by its public title, and only to those who write stories: for anyone else (a
    translator, a reviewer) it shows the activity already chosen and cannot be changed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("activity")
        if field is None:
            return
        from .activities import EngagementActivity

        Status = EngagementActivity.Status
        chosen = self.instance.activity_id
        if writes_stories(self.for_user):
            # The one already chosen stays on offer, so a story linked before its activity
            # was reopened can still be saved as it is.
            field.queryset = EngagementActivity.objects.filter(
                models.Q(status__in=(Status.CLOSED, Status.REPORTED)) | models.Q(pk=chosen)
            ).order_by("-financial_year", "-quarter", "public_title")
        else:
            field.queryset = EngagementActivity.objects.filter(pk=chosen)
            field.disabled = True
        field.queryset = field.queryset.select_related("partner")
        field.label_from_instance = public_activity_label


class StoryPage(BasePage):
    """One "difference made" story. The intro is its summary."""

    story_date = models.DateField(_("date"), help_text=_("When the change was made or announced."))
    partner = models.ForeignKey(
        "impact.Partner",
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who made the change."),
    )
    topic = models.ForeignKey(
        "impact.Topic",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    activity = models.ForeignKey(
        "impact.EngagementActivity",
        verbose_name=_("activity behind it"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        help_text=_(
            "When the story is first published, the members who took part are told. "
            "The page shows the method and, for groups large enough, how many took part."
        ),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Optional. Shown at the top of the story and beside it in the list of stories. "
            "Never a picture of a real person or anything that could identify someone."
        ),
    )
    image_alt_text = models.CharField(
        _("image description"),
        max_length=255,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it. Translated with the story. "
            "Leave empty to use the image's own description, and leave both empty if the "
            "image is only decoration."
        ),
    )
    you_told_us = RichTextField(_("what you told us"), features=STORY_TEXT_FEATURES)
    what_changed = RichTextField(_("what changed"), features=STORY_TEXT_FEATURES)

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("you_told_us"),
        index.SearchField("what_changed"),
        index.FilterField("story_date"),
    ]
    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("story_date"),
                FieldPanel("partner"),
                FieldPanel("topic"),
                FieldPanel("activity"),
            ],
            heading=_("About the change"),
        ),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt_text")], heading=_("Image")),
        FieldPanel("you_told_us"),
        FieldPanel("what_changed"),
    ]
    # The partner and topic are the same organisation and subject in every language: each
    # version of the story points at the same entries, shown in the reader's language through
    # the entries' own translations. Translating them with the story would copy every English
    # partner and topic into Welsh, English words and all, over the Welsh names.
    override_translatable_fields = [SynchronizedField("partner"), SynchronizedField("topic")]
    parent_page_types = ["impact.StoryIndexPage"]
    subpage_types = []
    template = "impact/story_page.html"
    base_form_class = StoryPageForm

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def get_context(self, request, *args, **kwargs):

        context = super().get_context(request, *args, **kwargs)
        context.update(kept_until_content_changes(request, ("story", self.pk), self.shown_with))
        context["story_image"] = self.image_with_renditions()
        return context

    def image_with_renditions(self):
        """The image with the renditions the page shows, fetched together (two queries)."""
        if self.image_id is None:
            return None
        images = get_image_model().objects.prefetch_renditions(*STORY_IMAGE_SPECS)
        return images.filter(pk=self.image_id).first()

    @property
    def image_alt(self):
        """The story's own words for its image (translated with it), else the image's
        description (images are not translated). Empty marks the image as decoration."""
        if self.image_alt_text:
            return self.image_alt_text
        return self.image.description if self.image else ""

    def shown_entry(self, model, entry):
        """The partner or topic in the story's language, published; else None, so a Welsh
        story never names it in English."""
        if entry is None:
            return None
        key = entry.translation_key
        return model.in_language({key}, self.locale_id, fallback=False).get(key)

    def shown_with(self):
        """What the page shows beside its own fields, as plain data."""
        from ..reporting import public_participation

        index = StoryIndexPage.objects.ancestor_of(self).live().order_by("-depth").first()
        return {
            # Only the methods and (for groups large enough) the count: nothing else about
            # the activity, not even its title, is for the public.
            "participation": public_participation(self.activity),
            "partner_shown": self.shown_entry(Partner, self.partner),
            "topic_shown": self.shown_entry(Topic, self.topic),
            "story_index": (
                {"url": index.url, "title": index.title, "feed_path": index.feed_path}
                if index
                else None
            ),
        }


@dataclass
class Choice:
    value: str
    label: str
    selected: bool


class StoryFilters:
    """The story index's filters, read from the query string (?partner=&topic=&year=).

    Partners and topics are chosen by their slug in the index's language; only partners,
    topics and years that have stories are offered, and anything else in the query string
    (an unknown slug, a year with no stories, junk) is ignored rather than refused.
    The number of queries does not depend on the number of stories.
    """

    def __init__(self, request, index, params, url):
        self.index = index
        self.url = url
        self.request = request
        stories = index.stories()
        self.partners, self.topics, years = kept_until_content_changes(
            request, ("story filters", index.pk), lambda: self.options(stories, index.locale_id)
        )

        self.chosen = {}
        # {"partner" or "topic": translation key} of the entries chosen.
        self.chosen_keys = {}
        partner_keys = {entry.slug: key for key, entry in self.partners.items()}
        topic_keys = {entry.slug: key for key, entry in self.topics.items()}
        partner = self._param(params, "partner")
        if partner in partner_keys:
            self.chosen["partner"] = partner
            self.chosen_keys["partner"] = partner_keys[partner]
            stories = stories.filter(partner__translation_key=partner_keys[partner])
        topic = self._param(params, "topic")
        if topic in topic_keys:
            self.chosen["topic"] = topic
            self.chosen_keys["topic"] = topic_keys[topic]
            stories = stories.filter(topic__translation_key=topic_keys[topic])
        year = self._param(params, "year")
        if year in years:
            self.chosen["year"] = year
            stories = stories.filter(story_date__year=int(year))
        self.stories = stories

        self.partner_choices = self._choices(
            "partner", [(entry.slug, entry.name) for entry in self.partners.values()]
        )
        self.topic_choices = self._choices(
            "topic", [(entry.slug, entry.name) for entry in self.topics.values()]
        )
        self.year_choices = self._choices("year", [(year, year) for year in years])

    @staticmethod
    def options(stories, locale_id):
        """The partners and topics ({translation key: entry}) and years that have stories."""
        facts = list(
            stories.values_list("partner__translation_key", "topic__translation_key", "story_date")
        )
        # Only those published in the index's language: none is offered in another.
        partners = Partner.in_language(
            {partner for partner, _topic, _day in facts}, locale_id, fallback=False
        )
        topics = Topic.in_language(
            {topic for _partner, topic, _day in facts}, locale_id, fallback=False
        )
        years = sorted({str(day.year) for _partner, _topic, day in facts}, reverse=True)
        return partners, topics, years

    @staticmethod
    def _param(params, name):
        value = params.get(name, "")
        return value if isinstance(value, str) else ""

    def _choices(self, name, options):
        chosen = self.chosen.get(name)
        return [Choice(value, label, value == chosen) for value, label in options]

    @property
    def any_chosen(self):
        return bool(self.chosen)

    @property
    def partner_name(self):
        return next((c.label for c in self.partner_choices if c.selected), "")

    @property
    def topic_name(self):
        return next((c.label for c in self.topic_choices if c.selected), "")

    def partner_of(self, story):
        return self.partners.get(story.partner.translation_key) if story.partner else None

    def topic_of(self, story):
        return self.topics.get(story.topic.translation_key) if story.topic else None

    def queries_by_language(self):
        """{language code: "?…"}: the filters chosen, as the index in each language names
        them (a partner or topic can have a different slug in each), for the links to this
        list in the other languages. Empty when nothing is chosen."""
        if not self.chosen:
            return {}
        # Only checked values are in `chosen`, so the kept pieces stay few.
        key = ("story filter versions", self.index.pk, tuple(sorted(self.chosen.items())))
        return kept_until_content_changes(self.request, key, self._find_queries_by_language)

    def _find_queries_by_language(self):
        models_by_name = {"partner": Partner, "topic": Topic}
        queries = {}
        for locale in Locale.objects.all():
            values = dict(self.chosen)
            for name, key in self.chosen_keys.items():
                entry = models_by_name[name].in_language({key}, locale.id, fallback=False).get(key)
                if entry is None:
                    # Not offered there: that language's list shows without this filter.
                    del values[name]
                else:
                    values[name] = entry.slug
            queries[locale.language_code] = f"?{urlencode(values)}" if values else ""
        return queries

    def query(self, **extra):
        """The index's address with the filters chosen (never anything else that was sent)."""
        values = {**self.chosen, **extra}
        if values.get("page") == 1:
            del values["page"]
        return f"{self.url}?{urlencode(values)}" if values else self.url

"""The RSS feed of "difference made" stories, one per language.

Served by each story index at `feed/` (StoryIndexPage.feed), so the English index gives
the English stories and the Welsh index the Welsh ones, with the channel's language set.
"""

import datetime
import uuid

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

from pages.models import Navigation
from pages.page_cache import kept_until_content_changes

# The module itself, not impact.models: the story index serves this feed.
from .models.partners import Partner, Topic

# Enough for any reader to catch up; the index has the rest.
FEED_LENGTH = 50


def story_datetime(day):
    """A story's date as a moment, midday, so no reader's time zone moves it a day."""
    return datetime.datetime.combine(day, datetime.time(12))


class StoryFeed(Feed):
    feed_type = Rss201rev2Feed
    item_guid_is_permalink = False

    def __init__(self, index):
        super().__init__()
        self.index = index
        self.request = None

    def get_object(self, request, *args, **kwargs):
        self.request = request
        self.language = self.channel(self.index)["language"]
        return self.index

    def channel(self, index):
        """The channel's title and language, kept until an editor changes something."""

        def load():
            navigation = Navigation.for_locale(index.locale)
            title = f"{index.title} – {navigation.network_name}" if navigation else index.title
            return {"title": title, "language": index.locale.language_code}

        return kept_until_content_changes(self.request, ("feed", index.pk), load)

    def title(self, index):
        return self.channel(index)["title"]

    def absolute(self, page):
        # From the address the reader used, which Django checks against ALLOWED_HOSTS.
        return self.request.build_absolute_uri(page.get_url(self.request))

    def link(self, index):
        return self.absolute(index)

    def feed_url(self, index):
        return self.absolute(index) + index.feed_path

    def description(self, index):
        return index.intro or index.title

    def items(self, index):
        stories = list(index.stories()[:FEED_LENGTH])
        # Category names in the feed's language, found once for all the stories.
        # Only those published in the feed's language: never a category in another.
        partners = Partner.in_language(
            {s.partner.translation_key for s in stories if s.partner},
            index.locale_id,
            fallback=False,
        )
        topics = Topic.in_language(
            {s.topic.translation_key for s in stories if s.topic}, index.locale_id, fallback=False
        )
        for story in stories:
            story.feed_categories = [
                entry.name
                for entry in (
                    partners.get(story.partner.translation_key) if story.partner else None,
                    topics.get(story.topic.translation_key) if story.topic else None,
                )
                if entry is not None
            ]
        return stories

    def item_title(self, story):
        return story.title

    def item_description(self, story):
        return story.intro

    def item_link(self, story):
        return self.absolute(story)

    def item_guid(self, story):
        # Stable when a slug changes, and distinct for each language's version of a story:
        # a reader following both feeds is shown both.
        return f"urn:uuid:{uuid.uuid5(story.translation_key, self.language)}"

    def item_pubdate(self, story):
        return story_datetime(story.story_date)

    def item_updateddate(self, story):
        return story.last_published_at

    def item_categories(self, story):
        return story.feed_categories

"""Signal handlers: telling participants when a story is first published (impact.notify)."""

from wagtail.signals import page_published

from .models import StoryPage
from .notify import story_published

page_published.connect(story_published, sender=StoryPage, dispatch_uid="impact_story_published")

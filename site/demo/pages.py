"""The demo pages, the menus and the support services (content/site.yaml, pages/, stories/,
support-services.yaml).

A page missing in a language is made and published; a page that exists is never changed,
except that an empty body is filled in (bodies can link to other pages, so they are
added once every page exists).
"""

from pathlib import Path

from django.conf import settings
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from enrolment.models import EnrolmentPage
from impact.models import StoryIndexPage, StoryPage
from pages.models import (
    ContentPage,
    HomePage,
    Navigation,
    SupportPage,
    SupportService,
    TermsOfReferencePage,
)

from .content import FOLDER, add_to_menu, demo_key, on, read

LANGUAGES = ("en", "cy")
PAGE_TYPES = {
    "home": HomePage,
    "content": ContentPage,
    "terms": TermsOfReferencePage,
    "support": SupportPage,
    "join": EnrolmentPage,
    "stories": StoryIndexPage,
    "story": StoryPage,
}
STREAM_FIELDS = ("body", "sections", "actions", "changes")


def load_pages(locales, lists, activities, today):
    """Every page in both languages, then the menus. Returns {language: {key: page}}."""
    site = read("site")
    specs = {Path(name).name: read(name) for name in site["pages"]}
    context = {"lists": lists, "activities": activities, "today": today}
    pages = {language: {} for language in LANGUAGES}
    made = []
    for key, spec in specs.items():
        made += load_page(key, spec, pages, locales, context)
        if key == "home" and "home" in pages["en"]:
            point_the_site_at(pages["en"]["home"])
    for key, spec in specs.items():
        for language in LANGUAGES:
            if key in pages[language]:
                fill_stream_fields(pages[language][key], spec[language], pages[language])
                if "stories_from" in spec:
                    choose_stories(pages[language][key], pages[language].get(spec["stories_from"]))
    load_navigation(site["navigation"], pages, locales)
    for key, page in made:
        if specs[key].get("menu"):
            add_to_menu(page)
    return pages


def load_page(key, spec, pages, locales, context):
    """The page `key` in each language, made where missing. Returns [(key, page made)]."""
    model = PAGE_TYPES[spec["type"]]
    translation_key = demo_key("page", key)
    made = []
    for language in LANGUAGES:
        locale = locales[language]
        page = model.objects.filter(translation_key=translation_key, locale=locale).first()
        if page is None:
            parent = parent_page(spec, language, pages)
            if parent is None:
                return made  # its parent is an editor's own page: so is what goes in it
            allowed = model.max_count_per_parent
            if allowed and model.objects.child_of(parent).count() >= allowed:
                return made  # an editor's own page of this kind: theirs to look after
            text = {
                name: value for name, value in spec[language].items() if name not in STREAM_FIELDS
            }
            page = model(
                locale=locale,
                translation_key=translation_key,
                **text,
                **other_fields(key, spec, language, **context),
            )
            parent.add_child(instance=page)
            page.save_revision().publish()
            made.append((key, page))
        pages[language][key] = page
    return made


def other_fields(key, spec, language, lists, activities, today):
    """The fields a page needs beside its text, shared by both languages."""
    if spec["type"] == "terms":
        return {"last_reviewed": spec["last_reviewed"]}
    if spec["type"] == "story":
        return {
            "story_date": on(today, spec["day"]),
            "partner": lists["partner"][language][spec["partner"]],
            "topic": lists["topic"][language][spec["topic"]],
            "activity": activities[spec["activity"]],
            "image": story_image(key, spec["image"]),
        }
    return {}


def parent_page(spec, language, pages):
    if spec["type"] != "home":
        return pages[language].get(spec.get("parent", "home"))
    root = Page.get_first_root_node()
    if language == "en":
        # Wagtail's placeholder "Welcome" page gives way to the real home page.
        for placeholder in root.get_children().filter(
            content_type__app_label="wagtailcore", content_type__model="page"
        ):
            placeholder.delete()
    return root


def point_the_site_at(home):
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    if site.root_page_id != home.id:
        site.hostname, site.port, site.root_page = "localhost", 80, home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()


def story_image(key, filename):
    """The story's picture, stored once for both languages.

    The pictures are abstract (soft light over hills: no people, no text), so they are
    decoration: no description, so an empty alt. Wagtail's images are not translated
    either, so a description would be English on the Welsh story.
    """
    Image = get_image_model()
    title = f"Demo story picture: {key}"
    image = Image.objects.filter(title=title).first()
    if image is None:
        with (FOLDER / filename).open("rb") as file:
            image = Image(title=title, file=ImageFile(file, name=Path(filename).name))
            image.save()
    return image


# --- bodies -----------------------------------------------------------------------------


def choose_stories(page, index):
    """Point the home page's latest stories at the story index, once both exist."""
    if index is not None and page.stories_index_id is None:
        page.stories_index = index
        page.save_revision().publish()


def fill_stream_fields(page, text, pages):
    names = [name for name in STREAM_FIELDS if name in text]
    if not names:
        return
    page.refresh_from_db()  # pages were added under it since it was loaded
    ids = {key: item.id for key, item in pages.items()}
    empty = [name for name in names if not getattr(page, name)]
    for name in empty:
        setattr(page, name, stream_value(name, text[name], ids))
    if empty:
        page.save_revision().publish()


def stream_value(name, value, page_ids):
    if name == "sections":
        return [
            {
                "type": "section",
                "value": {"heading": section["heading"], "body": blocks(section["body"], page_ids)},
            }
            for section in value
        ]
    return blocks(value, page_ids)


def blocks(items, page_ids):
    """[{block type: value}] from a file -> StreamField data, with page keys made ids."""
    raw = []
    for item in items:
        ((block_type, value),) = item.items()
        if block_type == "cards":
            value = [card(item, page_ids) for item in value]
        elif block_type == "action":
            value = card(value, page_ids)
        raw.append({"type": block_type, "value": value})
    return raw


def card(value, page_ids):
    """A card's value: a link to a page named by its key, or to an address (`url`)."""
    if "url" in value:
        link = {"page": None, "url": value["url"], "title": value["heading"]}
    else:
        link = {"page": page_ids[value["page"]], "url": "", "title": ""}
    return {"heading": value["heading"], "text": value.get("text", ""), "link": link}


def links(items, page_ids, language):
    """Menu links: a page named by its key, or an address with its text in each language."""
    return [{"type": "link", "value": link_value(item, page_ids, language)} for item in items]


def link_value(item, page_ids, language):
    if isinstance(item, dict):
        return {"page": None, "url": item["url"][language], "title": item["title"][language]}
    return {"page": page_ids[item], "url": "", "title": ""}


# --- snippets ---------------------------------------------------------------------------


def load_navigation(spec, pages, locales):
    """The menus and footer, unless the language already has them (perhaps an editor's)."""
    for language in LANGUAGES:
        locale = locales[language]
        if Navigation.objects.filter(locale=locale).exists():
            continue
        ids = {key: page.id for key, page in pages[language].items()}
        Navigation.objects.create(
            translation_key=demo_key("navigation", "site"),
            locale=locale,
            primary_links=links(spec["menu"], ids, language),
            footer_links=links(spec["footer_menu"], ids, language),
            **spec[language],
        )


def load_support_services(locales):
    for spec in read("support-services"):
        translation_key = demo_key("support", spec.pop("key"))
        texts = {language: spec.pop(language) for language in LANGUAGES}
        for language in LANGUAGES:
            locale = locales[language]
            if SupportService.objects.filter(
                translation_key=translation_key, locale=locale
            ).exists():
                continue
            service = SupportService(
                translation_key=translation_key, locale=locale, **spec, **texts[language]
            )
            service.full_clean()
            service.save()

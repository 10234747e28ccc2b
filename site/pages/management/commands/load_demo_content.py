"""Load the bilingual demo content: `manage.py load_demo_content`.

Safe to run again and again: each item has a fixed translation key, so a second
run finds what the first made and creates only what is missing. Content that
already exists is left as it is, so an editor's changes are never overwritten.
"""

import uuid
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string
from wagtail.models import Locale, Page, Site

from pages import demo_content
from pages.models import (
    ContentPage,
    HomePage,
    Navigation,
    SafetySettings,
    SupportPage,
    SupportService,
    TermsOfReferencePage,
)

DEMO_NAMESPACE = uuid.UUID("7d5f8a52-3c1e-4b8e-9a57-2f0e6c1d9b40")
PAGE_TYPES = {"content": ContentPage, "terms": TermsOfReferencePage, "support": SupportPage}

# Development only: settings.DEMO_ACCOUNTS_ENABLED is False everywhere else.
DEMO_ACCOUNTS = [
    ("engagement", "Engagement team", "Demo engagement officer"),
    ("communications", "Communications team", "Demo communications officer"),
    ("reviewer", "Reviewers", "Demo reviewer"),
    ("translator", "Translators", "Demo translator"),
    ("admin", None, "Demo administrator"),
]


def demo_key(name):
    return uuid.uuid5(DEMO_NAMESPACE, name)


def stream(blocks, page_ids):
    """Demo block tuples -> StreamField raw data, with page keys resolved to ids."""
    raw = []
    for block_type, value in blocks:
        if block_type == "cards":
            value = [
                {
                    "heading": card["heading"],
                    "text": card.get("text", ""),
                    "link": {"page": page_ids[card["page"]], "url": "", "title": ""},
                }
                for card in value
            ]
        raw.append({"type": block_type, "value": value})
    return raw


def links(keys, page_ids):
    return [
        {"type": "link", "value": {"page": page_ids[key], "url": "", "title": ""}} for key in keys
    ]


class Command(BaseCommand):
    help = "Load the bilingual demo content (and, in development, demo staff accounts)."

    def handle(self, *args, **options):
        with transaction.atomic():
            self.english = Locale.objects.get(language_code="en")
            self.welsh = Locale.objects.get(language_code="cy")
            homes = self.load_home()
            pages = self.load_pages(homes)
            self.fill_home_links(homes, pages)
            self.load_support_services()
            self.load_navigation(pages)
            # Other apps' demo content (settings.DEMO_CONTENT_LOADERS): pages imports no app.
            for loader in settings.DEMO_CONTENT_LOADERS:
                import_string(loader)(homes=homes)
            site = Site.objects.get(is_default_site=True)
            SafetySettings.for_site(site)  # creates the default quick exit destination
        self.stdout.write(self.style.SUCCESS("Demo content is in place in English and Welsh."))
        if settings.DEMO_ACCOUNTS_ENABLED:
            self.load_accounts()

    # Pages

    def load_home(self):
        key = demo_key("page:home")
        home = HomePage.objects.filter(translation_key=key, locale=self.english).first()
        if home is None:
            root = Page.get_first_root_node()
            # Wagtail's placeholder "Welcome" page is replaced by the real home page.
            for placeholder in root.get_children().filter(
                content_type__app_label="wagtailcore", content_type__model="page"
            ):
                placeholder.delete()
            text = demo_content.HOME["en"]
            home = HomePage(
                slug="home", locale=self.english, translation_key=key, **self.page_fields(text)
            )
            root.add_child(instance=home)
            home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        if site.root_page_id != home.id:
            site.hostname, site.port, site.root_page = "localhost", 80, home
            site.site_name = settings.WAGTAIL_SITE_NAME
            site.save()
        welsh = self.translate(home, slug="hafan", fields=self.page_fields(demo_content.HOME["cy"]))
        return {"en": home, "cy": welsh}

    def load_pages(self, homes):
        pages = {"en": {}, "cy": {}}
        for spec in demo_content.PAGES:
            model = PAGE_TYPES[spec["type"]]
            key = demo_key(f"page:{spec['key']}")
            english = model.objects.filter(translation_key=key, locale=self.english).first()
            if english is None:
                text = spec["en"]
                english = model(
                    slug=text["slug"],
                    locale=self.english,
                    translation_key=key,
                    **self.page_fields(text),
                )
                if model is TermsOfReferencePage:
                    english.last_reviewed = date.fromisoformat(spec["last_reviewed"])
                homes["en"].add_child(instance=english)
                english.save_revision().publish()
            welsh = self.translate(
                english, slug=spec["cy"]["slug"], fields=self.page_fields(spec["cy"])
            )
            pages["en"][spec["key"]] = english
            pages["cy"][spec["key"]] = welsh
        # Bodies can link to other pages only once every page exists.
        for spec in demo_content.PAGES:
            for language in ("en", "cy"):
                page = pages[language][spec["key"]]
                text = spec[language]
                ids = {key: item.id for key, item in pages[language].items()}
                field = "sections" if spec["type"] == "terms" else "body"
                if not getattr(page, field):
                    setattr(page, field, self.stream_field(spec["type"], text, ids))
                    page.save_revision().publish()
        return pages

    def page_fields(self, text):
        return {"title": text["title"], "intro": text.get("intro", "")}

    def stream_field(self, page_type, text, page_ids):
        if page_type == "terms":
            return [
                {
                    "type": "section",
                    "value": {
                        "heading": section["heading"],
                        "body": stream(section["body"], page_ids),
                    },
                }
                for section in text["sections"]
            ]
        return stream(text.get("body", []), page_ids)

    def translate(self, page, slug, fields):
        """The Welsh version of `page`, created beside its English source if missing.

        Built directly (not with copy_for_translation) so it never has an English
        slug to change, which would leave redirects behind.
        """
        welsh = page.get_translation_or_none(self.welsh)
        if welsh is None:
            parent = page.get_parent()
            if parent.depth > 1:
                parent = parent.get_translation(self.welsh)
            welsh = type(page)(
                slug=slug, locale=self.welsh, translation_key=page.translation_key, **fields
            )
            if isinstance(page, TermsOfReferencePage):
                welsh.last_reviewed = page.last_reviewed
            parent.add_child(instance=welsh)
            welsh.save_revision().publish()
        return welsh.specific

    def fill_home_links(self, homes, pages):
        for language, home in homes.items():
            home.refresh_from_db()  # pages were added under it since it was loaded
            if not home.body:
                ids = {key: item.id for key, item in pages[language].items()}
                home.body = stream(demo_content.HOME[language]["body"], ids)
                home.save_revision().publish()

    # Snippets

    def load_support_services(self):
        translated = (
            "name",
            "helps_with",
            "phone_note",
            "other_phone_note",
            "opening_hours",
            "area_served",
        )
        shared = (
            "category",
            "phone",
            "other_phone",
            "text_number",
            "website",
            "open_24_hours",
            "in_help_strip",
            "needs_checking",
            "sort_order",
        )
        for spec in demo_content.SUPPORT_SERVICES:
            key = demo_key(f"support:{spec['key']}")
            for locale in (self.english, self.welsh):
                if SupportService.objects.filter(translation_key=key, locale=locale).exists():
                    continue
                values = {name: spec.get(name, "") for name in shared}
                values.update(
                    {
                        name: (spec.get(name) or {}).get(locale.language_code, "")
                        for name in translated
                    }
                )
                service = SupportService(translation_key=key, locale=locale, **values)
                service.full_clean()
                service.save()

    def load_navigation(self, pages):
        key = demo_key("navigation")
        for locale in (self.english, self.welsh):
            if Navigation.objects.filter(translation_key=key, locale=locale).exists():
                continue
            text = demo_content.NAVIGATION[locale.language_code]
            ids = {name: page.id for name, page in pages[locale.language_code].items()}
            Navigation.objects.create(
                translation_key=key,
                locale=locale,
                network_name=text["network_name"],
                organisation_name=text["organisation_name"],
                primary_links=links(text["primary_links"], ids),
                footer_links=links(text["footer_links"], ids),
                footer_text=text["footer_text"],
            )

    # Accounts

    def load_accounts(self):
        User = get_user_model()
        password = settings.DEMO_ACCOUNT_PASSWORD
        self.stdout.write("\nDemo staff accounts (development only), password: " + password)
        for username, group_name, full_name in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "email": f"{username}@example.org",
                    "first_name": full_name.split(" ", 1)[0],
                    "last_name": full_name.split(" ", 1)[1],
                    "is_superuser": group_name is None,
                    "is_staff": group_name is None,
                },
            )
            if created:
                user.set_password(password)
                user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            role = group_name or "Administrator"
            self.stdout.write(f"  {username:<15} {role}")

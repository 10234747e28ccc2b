"""The Welsh parity report: what still needs a Welsh version, and what has gone out of date.

English and Welsh have equal standing, so translators and editors need one list of every
live item in the default language (English) that a Welsh reader cannot yet read as it is:

- **Pages.** A live English page is listed when it has no Welsh version, when its Welsh
  version is not live, when the Welsh page is only an alias of the English (it shows the
  English words), or when the Welsh version is older than the English: the Welsh page's
  ``last_published_at`` is earlier than the English page's ``last_published_at``. Publishing
  is what changes what readers see, so publishing times are compared.
- **Snippets.** Every registered snippet model with ``TranslatableMixin`` is discovered
  (``get_snippet_models()``; this app knows no other app's models). An English instance
  (only a live one, for snippets with drafts) is listed when it has no Welsh version, when
  the Welsh version is not live (snippets with drafts), or when the Welsh version is older.
  Snippets have no publishing date, so "older" is decided from the records of change that
  exist: the English side's last change is its newest Wagtail log entry that changed its
  content (``ModelLogEntry.content_changed``: created, edited, published or reverted in the
  admin). The Welsh side's last change is the newest of its own such log entry and of
  wagtail-localize's ``TranslationLog`` (written each time wagtail-localize creates or
  updates the Welsh from the English, which Wagtail's log does not record). The Welsh is
  older when its last change is earlier than the English's, or when the English has been
  changed in the admin and the Welsh never has. When the English has no recorded change
  (content loaded by a command, never edited in the admin), nothing says it moved on, so
  it is not listed as older.
- **Still in English.** A live Welsh page or snippet that wagtail-localize made or updated
  from the English (it has a ``TranslationLog``) whose translatable text (every text field
  wagtail-localize translates that the English fills, the slug aside) is still exactly the
  English: a copy published before anyone translated it. A Welsh version written by hand
  with the same words (a place name such as Ceredigion) was written so on purpose.

The queries do not grow with the number of items: one for pages, two plus one per page type
for comparing words, two per translatable
snippet model, one for wagtail-localize's sources, plus the links for the rows shown.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Exists, F, OuterRef, Q, Subquery, TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.reports import ReportView
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, Locale, ModelLogEntry, Page, TranslatableMixin
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.fields import TranslatableField, get_translatable_fields
from wagtail_localize.models import TranslationLog, TranslationSource

WELSH = "cy"


class Reason:
    MISSING = "missing"
    NOT_LIVE = "not_live"
    ALIAS = "alias"
    UNTRANSLATED = "untranslated"
    OLDER = "older"

    LABELS = {
        MISSING: _("No Welsh version"),
        NOT_LIVE: _("Welsh version not published"),
        ALIAS: _("Welsh page shows the English"),
        UNTRANSLATED: _("Welsh version still in English"),
        OLDER: _("Welsh version older than the English"),
    }


@dataclass
class ParityItem:
    """One English page or snippet that needs work in Welsh."""

    english: object
    welsh: object | None
    reason: str
    is_page: bool
    english_changed: datetime | None = None
    welsh_changed: datetime | None = None
    links: list = field(default_factory=list)  # (label, url) for the user, set for shown rows
    english_url: str | None = None

    def __str__(self):
        return self.title

    @property
    def title(self):
        return self.english.title if self.is_page else str(self.english)

    @property
    def type_label(self):
        model = self.english.specific_class if self.is_page else type(self.english)
        return capfirst((model or Page)._meta.verbose_name)

    @property
    def reason_label(self):
        return Reason.LABELS[self.reason]


def can_see_report(user):
    """Everyone who writes or translates content; not a team that only sees member records."""
    if not (user.is_active and user.is_authenticated):
        return False
    return (
        user.is_superuser
        or user.has_perm("wagtail_localize.submit_translation")
        or PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"])
    )


def _locales():
    welsh = Locale.objects.filter(language_code=WELSH).first()
    english = Locale.get_default()
    if welsh is None or welsh == english:
        return None, None
    return english, welsh


def _pages(english, welsh):
    def of_welsh_page(field_name):
        welsh_page = Page.objects.filter(locale=welsh, translation_key=OuterRef("translation_key"))
        return Subquery(welsh_page.values(field_name)[:1])

    pages = (
        Page.objects.live()
        .filter(locale=english, depth__gt=1)
        .annotate(
            welsh_id=of_welsh_page("pk"),
            welsh_live=of_welsh_page("live"),
            welsh_alias_of=of_welsh_page("alias_of_id"),
            welsh_published=of_welsh_page("last_published_at"),
        )
        .filter(
            Q(welsh_id__isnull=True)
            | Q(welsh_live=False)
            | Q(welsh_alias_of__isnull=False)
            | Q(welsh_published__lt=F("last_published_at"))
        )
        .order_by("path")
    )
    pages = list(pages)
    welsh_pages = Page.objects.in_bulk([page.welsh_id for page in pages if page.welsh_id])
    items = []
    for page in pages:
        if page.welsh_id is None:
            reason = Reason.MISSING
        elif not page.welsh_live:
            reason = Reason.NOT_LIVE
        elif page.welsh_alias_of is not None:
            reason = Reason.ALIAS
        else:
            reason = Reason.OLDER
        items.append(
            ParityItem(
                english=page,
                welsh=welsh_pages.get(page.welsh_id),
                reason=reason,
                is_page=True,
                english_changed=page.last_published_at,
                welsh_changed=page.welsh_published,
            )
        )
    return items


def _text_fields(model):
    """The model's fields that hold words to translate (the slug is an address, not words)."""
    fields = []
    for translatable in get_translatable_fields(model):
        if not isinstance(translatable, TranslatableField) or translatable.field_name == "slug":
            continue
        model_field = translatable.get_field(model)
        if isinstance(model_field, StreamField | RichTextField | TextField | CharField) and not (
            getattr(model_field, "choices", None)
        ):
            fields.append(model_field)
    return fields


def still_in_english(english, welsh):
    """Whether the Welsh instance's words are all exactly the English ones."""
    compared = 0
    for model_field in _text_fields(type(english)):
        english_text = model_field.value_to_string(english)
        if not english_text or english_text in ("[]", "None"):
            continue
        if model_field.value_to_string(welsh) != english_text:
            return False
        compared += 1
    return compared > 0


def _untranslated_pages(english, welsh, already_listed):
    made_by_localize = TranslationLog.objects.filter(
        source__object_id=OuterRef("translation_key"), locale=welsh
    )
    welsh_pages = {
        page.translation_key: page
        for page in Page.objects.live()
        .filter(Exists(made_by_localize), locale=welsh, alias_of__isnull=True)
        .specific()
    }
    sources = (
        Page.objects.live()
        .filter(locale=english, translation_key__in=list(welsh_pages))
        .exclude(pk__in=already_listed)
        .specific()
        .order_by("path")
    )
    items = []
    for page in sources:
        translation = welsh_pages[page.translation_key]
        if type(translation) is type(page) and still_in_english(page, translation):
            items.append(
                ParityItem(
                    english=page,
                    welsh=translation,
                    reason=Reason.UNTRANSLATED,
                    is_page=True,
                    english_changed=page.last_published_at,
                    welsh_changed=translation.last_published_at,
                )
            )
    return items


def translatable_snippet_models():
    return [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]


def _last_content_change(model):
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    return Subquery(
        ModelLogEntry.objects.filter(
            content_type=content_type,
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
            content_changed=True,
        )
        .order_by("-timestamp")
        .values("timestamp")[:1]
    )


def _latest(*moments):
    known = [moment for moment in moments if moment is not None]
    return max(known) if known else None


def _snippets(model, english, welsh):
    has_drafts = issubclass(model, DraftStateMixin)
    manager = model._default_manager
    sources = manager.filter(locale=english)
    if has_drafts:
        sources = sources.filter(live=True)
    sources = sources.annotate(last_changed=_last_content_change(model))
    translations = {
        instance.translation_key: instance
        for instance in manager.filter(locale=welsh).annotate(
            last_changed=_last_content_change(model),
            localize_changed=Subquery(
                TranslationLog.objects.filter(
                    source__object_id=OuterRef("translation_key"), locale=welsh
                )
                .order_by("-created_at")
                .values("created_at")[:1]
            ),
        )
    }
    items = []
    for source in sources:
        translation = translations.get(source.translation_key)
        welsh_changed = None
        if translation is None:
            reason = Reason.MISSING
        else:
            welsh_changed = _latest(translation.last_changed, translation.localize_changed)
            if has_drafts and not translation.live:
                reason = Reason.NOT_LIVE
            elif translation.localize_changed is not None and still_in_english(source, translation):
                reason = Reason.UNTRANSLATED
            elif source.last_changed is not None and (
                welsh_changed is None or welsh_changed < source.last_changed
            ):
                reason = Reason.OLDER
            else:
                continue
        items.append(
            ParityItem(
                english=source,
                welsh=translation,
                reason=reason,
                is_page=False,
                english_changed=source.last_changed,
                welsh_changed=welsh_changed,
            )
        )
    items.sort(key=lambda item: item.title.casefold())
    return items


def welsh_parity_items():
    """Every live English page and snippet without an up-to-date, live Welsh version."""
    english, welsh = _locales()
    if english is None:
        return []
    items = _pages(english, welsh)
    items.extend(_untranslated_pages(english, welsh, [item.english.pk for item in items]))
    items.sort(key=lambda item: item.english.path)
    snippet_models = sorted(
        translatable_snippet_models(), key=lambda model: str(model._meta.verbose_name_plural)
    )
    for model in snippet_models:
        items.extend(_snippets(model, english, welsh))
    return items


class ParityLinks:
    """The links one user may follow from the report's rows (their rights decide)."""

    def __init__(self, user):
        self.user = user
        self.finder = AdminURLFinder(user)
        self.can_submit = user.has_perm("wagtail_localize.submit_translation")

    def add_to(self, items):
        sources = {}
        if self.can_submit:
            older = [item.english for item in items if item.reason == Reason.OLDER]
            sources = dict(
                TranslationSource.objects.filter(
                    object_id__in=[english.translation_key for english in older],
                    locale_id__in={english.locale_id for english in older},
                ).values_list("object_id", "pk")
            )
        for item in items:
            item.english_url = self.finder.get_edit_url(item.english)
            item.links = self.links_for(item, sources)
        return items

    def links_for(self, item, sources):
        links = []
        if item.reason == Reason.MISSING:
            if self.can_submit:
                links.append((_("Translate into Welsh"), self.submit_url(item.english)))
            return links
        source_id = sources.get(item.english.translation_key)
        if item.reason == Reason.OLDER and source_id is not None:
            links.append(
                (
                    _("Update the Welsh from the English"),
                    reverse("wagtail_localize:update_translations", args=[source_id]),
                )
            )
        edit_url = self.finder.get_edit_url(item.welsh)
        if edit_url:
            links.append((_("Edit the Welsh version"), edit_url))
        return links

    def submit_url(self, instance):
        if isinstance(instance, Page):
            return reverse("wagtail_localize:submit_page_translation", args=[instance.pk])
        meta = instance._meta
        return reverse(
            "wagtail_localize:submit_snippet_translation",
            args=[meta.app_label, meta.model_name, str(instance.pk)],
        )


class WelshParityReportView(ReportView):
    template_name = "pages/reports/welsh_parity.html"
    results_template_name = "pages/reports/welsh_parity_results.html"
    page_title = _("Welsh parity")
    header_icon = "site"
    index_url_name = "pages_welsh_parity"
    index_results_url_name = "pages_welsh_parity_results"
    paginate_by = 50

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.is_export = False  # the rows are links to work on, not data to take away

    def dispatch(self, request, *args, **kwargs):
        if not can_see_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return welsh_parity_items()

    def decorate_paginated_queryset(self, object_list):
        return ParityLinks(self.request.user).add_to(list(object_list))

    @cached_property
    def no_results_message(self):
        return _("Every live page and snippet has an up-to-date Welsh version.")


class WelshParityMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_report(request.user)


class WelshParityPanel(Component):
    """The admin home page's count of items waiting for Welsh, with a link to the report."""

    name = "welsh_parity"
    template_name = "pages/admin/welsh_parity_panel.html"
    order = 120

    def get_context_data(self, parent_context=None):
        items = welsh_parity_items()
        return {
            "count": len(items),
            "pages": sum(1 for item in items if item.is_page),
            "snippets": sum(1 for item in items if not item.is_page),
            "report_url": reverse("pages_welsh_parity"),
        }

"""Welsh versions go through the same "Review before publishing" as English ones.

wagtail-localize's translation editor offers only "Publish", and only to those who may
publish, which would put a translation live at once and outside the review. Instead:

- the translator (or anyone who may edit the page) sends the translation for review: the
  translated words are saved as a draft revision and the page's workflow starts, so the
  reviewers are told by Wagtail's workflow notifications and approve it (which publishes)
  or ask for changes, as with any English page;
- "Publish" in the translation editor does the same for those who may publish, rather than
  skipping the review;
- a translation whose words are not all translated cannot be sent, so no English reaches a
  Welsh page that way;
- the address (slug) is one of the words to translate; left untranslated, it is made from
  the translated title, so a Welsh page never keeps an English address.

Snippets with draft states (partners, topics) have no review: a Welsh copy made by
"Translate" is a draft, and "Publish" in the translation editor puts it live only once all
of its text is translated (its slug, left untranslated, made from its translated name).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button
from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin
from wagtail_localize.models import StringSegment, StringTranslation, Translation


def synced_translation(page):
    """wagtail-localize's record for a page (or snippet) being translated in its editor,
    or None."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def _translated(segment, locale):
    return StringTranslation.objects.filter(
        translation_of_id=segment.string_id,
        context_id=segment.context_id,
        locale=locale,
        has_error=False,
    ).first()


def translate_slug_from_title(translation, user, title_path="title"):
    """Give the address the translated title's words when the translator left it as it was."""
    segments = {
        segment.context.path: segment
        for segment in StringSegment.objects.filter(
            source=translation.source, context__path__in=["slug", title_path]
        ).select_related("context")
    }
    slug, title = segments.get("slug"), segments.get(title_path)
    if slug is None or title is None or _translated(slug, translation.target_locale):
        return
    translated_title = _translated(title, translation.target_locale)
    new_slug = slugify(translated_title.data, allow_unicode=True) if translated_title else ""
    if new_slug:
        StringTranslation.objects.create(
            translation_of_id=slug.string_id,
            context_id=slug.context_id,
            locale=translation.target_locale,
            data=new_slug,
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            last_translated_by=user,
        )


def send_for_review(request, page, translation):
    """Save the translation as a draft and start the review. Returns a redirect."""
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    workflow = page.get_workflow()
    if workflow is None or not workflow.active:
        messages.error(request, _("This page has no review to send it to."))
        return redirect(edit_url)
    if page.workflow_in_progress:
        messages.info(request, _("The Welsh version is already waiting for review."))
        return redirect(edit_url)
    with transaction.atomic():
        translate_slug_from_title(translation, request.user)
        total, translated = translation.get_progress()
        if translated < total:
            messages.error(
                request,
                _(
                    "Translate all of the text (%(left)s left) before sending the Welsh version "
                    "for review."
                )
                % {"left": total - translated},
            )
            return redirect(edit_url)
        translation.save_target(user=request.user, publish=False)
        page = Page.objects.get(pk=page.pk).specific
        workflow.start(page, request.user)
    messages.success(
        request,
        _("“%(title)s” was sent for review. A reviewer will approve it or ask for changes.")
        % {"title": page.get_admin_display_title()},
    )
    return redirect(edit_url)


class SubmitTranslationForReviewView(WagtailAdminTemplateMixin, TemplateView):
    """The translator's "Send for review": a confirmation, then the review starts."""

    template_name = "pages/admin/submit_translation_for_review.html"
    header_icon = "resubmit"

    def get_page_title(self):
        return _("Send the translation for review")

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(Page, pk=page_id).specific
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        self.translation = synced_translation(self.page)
        if self.translation is None:
            # Not translated in wagtail-localize's editor: Wagtail's own editor has "Submit".
            return redirect("wagtailadmin_pages:edit", self.page.pk)
        return super().dispatch(request, page_id)

    def post(self, request, page_id):
        return send_for_review(request, self.page, self.translation)

    def get_context_data(self, **kwargs):
        total, translated = self.translation.get_progress()
        return super().get_context_data(
            page=self.page,
            left=total - translated,
            in_review=self.page.workflow_in_progress,
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
            **kwargs,
        )


def publish_through_review(request, page):
    """before_edit_page: the translation editor's "Publish" sends the translation for review."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    translation = synced_translation(page)
    if translation is None:
        return None
    if not page.permissions_for_user(request.user).can_publish():
        return None  # wagtail-localize refuses it
    return send_for_review(request, page, translation)


class SubmitTranslationForReviewButton(Button):
    """In the page's "More" menu and header: shown on pages being translated in the editor."""

    def __init__(self, page, user, priority=105):
        super().__init__(
            _("Send the translation for review"),
            reverse("pages_submit_translation_for_review", args=[page.pk]),
            icon_name="resubmit",
            priority=priority,
        )
        self.page, self.user = page, user

    @cached_property
    def show(self):
        return (
            self.page.locale_id != Locale.get_default().pk
            and not self.page.workflow_in_progress
            and self.page.permissions_for_user(self.user).can_edit()
            and synced_translation(self.page) is not None
        )


def publish_snippet_when_translated(request, instance):
    """before_edit_snippet: "Publish" in the translation editor of a snippet with draft
    states puts the Welsh live only once every word is translated."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    if not (isinstance(instance, DraftStateMixin) and isinstance(instance, TranslatableMixin)):
        return None
    translation = synced_translation(instance)
    if translation is None:
        return None
    with transaction.atomic():
        translate_slug_from_title(translation, request.user, title_path="name")
        total, translated = translation.get_progress()
    if translated < total:
        messages.error(
            request,
            _("Translate all of the text (%(left)s left) before publishing the Welsh version.")
            % {"left": total - translated},
        )
        return redirect(request.get_full_path())
    return None  # wagtail-localize publishes it

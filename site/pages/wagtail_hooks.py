from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pages.double_submit import existing_creation, remember_creation
from pages.models import Navigation, SupportService
from pages.reports import (
    WelshParityMenuItem,
    WelshParityPanel,
    WelshParityReportView,
    can_see_report,
)
from pages.translation_review import (
    SubmitTranslationForReviewButton,
    SubmitTranslationForReviewView,
    publish_snippet_when_translated,
    publish_through_review,
)


class SupportServiceViewSet(SnippetViewSet):
    model = SupportService
    icon = "help"
    menu_label = _("Support services")
    add_to_admin_menu = True
    menu_order = 300
    list_display = [
        "name",
        "locale",
        "category",
        "phone",
        BooleanColumn("open_24_hours", label=_("24 hours")),
        BooleanColumn("needs_checking", label=_("Needs checking")),
    ]
    list_filter = ["category", "needs_checking", "open_24_hours"]
    search_fields = ["name", "helps_with"]


class NavigationViewSet(SnippetViewSet):
    model = Navigation
    icon = "list-ul"
    menu_label = _("Navigation and footer")
    list_display = ["network_name", "locale"]


register_snippet(SupportServiceViewSet)
register_snippet(NavigationViewSet)


# The Welsh parity report (Reports menu) and its count on the admin home page.


@hooks.register("register_admin_urls")
def register_welsh_parity_urls():
    return [
        path("reports/welsh-parity/", WelshParityReportView.as_view(), name="pages_welsh_parity"),
        path(
            "reports/welsh-parity/results/",
            WelshParityReportView.as_view(results_only=True),
            name="pages_welsh_parity_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_welsh_parity_menu_item():
    return WelshParityMenuItem(
        _("Welsh parity"),
        reverse("pages_welsh_parity"),
        name="welsh-parity",
        icon_name="site",
        order=850,
    )


@hooks.register("construct_homepage_panels")
def add_welsh_parity_panel(request, panels):
    if can_see_report(request.user):
        panels.append(WelshParityPanel())


# The same "add page" form sent twice (double click, autosave racing the button) makes one page.


@hooks.register("before_create_page")
def land_on_the_page_already_created(request, parent_page, page_class):
    return existing_creation(request, parent_page, page_class)


@hooks.register("after_create_page")
def remember_the_page_created(request, page):
    remember_creation(request, page)


# Welsh versions made in wagtail-localize's editor go through "Review before publishing".


@hooks.register("register_admin_urls")
def register_translation_review_urls():
    return [
        path(
            "pages/<int:page_id>/send-translation-for-review/",
            SubmitTranslationForReviewView.as_view(),
            name="pages_submit_translation_for_review",
        )
    ]


# Before wagtail-localize's own hook, which would publish at once.
@hooks.register("before_edit_page", order=-10)
def publish_translations_through_review(request, page):
    return publish_through_review(request, page)


# Before wagtail-localize's own hook, which would publish whatever is left in English.
@hooks.register("before_edit_snippet", order=-10)
def publish_snippet_translations_when_translated(request, instance):
    return publish_snippet_when_translated(request, instance)


@hooks.register("register_page_listing_more_buttons")
def translation_review_listing_button(page, user, next_url=None, view_name=None):
    yield SubmitTranslationForReviewButton(page, user)


@hooks.register("register_page_header_buttons")
def translation_review_header_button(page, user, view_name=None, next_url=None):
    yield SubmitTranslationForReviewButton(page, user)

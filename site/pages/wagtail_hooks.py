from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pages.models import Navigation, SupportService


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

"""The admin viewsets: member records for the engagement team, and the editable lists."""

from django.urls import path
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.utils.urlpatterns import decorate_urlpatterns

from ..models import Area, CrimeType, DemographicOption, Member, PrivacyNotice
from ..permissions import ANY_MEMBER_ACCESS, access_required, member_policy
from . import actions, views
from .forms import MemberForm, NewMemberForm

member_access_required = access_required(member_policy, ANY_MEMBER_ACCESS)


class MemberViewSet(ModelViewSet):
    model = Member
    name = "members"
    url_namespace = views.NAMESPACE
    icon = "group"
    add_to_admin_menu = True
    menu_order = 150
    list_per_page = 50
    # The reference index would track links from member records; nothing needs it.
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = views.MemberIndexView
    inspect_view_class = views.MemberRecordView
    edit_view_class = views.MemberEditView
    add_view_class = views.MemberCreateView

    # Removed on purpose: "delete" (erasing is the audited way to remove a person's data)
    # and "usage" (member records are not referenced from content).
    REMOVED_VIEWS = {"delete", "usage"}

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs["delete_url_name"] = None
        view_kwargs["usage_url_name"] = None
        return view_kwargs

    def get_form_class(self, for_update=False):
        return MemberForm if for_update else NewMemberForm

    def get_urlpatterns(self):
        patterns = [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name not in self.REMOVED_VIEWS
        ]
        patterns += [
            path("find/", views.MemberLookupView.as_view(), name="lookup"),
            path("export/", views.MemberExportView.as_view(), name="export"),
            path(
                "subject-access/<int:pk>/",
                views.SubjectAccessView.as_view(),
                name="subject_access",
            ),
            path("confirm/<int:pk>/", actions.ConfirmView.as_view(), name="confirm"),
            path("renew/<int:pk>/", actions.RenewView.as_view(), name="renew"),
            path("withdraw/<int:pk>/", actions.WithdrawView.as_view(), name="withdraw"),
            path("erase/<int:pk>/", actions.EraseView.as_view(), name="erase"),
            path("consent/<int:pk>/", actions.ConsentView.as_view(), name="consent"),
            path("merge/<int:pk>/", actions.MergeView.as_view(), name="merge"),
            path(
                "confirm-phone/<int:pk>/", actions.ConfirmPhoneView.as_view(), name="confirm_phone"
            ),
            path(
                "changes-checked/<int:pk>/",
                actions.ChangesCheckedView.as_view(),
                name="changes_checked",
            ),
            path(
                "withdrawal-link/<int:pk>/",
                actions.WithdrawalLinkView.as_view(),
                name="withdrawal_link",
            ),
        ]
        return decorate_urlpatterns(patterns, member_access_required)


# --- the editable lists ---------------------------------------------------------------


class ListEntryViewSet(SnippetViewSet):
    list_display = ["name", "locale", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class AreaViewSet(ListEntryViewSet):
    model = Area
    icon = "site"


class CrimeTypeViewSet(ListEntryViewSet):
    model = CrimeType
    icon = "tag"


class DemographicOptionViewSet(ListEntryViewSet):
    model = DemographicOption
    icon = "list-ul"
    list_display = ["name", "kind", "locale", "sort_order"]
    list_filter = ["kind"]


class PrivacyNoticeViewSet(SnippetViewSet):
    model = PrivacyNotice
    icon = "doc-full"
    list_display = ["version", "effective_from", "locale"]
    ordering = ["-effective_from"]

"""The activity page's "Telling participants" part: per story, who was emailed, who staff
must tell (and marking them told), and who has no safe way to be told."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from wagtail.admin import messages

from ..models import EngagementActivity, ParticipantNotice, StoryPage
from ..notify import mark_told, tellable_members
from ..permissions import can, may_see_targeting
from .base import activity_url, refuse_targeting

Outcome = ParticipantNotice.Outcome

# Notices staff can mark as told: those waiting for them, and emails that did not go.
STAFF_CAN_TELL = (Outcome.STAFF_TO_TELL, Outcome.FAILED)


def activity_page_url(activity):
    return activity_url("inspect", activity, anchor="telling-participants")


class MarkToldView(View):
    """POST only: staff told this participant themselves. Audited on the member."""

    http_method_names = ["post"]

    def post(self, request, pk, notice_pk):
        if not can(request.user, "change", ParticipantNotice):
            raise PermissionDenied
        activity = get_object_or_404(EngagementActivity, pk=pk)
        if not may_see_targeting(request.user, activity):
            return refuse_targeting(request, activity)
        notice = get_object_or_404(
            ParticipantNotice.objects.select_related("invitation__member"),
            pk=notice_pk,
            invitation__activity=activity,
        )
        member = notice.invitation.member
        if notice.outcome not in STAFF_CAN_TELL:
            messages.error(
                request,
                _("%(reference)s is not waiting to be told.") % {"reference": member.reference},
            )
        elif not tellable_members().filter(pk=member.pk).exists():
            messages.error(
                request,
                _("%(reference)s may no longer be contacted, so cannot be told.")
                % {"reference": member.reference},
            )
        else:
            with transaction.atomic():
                mark_told(notice, request.user)
            messages.success(
                request,
                _("%(reference)s is recorded as told about the story.")
                % {"reference": member.reference},
            )
        return redirect(activity_page_url(activity))


urlpatterns = [
    path(
        "<int:pk>/notices/<int:notice_pk>/told/",
        MarkToldView.as_view(),
        name="mark_notice_told",
    ),
]


def story_title(versions, language):
    """The story's title in the admin's language when there is that version."""
    for page in versions:
        if page.locale.language_code == language:
            return page.title
    return versions[0].title


def story_groups(activity):
    """One entry per story (all its languages together), with its notices sorted by list."""
    pages = list(StoryPage.objects.filter(activity=activity).select_related("locale"))
    notices = list(
        ParticipantNotice.objects.filter(invitation__activity=activity)
        .select_related("invitation__member")
        # The page names members by reference only: nothing else is loaded (or decrypted).
        .only(
            "story_key",
            "outcome",
            "channel",
            "completed_at",
            "invitation__member__reference",
        )
        .order_by("invitation__member__reference", "pk")
    )
    keys = [page.translation_key for page in pages] + [notice.story_key for notice in notices]
    keys = list(dict.fromkeys(keys))
    member_ids = {notice.invitation.member_id for notice in notices}
    tellable = set(tellable_members().filter(pk__in=member_ids).values_list("pk", flat=True))
    language = translation.get_language() or "en"
    groups = []
    for key in keys:
        versions = [page for page in pages if page.translation_key == key]
        mine = [notice for notice in notices if notice.story_key == key]
        published = [page.first_published_at for page in versions if page.first_published_at]
        for notice in mine:
            notice.member = notice.invitation.member
            notice.may_contact = notice.member.pk in tellable
        groups.append(
            {
                "key": key,
                "title": story_title(versions, language) if versions else None,
                "first_published_at": min(published) if published else None,
                "emailed": [
                    n for n in mine if n.outcome in (Outcome.SENT, Outcome.QUEUED, Outcome.FAILED)
                ],
                "to_tell": [n for n in mine if n.outcome in STAFF_CAN_TELL],
                "told": [n for n in mine if n.outcome == Outcome.TOLD_BY_STAFF],
                "no_channel": [n for n in mine if n.outcome == Outcome.NO_SAFE_CHANNEL],
                "count": len(mine),
            }
        )
    return groups


def page_context(request, activity):
    return {
        "story_notices": story_groups(activity),
        "can_mark_told": can(request.user, "change", ParticipantNotice),
    }

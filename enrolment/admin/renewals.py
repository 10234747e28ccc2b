"""The renewals panel on the admin dashboard, for the engagement team only.

Who asked to be called about renewing (the reference and a link to the record, never a
name), renewals and members not renewing in the last 30 days, how many were asked and have
not answered, and renewal messages waiting for staff: letters, calls, and members with no
safe channel. A fixed number of queries however many members there are.
"""

import datetime

from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from ..models import Member, MemberMessage
from ..permissions import ANY_MEMBER_ACCESS, member_policy

Answer = Member.RenewalAnswer
RECENT_DAYS = 30
SHOWN = 20
# Renewal messages staff must act on, by the state send() left them in.
WAITING_STATES = (
    MemberMessage.State.TO_PRINT,
    MemberMessage.State.TO_CALL,
    MemberMessage.State.NOT_SENT,
)


def record_url(member_id):
    return reverse("enrolment_members:inspect", args=[member_id])


def rows(queryset, date_field):
    """[{reference, url, date}] for the first SHOWN members; only what the panel shows."""
    return [
        {"reference": reference, "url": record_url(pk), "date": date, "term_ends_on": ends}
        for pk, reference, date, ends in queryset.values_list(
            "pk", "reference", date_field, "term_ends_on"
        )[:SHOWN]
    ]


def listing(queryset, date_field):
    return {"count": queryset.count(), "rows": rows(queryset, date_field)}


class RenewalPanel(Component):
    name = "renewals"
    template_name = "enrolment/admin/renewal_panel.html"
    order = 60  # just below the engagement panel

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
        members = Member.objects.order_by()
        this_term = members.filter(renewal_asked_for=F("term_ends_on"))
        answered_recently = members.filter(renewal_answered_at__gte=since)
        waiting = (
            MemberMessage.objects.filter(
                kind=MemberMessage.Kind.RENEWAL,
                state__in=WAITING_STATES,
                member__status=Member.Status.ACTIVE,
                member__renewal_asked_for=F("member__term_ends_on"),
            )
            .order_by("created_at", "pk")
            .values_list("state", "member_id", "member__reference", "created_at")
        )
        by_state = {state: [] for state in WAITING_STATES}
        for state, member_id, reference, created_at in waiting:
            by_state[state].append(
                {"reference": reference, "url": record_url(member_id), "date": created_at}
            )
        context.update(
            {
                "recent_days": RECENT_DAYS,
                "call": listing(
                    this_term.filter(
                        renewal_answer=Answer.CALL, status=Member.Status.ACTIVE
                    ).order_by("renewal_answered_at", "pk"),
                    "renewal_answered_at",
                ),
                "renewed": listing(
                    answered_recently.filter(renewal_answer=Answer.YES).order_by(
                        "-renewal_answered_at", "-pk"
                    ),
                    "renewal_answered_at",
                ),
                "leaving": listing(
                    answered_recently.filter(renewal_answer=Answer.NO).order_by(
                        "-renewal_answered_at", "-pk"
                    ),
                    "renewal_answered_at",
                ),
                "unanswered": this_term.filter(
                    status=Member.Status.ACTIVE, renewal_answer=""
                ).count(),
                "to_print": by_state[MemberMessage.State.TO_PRINT][:SHOWN],
                "to_call": by_state[MemberMessage.State.TO_CALL][:SHOWN],
                "no_channel": by_state[MemberMessage.State.NOT_SENT][:SHOWN],
                "shown": SHOWN,
            }
        )
        return context


def add_renewal_panel(request, panels):
    """construct_homepage_panels: only someone with access to member records sees it."""
    if member_policy().user_has_any_permission(request.user, ANY_MEMBER_ACCESS):
        panels.append(RenewalPanel())

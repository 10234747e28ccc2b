"""Which members to propose for an activity, and by which channel each may be contacted.

An activity's target criteria narrow the active, contactable membership; an empty
criterion means "anyone". Some members are always left out, whatever the criteria:

- anyone not active (pending, withdrawn, lapsed, erased), or whose term has ended;
- anyone without a current consent to be contacted about engagement;
- anyone already invited to this activity, or to any activity in the last
  ``ImpactSettings.recent_invitation_days`` days, so nobody is asked too often;
- anyone whose safe-contact plan rules out every channel the activity uses.

The safe-contact plan depends on encrypted contact details (a channel is safe only if it is
marked safe AND the detail it needs is on file), which SQL cannot read. So everything else is
narrowed in SQL first, and only the members left are checked in Python. The number of
queries does not grow with the number of members.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.utils import timezone

from enrolment.models import DemographicOption, Member

from .models import ImpactSettings, Invitation
from .models.activities import Channel

# The member fields the proposal list and the channel check read. Nothing else is loaded,
# so nothing else is decrypted.
LOADED_FIELDS = (
    "pk",
    "reference",
    "status",
    "language",
    "area_id",
    "preferred_contact",
    "email",
    "phone",
    "address",
    "email_safe",
    "phone_safe",
    "text_safe",
    "letter_safe",
)


@dataclass
class Proposal:
    """One member to propose, the channels the activity may use for them, and a suggestion."""

    member: Member
    channels: list
    suggested: str


@dataclass
class Targeting:
    """The proposed members, and how many were left out for each reason (each member is
    counted once, under the first reason that applies, in the order of LEFT_OUT_REASONS)."""

    proposals: list
    left_out: dict = field(default_factory=dict)


# The channel of an invitation the product could not deliver (no safe channel): the
# member was never asked, so it does not count as a recent invitation.
NOT_CONTACTED = ""

# Reasons a member is left out, in the order they are checked.
NOT_ACTIVE = "not_active"
TERM_ENDED = "term_ended"
NO_CONSENT = "no_consent"
NOT_MATCHING = "not_matching"
ALREADY_INVITED = "already_invited"
RECENTLY_INVITED = "recently_invited"
NO_SAFE_CHANNEL = "no_safe_channel"
LEFT_OUT_REASONS = (
    NOT_ACTIVE,
    TERM_ENDED,
    NO_CONSENT,
    NOT_MATCHING,
    ALREADY_INVITED,
    RECENTLY_INVITED,
    NO_SAFE_CHANNEL,
)


def activity_channels(activity):
    """The activity's channels, in the usual order, ignoring anything that is not one."""
    channels = activity.channels if isinstance(activity.channels, list) else []
    chosen = {channel for channel in channels if isinstance(channel, str)}
    return [channel for channel in Channel.values if channel in chosen]


def allowed_channels(member, channels):
    """The channels (of those given) that the member's safe-contact plan allows."""
    safe = set(member.safe_channels)
    return [channel for channel in channels if channel in safe]


def suggested_channel(member, allowed):
    """The member's preferred way if it is allowed, else the first allowed one."""
    if member.preferred_contact in allowed:
        return member.preferred_contact
    return allowed[0] if allowed else ""


def recent_cutoff(today, days):
    """The start of the first day inside the rest period: invitations from then on count."""
    first_day = today - datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(first_day, datetime.time.min))


def matching_criteria(members, activity):
    """Members matching the activity's target criteria (each empty criterion: anyone)."""
    area_ids = [area.pk for area in activity.target_areas.all()]
    if area_ids:
        members = members.filter(area_id__in=area_ids)
    if activity.target_language:
        members = members.filter(language=activity.target_language)
    how_affected = [value for value in activity.target_how_affected or [] if isinstance(value, str)]
    if how_affected:
        members = members.filter(how_affected__in=how_affected)
    crime_type_ids = [entry.pk for entry in activity.target_crime_types.all()]
    if crime_type_ids:
        through = Member.crime_types.through
        members = members.filter(
            Exists(through.objects.filter(member=OuterRef("pk"), crimetype_id__in=crime_type_ids))
        )
    # Within each question chosen, any answer matches; questions not chosen do not filter.
    by_kind = {}
    for option in activity.target_demographics.all():
        by_kind.setdefault(option.kind, []).append(option.pk)
    for kind, option_ids in by_kind.items():
        if kind in DemographicOption.Kind.values:  # the kind names the member's field
            members = members.filter(**{f"{kind}_id__in": option_ids})
    if activity.match_methods:
        method_ids = [method.pk for method in activity.methods.all()]
        # With no methods on the activity yet there is nothing to match against.
        if method_ids:
            through = Member.methods.through
            members = members.filter(
                Exists(
                    through.objects.filter(
                        member=OuterRef("pk"), engagementmethod_id__in=method_ids
                    )
                )
            )
    return members


def propose(activity, today=None, with_counts=True):
    """The members to propose for the activity, and (optionally) who was left out and why."""
    today = today or timezone.localdate()
    recent_days = ImpactSettings.load().recent_invitation_days
    channels = activity_channels(activity)
    members = Member.objects.all()
    steps = [
        (NOT_ACTIVE, lambda qs: qs.filter(status=Member.Status.ACTIVE)),
        (
            TERM_ENDED,
            lambda qs: qs.exclude(term_ends_on__lt=today),
        ),
        (NO_CONSENT, lambda qs: qs.contactable()),
        (NOT_MATCHING, lambda qs: matching_criteria(qs, activity)),
        (
            ALREADY_INVITED,
            lambda qs: qs.exclude(
                Exists(Invitation.objects.filter(member=OuterRef("pk"), activity=activity))
            ),
        ),
        (
            RECENTLY_INVITED,
            lambda qs: (
                qs.exclude(
                    Exists(
                        Invitation.objects.filter(
                            member=OuterRef("pk"),
                            invited_at__gte=recent_cutoff(today, recent_days),
                        ).exclude(channel=NOT_CONTACTED)
                    )
                )
                if recent_days
                else qs
            ),
        ),
    ]
    left_out = {}
    before = members.count() if with_counts else None
    for reason, narrow in steps:
        members = narrow(members)
        if with_counts:
            after = members.count()
            left_out[reason] = before - after
            before = after
    proposals = []
    unsafe = 0
    for member in members.only(*LOADED_FIELDS).order_by("reference"):
        allowed = allowed_channels(member, channels)
        if not allowed:
            unsafe += 1
            continue
        proposals.append(Proposal(member, allowed, suggested_channel(member, allowed)))
    if with_counts:
        left_out[NO_SAFE_CHANNEL] = unsafe
    return Targeting(proposals, left_out)


def proposed_members(activity, today=None):
    """[Proposal(member, channels, suggested)] for the activity, ordered by reference."""
    return propose(activity, today=today, with_counts=False).proposals

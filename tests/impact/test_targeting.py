"""Targeting: from an activity's criteria, the members to propose and the channels for each.

A population built with factories holds every kind of member that must be left out, and
eligible members of every kind that must be included. The proposal must be exactly right:
nobody left out who should be asked, nobody asked who should not be.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from enrolment.models import (
    Area,
    ConsentRecord,
    CrimeType,
    DemographicOption,
    EngagementMethod,
    Member,
    PrivacyNotice,
    Purpose,
)
from impact import targeting
from impact.models import ImpactSettings
from impact.targeting import propose, proposed_members
from tests.factories import ActivityFactory, InvitationFactory, MemberFactory

pytestmark = pytest.mark.django_db

S = Member.Status
C = Member.ContactMethod


def proposed(activity, **kwargs):
    return {proposal.member.pk for proposal in proposed_members(activity, **kwargs)}


def refs(*members):
    return {member.pk for member in members}


def at_noon(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def days_ago(days):
    return at_noon(timezone.localdate() - datetime.timedelta(days=days))


def withdraw_consent_leaving_status(member):
    """A current "no" to contact on a record still marked active (as after a merge or an
    import): the consent check must catch it on its own, not through the status."""
    notice = PrivacyNotice.current(Locale.objects.get(language_code=member.language))
    ConsentRecord.objects.create(
        member=member,
        purpose=Purpose.CONTACT,
        granted=False,
        notice=notice,
        notice_version=notice.version,
        language=member.language,
        channel=ConsentRecord.Channel.STAFF,
    )


def demographic(kind, index=0):
    return DemographicOption.objects.canonical().filter(kind=kind, prefer_not_to_say=False)[index]


@pytest.fixture
def settings_days():
    settings = ImpactSettings.load()
    settings.recent_invitation_days = 90
    settings.save()
    return settings


# --- who is always left out -------------------------------------------------------------


@pytest.fixture
def population(settings_days):
    """Every kind of member who must be left out of any activity, and some who must not."""
    activity = ActivityFactory()
    other_activity = ActivityFactory()
    erased = MemberFactory()
    erased.erase()
    term_ended = MemberFactory()
    Member.objects.filter(pk=term_ended.pk).update(
        term_ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    consent_withdrawn = MemberFactory()
    notice = PrivacyNotice.current(Locale.objects.get(language_code="en"))
    consent_withdrawn.record_consent(
        Purpose.CONTACT, False, notice=notice, channel=ConsentRecord.Channel.PHONE
    )
    consent_withdrawn_still_active = MemberFactory()
    withdraw_consent_leaving_status(consent_withdrawn_still_active)
    never_consented = Member.objects.create(
        name="Never Asked", email="never.asked@example.org", email_safe=True, status=S.ACTIVE
    )
    never_consented.confirm()
    already_invited = MemberFactory()
    InvitationFactory(activity=activity, member=already_invited, invited_at=days_ago(400))
    invited_elsewhere_recently = MemberFactory()
    InvitationFactory(
        activity=other_activity, member=invited_elsewhere_recently, invited_at=days_ago(10)
    )
    invited_on_the_last_day_of_the_rest = MemberFactory()
    InvitationFactory(
        activity=other_activity,
        member=invited_on_the_last_day_of_the_rest,
        invited_at=days_ago(90),
    )
    left_out = {
        "pending": MemberFactory(status=S.PENDING),
        "withdrawn": MemberFactory(status=S.WITHDRAWN),
        "lapsed": MemberFactory(status=S.LAPSED),
        "erased": erased,
        "term ended": term_ended,
        "consent withdrawn": consent_withdrawn,
        "consent withdrawn, status still active": consent_withdrawn_still_active,
        "never consented": never_consented,
        "no safe channel at all": MemberFactory(email_safe=False),
        "email safe but no email held": MemberFactory(
            email="", phone="07700 900111", email_safe=True, phone_safe=False
        ),
        "already invited": already_invited,
        "invited elsewhere 10 days ago": invited_elsewhere_recently,
        "invited elsewhere 90 days ago": invited_on_the_last_day_of_the_rest,
    }
    invited_just_outside = MemberFactory()
    InvitationFactory(activity=other_activity, member=invited_just_outside, invited_at=days_ago(91))
    term_ends_today = MemberFactory()
    Member.objects.filter(pk=term_ends_today.pk).update(term_ends_on=timezone.localdate())
    included = {
        "plain active member": MemberFactory(),
        "invited elsewhere 91 days ago": invited_just_outside,
        "term ends today": term_ends_today,
        "Welsh speaker": MemberFactory(language=Member.Language.WELSH, name="Siân Ŵyn Prŷs"),
        "phone only": MemberFactory(
            email="", phone="07700 900222", email_safe=False, phone_safe=True
        ),
        "letter only": MemberFactory(
            email="", address="1 Heol y Dŵr, Aberystwyth", email_safe=False, letter_safe=True
        ),
        "texts only": MemberFactory(
            email="", phone="07700 900333", email_safe=False, text_safe=True
        ),
        "no area or how affected given": MemberFactory(area=None, how_affected=""),
    }
    return activity, left_out, included


def test_an_activity_without_criteria_proposes_exactly_the_eligible_members(population):
    activity, left_out, included = population
    chosen = proposed(activity)
    assert chosen == refs(*included.values())
    for kind, member in left_out.items():
        assert member.pk not in chosen, kind


def test_the_left_out_counts_give_each_member_one_reason(population):
    activity, left_out, included = population
    counts = propose(activity).left_out
    assert counts == {
        targeting.NOT_ACTIVE: 5,  # pending, withdrawn, lapsed, erased, consent withdrawn
        targeting.TERM_ENDED: 1,
        targeting.NO_CONSENT: 2,
        targeting.NOT_MATCHING: 0,
        targeting.ALREADY_INVITED: 1,
        targeting.RECENTLY_INVITED: 2,
        targeting.NO_SAFE_CHANNEL: 2,
    }
    assert sum(counts.values()) == len(left_out)
    assert Member.objects.count() == len(left_out) + len(included)


def test_without_a_rest_period_recent_invitations_do_not_count(population, settings_days):
    activity, left_out, included = population
    settings_days.recent_invitation_days = 0
    settings_days.save()
    chosen = proposed(activity)
    assert left_out["invited elsewhere 10 days ago"].pk in chosen
    assert left_out["already invited"].pk not in chosen


def test_a_longer_rest_period_leaves_out_more(population, settings_days):
    activity, left_out, included = population
    settings_days.recent_invitation_days = 91
    settings_days.save()
    assert included["invited elsewhere 91 days ago"].pk not in proposed(activity)


def test_the_term_and_the_rest_period_are_counted_from_the_day_given(population):
    activity, left_out, included = population
    chosen = proposed(activity, today=timezone.localdate() - datetime.timedelta(days=2))
    assert left_out["term ended"].pk in chosen
    # Two days ago, the invitation from 91 days ago was only 89 days old.
    assert included["invited elsewhere 91 days ago"].pk not in chosen


# --- the criteria ---------------------------------------------------------------------


def test_areas_any_of_those_chosen():
    first, second, third = Area.objects.canonical()[:3]
    activity = ActivityFactory()
    activity.target_areas.set([first, second])
    inside = [MemberFactory(area=first), MemberFactory(area=second)]
    outside = [MemberFactory(area=third), MemberFactory(area=None)]
    assert proposed(activity) == refs(*inside)
    assert outside


def test_language():
    activity = ActivityFactory(target_language=Member.Language.WELSH)
    welsh = MemberFactory(language=Member.Language.WELSH)
    MemberFactory(language=Member.Language.ENGLISH)
    assert proposed(activity) == refs(welsh)


def test_how_affected_any_of_those_chosen():
    activity = ActivityFactory(target_how_affected=["bereaved", "asb"])
    bereaved = MemberFactory(how_affected=Member.HowAffected.BEREAVED)
    asb = MemberFactory(how_affected=Member.HowAffected.ASB)
    MemberFactory(how_affected=Member.HowAffected.SUPPORTER)
    MemberFactory(how_affected="")
    assert proposed(activity) == refs(bereaved, asb)


def test_crime_types_any_of_those_chosen():
    first, second, third = CrimeType.objects.canonical()[:3]
    activity = ActivityFactory()
    activity.target_crime_types.set([first, second])
    both = MemberFactory(consents=[Purpose.CRIME_TYPES])
    both.crime_types.set([first, second, third])
    one = MemberFactory(consents=[Purpose.CRIME_TYPES])
    one.crime_types.set([second])
    other = MemberFactory(consents=[Purpose.CRIME_TYPES])
    other.crime_types.set([third])
    MemberFactory()  # none held
    proposals = proposed_members(activity)
    assert {p.member.pk for p in proposals} == refs(both, one)
    assert len(proposals) == 2, "a member matching two crime types is proposed once"


def test_demographics_any_answer_within_each_question_chosen():
    young, middle, old = (demographic("age_band", index) for index in range(3))
    woman, man = demographic("gender", 0), demographic("gender", 1)
    ethnicity = demographic("ethnicity")
    activity = ActivityFactory()
    activity.target_demographics.set([young, middle, woman])

    def member(**answers):
        return MemberFactory(consents=[Purpose.DEMOGRAPHICS], **answers)

    included = [
        member(age_band=young, gender=woman),
        member(age_band=middle, gender=woman, ethnicity=ethnicity),  # ethnicity not asked
    ]
    member(age_band=old, gender=woman)
    member(age_band=young, gender=man)
    member(age_band=young)
    member(gender=woman)
    MemberFactory()
    assert proposed(activity) == refs(*included)


def test_suitable_methods_only_when_asked_for():
    online, postal, phone = EngagementMethod.objects.all()[:3]
    activity = ActivityFactory(match_methods=False)
    activity.methods.set([online, postal])
    suits = MemberFactory()
    suits.methods.set([postal, phone])
    does_not_suit = MemberFactory()
    does_not_suit.methods.set([phone])
    said_nothing = MemberFactory()
    assert proposed(activity) == refs(suits, does_not_suit, said_nothing)
    activity.match_methods = True
    activity.save()
    assert proposed(activity) == refs(suits)


def test_matching_methods_on_an_activity_without_methods_leaves_nobody_out():
    activity = ActivityFactory(match_methods=True)
    member = MemberFactory()
    assert proposed(activity) == refs(member)


def test_all_criteria_together():
    area, other_area = Area.objects.canonical()[:2]
    crime_type = CrimeType.objects.canonical().first()
    activity = ActivityFactory(target_language="cy", target_how_affected=["victim_survivor"])
    activity.target_areas.set([area])
    activity.target_crime_types.set([crime_type])
    fits = {"area": area, "language": "cy", "how_affected": "victim_survivor"}

    def member(**changes):
        made = MemberFactory(consents=[Purpose.CRIME_TYPES], **{**fits, **changes})
        made.crime_types.set([crime_type])
        return made

    match = member()
    member(area=other_area)
    member(language="en")
    member(how_affected="supporter")
    no_crime_types = member()
    no_crime_types.crime_types.clear()
    assert proposed(activity) == refs(match)


# --- channels ---------------------------------------------------------------------------


def test_channels_are_those_both_safe_and_used_by_the_activity():
    activity = ActivityFactory(channels=["email", "phone", "post"])
    member = MemberFactory(
        phone="07700 900444",
        phone_safe=True,
        text_safe=True,
        address="2 Stryd Fawr",
        letter_safe=False,
        preferred_contact=C.PHONE,
    )
    (proposal,) = proposed_members(activity)
    assert proposal.member.pk == member.pk
    assert proposal.channels == ["email", "phone"]  # text not used; letters not safe
    assert proposal.suggested == "phone"


def test_the_suggestion_falls_back_to_the_first_allowed_channel():
    activity = ActivityFactory(channels=["post", "phone"])
    MemberFactory(
        preferred_contact=C.EMAIL,
        phone="07700 900555",
        phone_safe=True,
        address="3 Lôn Ŵyn",
        letter_safe=True,
    )
    (proposal,) = proposed_members(activity)
    assert proposal.channels == ["phone", "post"]
    assert proposal.suggested == "phone"


def test_safe_channels_the_activity_does_not_use_leave_the_member_out():
    activity = ActivityFactory(channels=["post", "phone"])
    MemberFactory()  # email only
    targeted = propose(activity)
    assert targeted.proposals == []
    assert targeted.left_out[targeting.NO_SAFE_CHANNEL] == 1


def test_an_activity_with_no_or_junk_channels_proposes_nobody():
    MemberFactory()
    for channels in ([], ["carrier pigeon", "<script>", 7, None, ["email"]], {"email": 1}):
        activity = ActivityFactory(channels=channels)
        assert proposed_members(activity) == []


# --- queries ----------------------------------------------------------------------------


def queries_for(activity):
    with CaptureQueriesContext(connection) as context:
        targeted = propose(activity)
    return len(context.captured_queries), targeted


def test_the_number_of_queries_does_not_grow_with_the_membership():
    activity = ActivityFactory()
    activity.target_areas.set(Area.objects.canonical()[:2])
    activity.target_demographics.set([demographic("age_band")])
    for _ in range(2):
        MemberFactory(consents=[Purpose.DEMOGRAPHICS], age_band=demographic("age_band"))
    queries_for(activity)  # settings and caches warm up on the first call
    few, targeted = queries_for(activity)
    assert len(targeted.proposals) == 2
    for _ in range(12):
        MemberFactory(consents=[Purpose.DEMOGRAPHICS], age_band=demographic("age_band"))
    many, targeted = queries_for(activity)
    assert len(targeted.proposals) == 14
    assert many == few

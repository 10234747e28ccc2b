"""Factories for test data, shared by every app's tests."""

import datetime

import factory
import wagtail_factories
from wagtail.models import Locale

from enrolment.models import Area, ConsentRecord, Member, PrivacyNotice, Purpose
from pages.models import ContentPage, SupportService


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Test page {n}")
    intro = "A page made for a test."

    class Meta:
        model = ContentPage


class SupportServiceFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Test service {n}")
    helps_with = "Help for people affected by crime."
    category = SupportService.Category.VICTIM_SUPPORT
    phone = "01267 226440"
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="en"))

    class Meta:
        model = SupportService


class MemberFactory(factory.django.DjangoModelFactory):
    """An active member who agreed to be contacted, with a safe email address.

    Pass ``consents=[...]`` to choose the purposes granted (default: contact only).
    """

    name = factory.Sequence(lambda n: f"Test Member {n}")
    email = factory.Sequence(lambda n: f"member{n}@example.org")
    phone = ""
    preferred_contact = Member.ContactMethod.EMAIL
    email_safe = True
    language = Member.Language.ENGLISH
    how_affected = Member.HowAffected.VICTIM_SURVIVOR
    area = factory.LazyFunction(lambda: Area.objects.canonical().first())
    status = Member.Status.ACTIVE

    class Meta:
        model = Member
        skip_postgeneration_save = True

    @factory.post_generation
    def consents(self, create, extracted, **kwargs):
        if not create:
            return
        if self.status == Member.Status.ACTIVE and not self.joined_on:
            self.confirm()
        notice = PrivacyNotice.current(Locale.objects.get(language_code=self.language))
        for purpose in Purpose.CONTACT, *(extracted or ()):
            ConsentRecord.objects.create(
                member=self,
                purpose=purpose,
                granted=True,
                notice=notice,
                notice_version=notice.version,
                language=self.language,
                channel=ConsentRecord.Channel.WEB_FORM,
            )


# --- engagement activities (impact) -----------------------------------------------------


def english():
    return Locale.objects.get(language_code="en")


class PartnerFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Test partner {n}")
    slug = factory.Sequence(lambda n: f"test-partner-{n}")
    locale = factory.LazyFunction(english)

    class Meta:
        model = "impact.Partner"


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Test topic {n}")
    slug = factory.Sequence(lambda n: f"test-topic-{n}")
    locale = factory.LazyFunction(english)

    class Meta:
        model = "impact.Topic"


class ActivityFactory(factory.django.DjangoModelFactory):
    """An open activity for this financial year's first quarter, contacting by any channel."""

    title = factory.Sequence(lambda n: f"Test activity {n}")
    partner = factory.SubFactory(PartnerFactory)
    topic = factory.SubFactory(TopicFactory)
    financial_year = 2026
    quarter = "q1"
    status = "open"

    class Meta:
        model = "impact.EngagementActivity"


class InvitationFactory(factory.django.DjangoModelFactory):
    activity = factory.SubFactory(ActivityFactory)
    member = factory.SubFactory(MemberFactory)
    channel = Member.ContactMethod.EMAIL

    class Meta:
        model = "impact.Invitation"


class InvitingActivityFactory(ActivityFactory):
    """An open activity whose invitation is written in both languages, ready to send by
    email, letter or phone."""

    channels = ["email", "post", "phone"]
    closes_on = factory.LazyFunction(lambda: datetime.date(2030, 6, 30))
    invitation_purpose = "To hear how letters about court dates could be clearer."
    invitation_purpose_cy = "Clywed sut gallai llythyrau am ddyddiadau llys fod yn gliriach."
    invitation_involves = "A short survey, about ten minutes."
    invitation_involves_cy = "Arolwg byr, tua deg munud."
    invitation_when = "Any time in June."
    invitation_when_cy = "Unrhyw bryd ym mis Mehefin."
    invitation_support = "Live Fear Free: 0808 80 10 800, any time."
    invitation_support_cy = "Byw Heb Ofn: 0808 80 10 800, unrhyw bryd."

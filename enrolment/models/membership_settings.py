from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting

from pages.models import Navigation
from pages.outage import remember_team_contacts
from pages.phone import PhoneNumberField


class MembershipSettings(BaseGenericSetting):
    """How long records are kept, and how people can reach the team instead of the form."""

    retention_days = models.PositiveIntegerField(
        _("keep withdrawn and lapsed records for (days)"),
        default=365,
        validators=[MinValueValidator(30), MaxValueValidator(3650)],
        help_text=_(
            "After this many days, the daily purge erases withdrawn and lapsed members' "
            "personal data."
        ),
    )
    contact_phone = PhoneNumberField(
        _("team phone number"),
        blank=True,
        default="01267 226440",
        help_text=_("Offered to anyone who cannot use the form."),
    )
    contact_email = models.EmailField(
        _("team email address"),
        blank=True,
        default="opcc.communication@dyfed-powys.police.uk",
        help_text=_("Offered to anyone who cannot use the form."),
    )
    notify_email = models.EmailField(
        _("tell this address about new self-referrals"),
        blank=True,
        help_text=_("The message says only that a referral arrived, never who sent it."),
    )

    neutral_sender_name = models.CharField(
        _("neutral sender name (English)"),
        max_length=60,
        default="Community Voices",
        db_default="Community Voices",
        help_text=_(
            "Messages to members who have not said staff may say where they are from come "
            "from this name. It must not suggest crime, the police or victims."
        ),
    )
    neutral_sender_name_cy = models.CharField(
        _("neutral sender name (Welsh)"),
        max_length=60,
        default="Lleisiau Cymunedol",
        db_default="Lleisiau Cymunedol",
    )
    link_days = models.PositiveSmallIntegerField(
        _("links in messages work for (days)"),
        default=14,
        db_default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("After this, a member can ask for a new link on the membership page."),
    )
    session_idle_minutes = models.PositiveSmallIntegerField(
        _("a member's page closes after (idle minutes)"),
        default=10,
        db_default=10,
        validators=[MinValueValidator(2), MaxValueValidator(60)],
    )

    class Meta:
        verbose_name = _("membership settings")

    @classmethod
    def load(cls, request_or_site=None):
        membership = super().load(request_or_site)
        # A copy for the page shown while the database is down, which cannot read this.
        remember_team_contacts(membership.contact_phone, membership.contact_email)
        return membership

    def sender_name(self, member, language):
        """Who a message to `member` says it is from: the office only where the member
        said staff may say where they are from, a neutral name otherwise."""
        if member.may_say_opcc:
            office = Navigation.organisation_name_in(language)
            if office:
                return office
        return self.neutral_sender_name_cy if language == "cy" else self.neutral_sender_name

    @classmethod
    def contacts_for(cls, member):
        """The team's phone and email for a message to `member`. They name the office, so
        they go in only when the member said staff may say where they are from."""
        if not member.may_say_opcc:
            return {"contact_phone": "", "contact_email": ""}
        membership = cls.load()
        return {
            "contact_phone": membership.contact_phone,
            "contact_email": membership.contact_email,
        }

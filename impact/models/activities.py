"""Engagement activities and what comes of them: invitations, contributions, outcomes.

Only the engagement team sees any of this (enrolment.permissions' policy, registered for
every model here in wagtail_hooks). Invitations point at members; everything else names
no one. Public pages read only counts, and only through `impact.reporting`, which hides
groups smaller than the minimum size.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Locale, Orderable

from core.crypto import EncryptedTextField
from enrolment.models import Area, CrimeType, DemographicOption, EngagementMethod, Member

from .partners import Partner, Topic

Channel = Member.ContactMethod


def default_locale_only():
    """Activities point at list entries in the default language, as member records do."""
    return models.Q(locale_id=Locale.get_default().pk)


def new_public_code():
    return secrets.token_urlsafe(6)


def all_channels():
    return list(Channel.values)


def financial_year_label(start_year):
    """2026 -> "2026–27": the UK financial year starting in April of that year."""
    return f"{start_year}–{(start_year + 1) % 100:02d}"


def financial_year_of(day):
    return day.year if day.month >= 4 else day.year - 1


def quarter_of(day):
    """Q1 is April to June."""
    return f"q{(day.month - 4) % 12 // 3 + 1}"


# The parts of an invitation staff write, each in English and in Welsh (name + "_cy").
INVITATION_TEXT_FIELDS = (
    "invitation_purpose",
    "invitation_involves",
    "invitation_when",
    "invitation_support",
)
INVITATION_TEXT_MAX_LENGTH = 2000


def invitation_text(label):
    # A database default too, so the release before (which knows nothing of these
    # columns) can still add activities during an upgrade.
    return models.TextField(
        label, blank=True, default="", db_default="", max_length=INVITATION_TEXT_MAX_LENGTH
    )


class ActivityQuerySet(models.QuerySet):
    def this_quarter(self, today=None):
        today = today or timezone.localdate()
        return self.filter(financial_year=financial_year_of(today), quarter=quarter_of(today))

    def taking_contributions(self):
        return self.filter(status=EngagementActivity.Status.OPEN, allow_anonymous=True)


class EngagementActivity(ClusterableModel):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        REPORTED = "reported", _("Reported")

    class Quarter(models.TextChoices):
        Q1 = "q1", _("Quarter 1 (April to June)")
        Q2 = "q2", _("Quarter 2 (July to September)")
        Q3 = "q3", _("Quarter 3 (October to December)")
        Q4 = "q4", _("Quarter 4 (January to March)")
        ONE_OFF = "one_off", _("One-off (urgent)")

    title = models.CharField(_("title"), max_length=200)
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("requesting partner"),
        on_delete=models.PROTECT,
        related_name="activities",
        limit_choices_to=default_locale_only,
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        related_name="activities",
        limit_choices_to=default_locale_only,
    )
    financial_year = models.PositiveSmallIntegerField(
        _("financial year"),
        help_text=_("The year it starts in: 2026 means April 2026 to March 2027."),
        db_index=True,
    )
    quarter = models.CharField(_("quarter"), max_length=8, choices=Quarter.choices, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    description = models.TextField(
        _("details for members"),
        blank=True,
        help_text=_("What it is about and what taking part involves, so members can decide."),
    )
    methods = models.ManyToManyField(
        EngagementMethod, verbose_name=_("methods"), blank=True, related_name="+"
    )
    channels = models.JSONField(
        _("ways we will contact members about it"),
        default=all_channels,
        help_text=_("Members whose safe-contact plan rules out all of these are left out."),
    )
    opens_on = models.DateField(_("opens"), null=True, blank=True)
    closes_on = models.DateField(_("closes"), null=True, blank=True)

    # Target criteria. An empty criterion means "anyone".
    target_areas = models.ManyToManyField(
        Area,
        verbose_name=_("areas"),
        blank=True,
        related_name="+",
        limit_choices_to=default_locale_only,
    )
    target_language = models.CharField(
        _("language"), max_length=2, choices=Member.Language.choices, blank=True
    )
    target_crime_types = models.ManyToManyField(
        CrimeType,
        verbose_name=_("crime types"),
        blank=True,
        related_name="+",
        limit_choices_to=default_locale_only,
    )
    target_how_affected = models.JSONField(_("how affected"), default=list, blank=True)
    target_demographics = models.ManyToManyField(
        DemographicOption,
        verbose_name=_("age bands, genders, ethnic groups, disability"),
        blank=True,
        related_name="+",
        limit_choices_to=default_locale_only,
        help_text=_("Within each question, a member matching any answer chosen is included."),
    )
    match_methods = models.BooleanField(
        _("only members who said one of these methods suits them"), default=False
    )

    findings = models.TextField(
        _("findings and recommendations summary"),
        blank=True,
        help_text=_("What members told us, in summary. Never anything that identifies anyone."),
    )

    # Anonymous contributions, from a public form in both languages.
    allow_anonymous = models.BooleanField(
        _("take anonymous contributions"),
        default=False,
        help_text=_("While the activity is open, anyone can give feedback without a name."),
    )
    public_code = models.SlugField(
        _("public code"), max_length=16, unique=True, default=new_public_code, editable=False
    )
    public_title = models.CharField(_("public title (English)"), max_length=200, blank=True)
    public_title_cy = models.CharField(_("public title (Welsh)"), max_length=200, blank=True)
    public_question = models.TextField(_("question for the public (English)"), blank=True)
    public_question_cy = models.TextField(_("question for the public (Welsh)"), blank=True)

    # The invitation the product sends, written in both languages. Who asked (the partner),
    # the methods and the closing date come from the activity itself.
    invitation_purpose = invitation_text(_("what it is for (English)"))
    invitation_purpose_cy = invitation_text(_("what it is for (Welsh)"))
    invitation_involves = invitation_text(_("what taking part involves (English)"))
    invitation_involves_cy = invitation_text(_("what taking part involves (Welsh)"))
    invitation_when = invitation_text(_("when (English)"))
    invitation_when_cy = invitation_text(_("when (Welsh)"))
    invitation_support = invitation_text(_("where to find support (English)"))
    invitation_support_cy = invitation_text(_("where to find support (Welsh)"))
    send_reminder = models.BooleanField(
        _("send one reminder before the closing date"),
        default=True,
        db_default=True,
        help_text=_("Only to members who have not answered yet."),
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("engagement activity")
        verbose_name_plural = _("engagement activities")
        ordering = ["-financial_year", "-quarter", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The closing date is before the opening date.")})
        if self.allow_anonymous:
            missing = {
                name: _("Needed for the anonymous form in both languages.")
                for name in ("public_title", "public_title_cy", "public_question")
                if not getattr(self, name)
            }
            if not self.public_question_cy:
                missing["public_question_cy"] = _(
                    "Needed for the anonymous form in both languages."
                )
            if missing:
                raise ValidationError(missing)

    @property
    def financial_year_label(self):
        return financial_year_label(self.financial_year)

    @property
    def when(self):
        return f"{self.financial_year_label} {self.get_quarter_display()}"

    def public_text(self, language):
        """(title, question) for the anonymous form in a language."""
        if language == "cy":
            return self.public_title_cy, self.public_question_cy
        return self.public_title, self.public_question

    def invitation_in(self, language):
        """{part: text} of the invitation staff wrote, in a language ("en" or "cy")."""
        suffix = "_cy" if language == "cy" else ""
        return {
            name.removeprefix("invitation_"): getattr(self, name + suffix)
            for name in INVITATION_TEXT_FIELDS
        }

    def invitation_missing(self):
        """What must be done before the invitation can be sent: [(field name, message)].

        Both languages are needed before anything goes (Welsh is never second), and a
        closing date, which the invitation states.
        """
        missing = [
            (name, _("Write this in English and in Welsh before sending the invitation."))
            for name in INVITATION_TEXT_FIELDS
            if not (getattr(self, name).strip() and getattr(self, name + "_cy").strip())
        ]
        if not self.closes_on:
            missing.append(("closes_on", _("Set a closing date before sending the invitation.")))
        return missing

    @property
    def takes_contributions(self):
        return self.allow_anonymous and self.status == self.Status.OPEN

    def participants(self):
        return Member.objects.filter(
            invitations__activity=self, invitations__state=Invitation.State.TOOK_PART
        )


class Invitation(models.Model):
    """One member asked to take part in one activity, and what came of it.

    Every invitation and every change of state is also written to the member's history
    (enrolment's audit log).
    """

    class State(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        TOOK_PART = "took_part", _("Took part")
        NO_REPLY = "no_reply", _("No reply")

    activity = models.ForeignKey(
        EngagementActivity, on_delete=models.CASCADE, related_name="invitations"
    )
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="invitations")
    channel = models.CharField(_("invited by"), max_length=10, choices=Channel.choices)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.INVITED, db_index=True
    )
    invited_at = models.DateTimeField(_("invited"), default=timezone.now, db_index=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state_changed_at = models.DateTimeField(_("state changed"), default=timezone.now)
    feedback = EncryptedTextField(
        _("what they told us"),
        blank=True,
        help_text=_("A short summary in your words. Never an account of what happened to them."),
    )

    # The member's own reply, through their link.
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    method = models.ForeignKey(
        EngagementMethod,
        verbose_name=_("way of taking part chosen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    access_needs = EncryptedTextField(
        _("what would help them take part"), blank=True, default="", db_default=""
    )
    topic_affects_me = models.BooleanField(
        _("said the topic affects them"), default=False, db_default=False
    )
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["activity", "member__reference"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "member"], name="impact_one_invitation")
        ]

    def __str__(self):
        return f"{self.member} – {self.activity_id}"


class ParticipantNotice(models.Model):
    """Telling one participant that a story about their activity has been published."""

    class Outcome(models.TextChoices):
        QUEUED = "queued", _("Email queued")
        SENT = "sent", _("Emailed")
        FAILED = "failed", _("Email failed")
        STAFF_TO_TELL = "staff_to_tell", _("For staff to tell")
        NO_SAFE_CHANNEL = "no_safe_channel", _("No safe way to tell them")
        TOLD_BY_STAFF = "told_by_staff", _("Told by staff")

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="notices")
    story_key = models.UUIDField(_("story"), db_index=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("participant notice")
        verbose_name_plural = _("participant notices")
        constraints = [
            models.UniqueConstraint(fields=["invitation", "story_key"], name="impact_tell_once")
        ]

    def __str__(self):
        return f"{self.invitation.member} – {self.get_outcome_display()}"


class AnonymousContribution(models.Model):
    """Feedback from the public form: no name, no contact details, no address, no member.

    Only the day is kept, not the time, so a contribution cannot be matched to a visit.
    """

    activity = models.ForeignKey(
        EngagementActivity, on_delete=models.CASCADE, related_name="contributions"
    )
    text = EncryptedTextField(_("contribution"))
    language = models.CharField(_("language"), max_length=2, choices=Member.Language.choices)
    received_on = models.DateField(_("received"), default=datetime.date.today)

    class Meta:
        verbose_name = _("anonymous contribution")
        verbose_name_plural = _("anonymous contributions")
        ordering = ["-received_on", "-pk"]

    def __str__(self):
        return f"{self.activity_id} #{self.pk}"


class Recommendation(Orderable):
    activity = ParentalKey(
        EngagementActivity, on_delete=models.CASCADE, related_name="recommendations"
    )
    text = models.TextField(_("recommendation"))

    class Meta(Orderable.Meta):
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self):
        return self.text[:80]

    @property
    def latest_update(self):
        updates = list(self.updates.all())
        return updates[0] if updates else None

    @property
    def awaiting_update(self):
        latest = self.latest_update
        return latest is None or latest.status in PartnerUpdate.OPEN_STATUSES


class PartnerUpdate(models.Model):
    """What the partner says it did about one recommendation, recorded by staff."""

    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        NOT_ADOPTED = "not_adopted", _("Not adopted")

    # A recommendation whose newest update has one of these still waits for news.
    OPEN_STATUSES = (Status.ACCEPTED, Status.IN_PROGRESS)

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="updates"
    )
    date = models.DateField(_("date of the update"), default=datetime.date.today)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    note = models.TextField(
        _("what the partner said"),
        blank=True,
        help_text=_("Required when the recommendation was not adopted: give the reason."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("partner update")
        verbose_name_plural = _("partner updates")
        ordering = ["-date", "-recorded_at", "-pk"]

    def __str__(self):
        return f"{self.get_status_display()} ({self.date})"

    def clean(self):
        super().clean()
        if self.status == self.Status.NOT_ADOPTED and not self.note.strip():
            raise ValidationError({"note": _("Give the partner's reason for not adopting it.")})

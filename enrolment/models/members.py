import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedTextField, email_index, phone_index

from .lists import Area, CrimeType, DemographicOption, EngagementMethod
from .notices import PrivacyNotice

TERM_YEARS = 3
TERM_ENDING_SOON_DAYS = 60


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class Purpose(models.TextChoices):
    CONTACT = "contact", _("Contact about engagement")
    CRIME_TYPES = "crime_types", _("Store crime types")
    DEMOGRAPHICS = "demographics", _("Store demographic details")


class RenewalAnswer(models.TextChoices):
    YES = "yes", _("Yes, another term")
    NO = "no", _("No, not another term")
    CALL = "call", _("Please call me")


class MemberQuerySet(models.QuerySet):
    def with_consent(self):
        """Annotate each member's current answer for each purpose (True, False or None)."""
        annotations = {}
        for purpose in Purpose.values:
            latest = ConsentRecord.objects.filter(member=OuterRef("pk"), purpose=purpose)
            annotations[f"consent_{purpose}"] = Subquery(
                latest.order_by("-recorded_at", "-pk").values("granted")[:1]
            )
        return self.annotate(**annotations)

    def contactable(self):
        """Active members who currently agree to be contacted about engagement."""
        return self.with_consent().filter(status=Member.Status.ACTIVE, consent_contact=True)

    def term_ending_soon(self, today=None):
        today = today or timezone.localdate()
        return self.filter(
            status=Member.Status.ACTIVE,
            term_ends_on__gte=today,
            term_ends_on__lte=today + datetime.timedelta(days=TERM_ENDING_SOON_DAYS),
        )

    def asked_about_this_term(self):
        """Members asked whether they want another term, about the term they are in now."""
        return self.filter(renewal_asked_for=F("term_ends_on"))

    def to_ask_about_renewal(self, today=None):
        """Members whose term ends soon and who have not yet been asked about it."""
        return self.term_ending_soon(today).exclude(
            pk__in=self.asked_about_this_term().values("pk")
        )

    def with_email(self, address):
        index = email_index(address)
        return self.filter(email_index=index) if index else self.none()

    def with_phone(self, number):
        index = phone_index(number)
        return self.filter(phone_index=index) if index else self.none()


class Member(models.Model):
    """A member of the network. Personal identifiers are encrypted; str() is the reference."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending check")
        ACTIVE = "active", _("Active")
        WITHDRAWN = "withdrawn", _("Withdrawn (no contact)")
        LAPSED = "lapsed", _("Lapsed")
        ERASED = "erased", _("Erased")

    class PreferredTerm(models.TextChoices):
        VICTIM = "victim", _("Victim")
        SURVIVOR = "survivor", _("Survivor")
        INJURED_PARTY = "injured_party", _("Injured party")
        OWN = "own", _("Their own word")

    class ContactMethod(models.TextChoices):
        EMAIL = "email", _("Email")
        PHONE = "phone", _("Phone call")
        TEXT = "text", _("Text message")
        POST = "post", _("Letter")

    RenewalAnswer = RenewalAnswer

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        WELSH = "cy", _("Welsh")

    class HowAffected(models.TextChoices):
        VICTIM_SURVIVOR = "victim_survivor", _("I was the victim-survivor of a crime")
        BEREAVED = "bereaved", _("A close relative died because of a crime")
        SUPPORTER = "supporter", _("I supported someone close to me through victims' services")
        ASB = "asb", _("Anti-social behaviour")

    reference = models.CharField(_("reference"), max_length=12, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    submitted_at = models.DateTimeField(_("referral received"), default=timezone.now)
    joined_on = models.DateField(_("joined"), null=True, blank=True, db_index=True)
    term_ends_on = models.DateField(_("term ends"), null=True, blank=True, db_index=True)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)

    # Personal identifiers: encrypted at rest, never filtered, logged or put in a URL.
    name = EncryptedTextField(_("name"), blank=True)
    preferred_name = EncryptedTextField(_("preferred name"), blank=True)
    preferred_term = models.CharField(
        _("preferred term"), max_length=20, choices=PreferredTerm.choices, blank=True
    )
    own_term = EncryptedTextField(_("own word"), blank=True)
    email = EncryptedTextField(_("email"), blank=True)
    email_index = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    phone = EncryptedTextField(_("phone"), blank=True)
    phone_index = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    address = EncryptedTextField(_("postal address"), blank=True)
    # New details the member gave on their own page, not used until confirmed: an email
    # by the link sent to it, a phone number by staff on a call.
    pending_email = EncryptedTextField(
        _("new email waiting to be confirmed"), blank=True, db_default=""
    )
    pending_phone = EncryptedTextField(
        _("new phone waiting to be confirmed"), blank=True, db_default=""
    )

    preferred_contact = models.CharField(
        _("preferred contact method"),
        max_length=10,
        choices=ContactMethod.choices,
        blank=True,
        db_index=True,
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=Language.choices,
        default=Language.ENGLISH,
        db_index=True,
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    how_affected = models.CharField(
        _("how affected"), max_length=20, choices=HowAffected.choices, blank=True, db_index=True
    )

    # Sensitive: stored only with the matching consent, shown only with its own permission.
    crime_types = models.ManyToManyField(
        CrimeType, verbose_name=_("crime types"), blank=True, related_name="+"
    )
    age_band = models.ForeignKey(
        DemographicOption,
        verbose_name=_("age band"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": DemographicOption.Kind.AGE_BAND},
    )
    gender = models.ForeignKey(
        DemographicOption,
        verbose_name=_("gender"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": DemographicOption.Kind.GENDER},
    )
    ethnicity = models.ForeignKey(
        DemographicOption,
        verbose_name=_("ethnic group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": DemographicOption.Kind.ETHNICITY},
    )
    disability = models.ForeignKey(
        DemographicOption,
        verbose_name=_("disability"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": DemographicOption.Kind.DISABILITY},
    )

    methods = models.ManyToManyField(
        EngagementMethod,
        verbose_name=_("suitable ways to take part"),
        blank=True,
        related_name="+",
    )

    # Safe-contact plan.
    email_safe = models.BooleanField(_("email is safe"), default=False)
    phone_safe = models.BooleanField(_("phone calls are safe"), default=False)
    text_safe = models.BooleanField(_("text messages are safe"), default=False)
    letter_safe = models.BooleanField(_("letters are safe"), default=False)
    voicemail_safe = models.BooleanField(_("voicemail is safe"), default=False)
    may_say_opcc = models.BooleanField(
        _("staff may say they are from the Commissioner's office"), default=False
    )
    safe_times = EncryptedTextField(_("safe times to contact"), blank=True)
    safe_contact_notes = EncryptedTextField(_("safe-contact notes"), blank=True)

    staff_notes = EncryptedTextField(_("staff notes"), blank=True)

    # Asking whether the member wants another term (enrolment.renewal). The question is
    # about one term: `renewal_asked_for` is the end date it was asked for, so a renewed
    # term is asked about afresh and the answer to an old question never counts for it.
    renewal_asked_at = models.DateTimeField(_("asked to renew"), null=True, blank=True)
    renewal_asked_for = models.DateField(_("asked to renew the term ending"), null=True, blank=True)
    renewal_answer = models.CharField(
        _("answer about renewing"),
        max_length=8,
        choices=RenewalAnswer.choices,
        blank=True,
        default="",
        db_default="",
        db_index=True,
    )
    renewal_answered_at = models.DateTimeField(_("answered about renewing"), null=True, blank=True)

    # Set when the member changes anything through their own page, cleared when staff
    # have checked the record: a changed plan must be re-checked before the next contact.
    changed_by_member_at = models.DateTimeField(_("changed by the member"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="merged_from",
    )

    objects = MemberQuerySet.as_manager()

    ENCRYPTED_FIELDS = (
        "name",
        "preferred_name",
        "own_term",
        "email",
        "phone",
        "address",
        "pending_email",
        "pending_phone",
        "safe_times",
        "safe_contact_notes",
        "staff_notes",
    )
    DEMOGRAPHIC_FIELDS = ("age_band", "gender", "ethnicity", "disability")

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["-submitted_at", "-pk"]
        # The staff list's order, so a page of 50 comes off an index at any size.
        indexes = [models.Index(fields=["-submitted_at", "-id"], name="member_list_order")]
        permissions = [
            ("view_sensitive_member", "Can see members' crime types and demographic details"),
            ("export_member", "Can export member lists and subject access files"),
            ("erase_member", "Can erase members' personal data"),
        ]

    def __str__(self):
        return self.reference or "(new member)"

    def save(self, *args, **kwargs):
        self.email_index = email_index(self.email)
        self.phone_index = phone_index(self.phone)
        with transaction.atomic():
            super().save(*args, **kwargs)
            if not self.reference:
                self.reference = f"VSN-{self.pk:04d}"
                type(self).objects.filter(pk=self.pk).update(reference=self.reference)

    def clean(self):
        super().clean()
        if self.status != self.Status.ERASED and not (self.email or self.phone or self.address):
            raise ValidationError(_("Give at least one way to reach the member."))

    # --- consent -------------------------------------------------------------------------

    def current_consents(self):
        """{purpose: True/False} from the newest record per purpose; absent means never asked."""
        answers = {}
        for record in self.consent_records.order_by("recorded_at", "pk"):
            answers[record.purpose] = record.granted
        return answers

    def has_consent(self, purpose):
        return self.current_consents().get(purpose, False)

    def record_consent(self, purpose, granted, *, notice, channel, language=None, user=None):
        """Append a consent record. Withdrawing a purpose removes the data it covered."""
        record = ConsentRecord.objects.create(
            member=self,
            purpose=purpose,
            granted=granted,
            notice=notice,
            notice_version=notice.version if notice else "",
            language=language or self.language,
            channel=channel,
            recorded_by=user,
        )
        if not granted:
            self.remove_data_for(purpose)
        return record

    def remove_data_for(self, purpose):
        if purpose == Purpose.CRIME_TYPES:
            self.crime_types.clear()
        elif purpose == Purpose.DEMOGRAPHICS:
            for field in self.DEMOGRAPHIC_FIELDS:
                setattr(self, field, None)
            self.save(update_fields=list(self.DEMOGRAPHIC_FIELDS))
        elif purpose == Purpose.CONTACT and self.status in (
            self.Status.ACTIVE,
            self.Status.PENDING,
        ):
            self.set_status(self.Status.WITHDRAWN)

    # --- life cycle ----------------------------------------------------------------------

    def set_status(self, status):
        self.status = status
        self.status_changed_at = timezone.now()
        self.save(update_fields=["status", "status_changed_at"])

    def confirm(self, today=None):
        """Pending -> active: the three-year term starts today."""
        today = today or timezone.localdate()
        self.joined_on = today
        self.term_ends_on = add_years(today, TERM_YEARS)
        self.status = self.Status.ACTIVE
        self.status_changed_at = timezone.now()
        self.save(update_fields=["joined_on", "term_ends_on", "status", "status_changed_at"])

    def renew(self, today=None):
        """A new three-year term, from the end of the current one if it has not ended yet."""
        today = today or timezone.localdate()
        start = max(today, self.term_ends_on) if self.term_ends_on else today
        self.term_ends_on = add_years(start, TERM_YEARS)
        self.status = self.Status.ACTIVE
        self.status_changed_at = timezone.now()
        self.save(update_fields=["term_ends_on", "status", "status_changed_at"])

    def erase(self):
        """Remove every piece of personal data, keeping only the reference and the dates.

        The reference stays so that the audit log (which names members only by reference)
        still makes sense; nothing left can identify the person.
        """
        for field in self.ENCRYPTED_FIELDS:
            setattr(self, field, "")
        for field in self.DEMOGRAPHIC_FIELDS:
            setattr(self, field, None)
        self.preferred_term = ""
        self.preferred_contact = ""
        self.area = None
        self.how_affected = ""
        self.changed_by_member_at = None
        self.email_safe = self.phone_safe = self.text_safe = False
        self.letter_safe = self.voicemail_safe = self.may_say_opcc = False
        self.status = self.Status.ERASED
        self.status_changed_at = timezone.now()
        with transaction.atomic():
            self.save()
            self.crime_types.clear()
            self.methods.clear()

    @property
    def safe_channels(self):
        channels = []
        if self.email_safe and self.email:
            channels.append(self.ContactMethod.EMAIL)
        if self.phone_safe and self.phone:
            channels.append(self.ContactMethod.PHONE)
        if self.text_safe and self.phone:
            channels.append(self.ContactMethod.TEXT)
        if self.letter_safe and self.address:
            channels.append(self.ContactMethod.POST)
        return channels

    def possible_duplicates(self):
        """Other records sharing this member's email or phone (through the blind index)."""
        match = models.Q()
        if self.email_index:
            match |= models.Q(email_index=self.email_index)
        if self.phone_index:
            match |= models.Q(phone_index=self.phone_index)
        if not match:
            return Member.objects.none()
        return Member.objects.filter(match).exclude(pk=self.pk).exclude(status=self.Status.ERASED)


class ConsentRecord(models.Model):
    """One consent answer. Append-only: a change of mind is a new record, never an edit."""

    class Channel(models.TextChoices):
        WEB_FORM = "web_form", _("Web form")
        PHONE = "phone", _("Phone")
        POST = "post", _("Post")
        STAFF = "staff", _("Recorded by staff")
        WITHDRAWAL_LINK = "withdrawal_link", _("Withdrawal link")
        MEMBER_LINK = "member_link", _("The member, through their link")

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="consent_records")
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    granted = models.BooleanField(_("given"))
    notice = models.ForeignKey(
        PrivacyNotice,
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    notice_version = models.CharField(_("privacy notice version"), max_length=20, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Member.Language.choices)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now, db_index=True)
    channel = models.CharField(_("how"), max_length=20, choices=Channel.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-recorded_at", "-pk"]

    def __str__(self):
        return f"{self.member} {self.purpose} {'+' if self.granted else '-'}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("Consent records are append-only; record a new answer instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Consent records cannot be deleted.")

"""Keeping in touch with members: the links they use instead of an account, and the record
of every message the product sends them.

Neither holds personal data or a message's content: a link is a random key, a purpose and
what it is for (a message's or an invitation's id); a message is its kind, channel, state
and times. The content is built when the member opens the link, from the records it
points at, so that nothing sensitive waits in a mailbox or a queue.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .members import Member


def new_link_key():
    return secrets.token_urlsafe(18)


class MemberLinkQuerySet(models.QuerySet):
    def live(self, now=None):
        return self.filter(ended_at__isnull=True, expires_at__gt=now or timezone.now())


class MemberLink(models.Model):
    """One member, one purpose: a signed link that opens a short session.

    A link stops working when it expires, when a newer link for the same member, purpose
    and target supersedes it, when its session is signed out of, or when the member's
    status changes (staff withdraw or erase them, say) in a way the member did not make
    through the link itself.
    """

    class Purpose(models.TextChoices):
        MESSAGE = "message", _("Read a message")
        INVITATION = "invitation", _("Reply to an invitation")
        RENEWAL = "renewal", _("Renew membership")
        MANAGE = "manage", _("Manage membership")
        CONFIRM_CONTACT = "confirm_contact", _("Confirm a new email address")

    class Ending(models.TextChoices):
        SUPERSEDED = "superseded", _("A newer link replaced it")
        SIGNED_OUT = "signed_out", _("Signed out")
        STATUS_CHANGED = "status_changed", _("The member's status changed")
        USED = "used", _("Used")

    key = models.CharField(max_length=32, unique=True, default=new_link_key, editable=False)
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="links")
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    # What the link is for: a message's id, an invitation's id. Never personal data.
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(_("made"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    ending = models.CharField(_("why it ended"), max_length=20, choices=Ending.choices, blank=True)
    # The member's status when the link was made: a change made another way ends it.
    member_status = models.CharField(max_length=12, choices=Member.Status.choices)
    member_status_changed_at = models.DateTimeField()

    objects = MemberLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("member link")
        verbose_name_plural = _("member links")
        indexes = [models.Index(fields=["member", "purpose", "target_id"], name="member_link_for")]

    def __str__(self):
        return f"{self.get_purpose_display()} ({self.member})"

    def is_live(self, now=None):
        member = self.member
        return (
            self.ended_at is None
            and (now or timezone.now()) < self.expires_at
            and member.status == self.member_status
            and member.status_changed_at == self.member_status_changed_at
            and member.status != Member.Status.ERASED
        )

    def end(self, ending):
        if self.ended_at is None:
            self.ended_at, self.ending = timezone.now(), ending
            self.save(update_fields=["ended_at", "ending"])

    def follow_member(self):
        """The member changed their own status through this link (renewed, say): keep it."""
        self.member_status = self.member.status
        self.member_status_changed_at = self.member.status_changed_at
        self.save(update_fields=["member_status", "member_status_changed_at"])


class MemberMessage(models.Model):
    """That a message was sent (or listed for staff to send), never what it said."""

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", _("Thanks for joining")
        INVITATION = "invitation", _("Invitation")
        REMINDER = "reminder", _("Reminder")
        RENEWAL = "renewal", _("Renewal")
        UPDATE = "update", _("Update")
        STORY_PUBLISHED = "story_published", _("Story published")
        WITHDRAWAL_LINK = "withdrawal_link", _("Link to leave")
        MEMBERSHIP_LINK = "membership_link", _("Link to manage membership")
        # A new email address is confirmed by its link, a new phone number by a call.
        CONFIRM_CONTACT = "confirm_contact", _("Confirm new contact details")

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        POST = "post", _("Letter")
        PHONE = "phone", _("Phone call")
        NONE = "none", _("No safe channel")

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to be emailed")
        SENT = "sent", _("Delivered")
        FAILED = "failed", _("Failed")
        TO_PRINT = "to_print", _("Waiting to be printed and posted")
        POSTED = "posted", _("Posted")
        TO_CALL = "to_call", _("Waiting for a call")
        CALLED = "called", _("Called")
        NOT_SENT = "not_sent", _("Not sent: no safe channel")
        CANCELLED = "cancelled", _("Not sent: no longer wanted")

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, db_index=True)
    # "en", "cy", or "" for both (the member's language was not known).
    language = models.CharField(_("language"), max_length=2, blank=True)
    # What the message is about: an invitation's, an update's or a notice's id.
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    link = models.ForeignKey(
        MemberLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("made"), default=timezone.now, db_index=True)
    completed_at = models.DateTimeField(_("delivered or done"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("message to a member")
        verbose_name_plural = _("messages to members")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["kind", "target_id"], name="member_message_about")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.member})"

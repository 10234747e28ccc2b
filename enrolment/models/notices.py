from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import Locale, TranslatableMixin


class PrivacyNotice(TranslatableMixin, models.Model):
    """One version of the privacy notice shown beside the consent questions.

    Consent records point at the exact version (and language) a person was shown, so a
    version that anyone has consented under can never be deleted or silently changed:
    publish a new version instead.
    """

    version = models.CharField(
        _("version"), max_length=20, help_text=_("For example 2026-11. Shown on the form.")
    )
    effective_from = models.DateField(_("in use from"), default=timezone.localdate)
    summary = RichTextField(
        _("summary"),
        features=["bold", "italic", "link", "ul"],
        help_text=_("The short version shown beside the consent questions."),
    )
    body = RichTextField(
        _("full notice"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("privacy notice version")
        verbose_name_plural = _("privacy notice versions")
        ordering = ["-effective_from", "-pk"]

    def __str__(self):
        return f"{self.version} ({self.locale.language_code})"

    @classmethod
    def current(cls, locale=None):
        """The newest version in use today, in the given language (default: the active one)."""
        locale = locale or Locale.get_active()
        return (
            cls.objects.filter(locale=locale, effective_from__lte=timezone.localdate())
            .order_by("-effective_from", "-pk")
            .first()
        )

    @classmethod
    def current_in_language(cls, language_code):
        """The current version in a language given by its code, such as a member's."""
        locale = Locale.objects.filter(language_code=language_code).first()
        return cls.current(locale) if locale else None

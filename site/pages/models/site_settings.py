from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


def default_quick_exit_url():
    return settings.DEFAULT_QUICK_EXIT_URL


@register_setting(icon="warning")
class SafetySettings(BaseSiteSetting):
    """Settings that keep readers safe. They hold no words, so one set serves both languages."""

    quick_exit_url = models.URLField(
        _("quick exit destination"),
        default=default_quick_exit_url,
        help_text=_(
            "The neutral site that quick exit opens in place of this one, such as a weather "
            "or news page. Use an https address that does not need a login."
        ),
    )

    panels = [FieldPanel("quick_exit_url")]

    class Meta:
        verbose_name = _("safety settings")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "impact"
    verbose_name = _("Engagement and impact")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages.outage import allow_sending_again

        # Imported for what they connect: telling participants when a story is published
        # (signals), clearing what erased members told us about activities (members), the
        # kinds of message to members with the pages their links open (sending, replies,
        # reminders, updates), which must exist before any email task runs or link is opened.
        from . import members, reminders, replies, sending, signals, updates  # noqa: F401
        from .forms import ContributionForm

        # What was typed into the form is offered back should the database be down.
        allow_sending_again(ContributionForm)
